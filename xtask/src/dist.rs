//! `cargo xtask dist`: release binaries of the CLI for the people it is for — Go developers and
//! CI pipelines without Rust — into `dist/site/dl/` (the worker serves them under `/dl/`), named
//! `gomod-doctor-<version>-<target>[.exe]`, with `SHA256SUMS`.
//!
//! Cross toolchains come from the package registries: Zig (PyPI `ziglang`) as the C compiler and
//! linker, driven by `cargo-zigbuild` (PyPI), in `.venv-dist`; each Rust target's standard
//! library from rustup. Static (musl) on Linux; no system library anywhere. The same bytes on a
//! rebuild: symbols stripped, the paths of this checkout and of Cargo's home remapped.

use crate::cmd;
use std::path::{Path, PathBuf};
use std::process::Command;

/// PyPI `ziglang`: the C compiler and linker of every cross build.
const ZIGLANG_VERSION: &str = "0.17.0";
/// PyPI `cargo-zigbuild`: cargo with Zig as the linker.
const CARGO_ZIGBUILD_VERSION: &str = "0.24.0";

/// A target the CLI is built for, and whether its binary runs on these machines (the others are
/// built, not run: no macOS or Windows machine, no aarch64 one).
pub struct Target {
    pub triple: &'static str,
    pub tested_here: bool,
}

pub const TARGETS: &[Target] = &[
    Target {
        triple: "x86_64-unknown-linux-musl",
        tested_here: true,
    },
    Target {
        triple: "aarch64-unknown-linux-musl",
        tested_here: false,
    },
    Target {
        triple: "x86_64-pc-windows-gnu",
        tested_here: false,
    },
    Target {
        triple: "x86_64-apple-darwin",
        tested_here: false,
    },
    Target {
        triple: "aarch64-apple-darwin",
        tested_here: false,
    },
];

/// The largest binary we ship.
pub const MAX_BINARY_BYTES: u64 = 6 * 1024 * 1024;

/// The file name of the binary for `triple` at `version`.
pub fn binary_name(version: &str, triple: &str) -> String {
    let exe = if triple.contains("windows") { ".exe" } else { "" };
    format!("gomod-doctor-{version}-{triple}{exe}")
}

/// Builds the binaries of `targets` into `dist/site/dl/` and writes `SHA256SUMS` for every
/// binary there; returns their paths.
pub fn run(root: &Path, targets: &[&Target]) -> Result<Vec<PathBuf>, String> {
    let zigbuild = ensure_zigbuild(root)?;
    let version = workspace_version(root)?;
    let out = root.join("dist/site/dl");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut built = Vec::new();
    for target in targets {
        cmd::run(Command::new("rustup").args(["target", "add", target.triple]))?;
        let binary = build(root, &zigbuild, target.triple)?;
        let size = std::fs::metadata(&binary).map_err(|e| e.to_string())?.len();
        if size > MAX_BINARY_BYTES {
            return Err(format!(
                "{} is {size} bytes, over the {MAX_BINARY_BYTES} budget",
                binary.display()
            ));
        }
        let shipped = out.join(binary_name(&version, target.triple));
        std::fs::copy(&binary, &shipped).map_err(|e| format!("cannot copy {}: {e}", binary.display()))?;
        println!("{} ({size} bytes)", shipped.display());
        built.push(shipped);
    }
    write_sums(&out)?;
    Ok(built)
}

/// `cargo zigbuild --release` of the CLI for `triple`, stripped, its paths remapped.
fn build(root: &Path, zigbuild: &Path, triple: &str) -> Result<PathBuf, String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default();
    let remap = |from: &Path, to: &str| format!("--remap-path-prefix={}={to}", from.display());
    let flags = [remap(root, "gomod-doctor"), remap(&cargo_home, "cargo")].join("\u{1f}");
    let venv_bin = root.join(".venv-dist/bin");
    cmd::run(
        Command::new(zigbuild)
            .current_dir(root)
            .args([
                "zigbuild",
                "--release",
                "--locked",
                "--package",
                "gomod-doctor",
                "--target",
                triple,
            ])
            // Zig is found as `python3 -m ziglang` of the venv.
            .env("PATH", cmd::path_with(&venv_bin))
            .env("CARGO_PROFILE_RELEASE_STRIP", "symbols")
            // The CLI analyses megabytes of logs: speed over size (it is well under budget).
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
            .env("CARGO_ENCODED_RUSTFLAGS", flags)
            .env("SOURCE_DATE_EPOCH", "0"),
    )?;
    let exe = if triple.contains("windows") { ".exe" } else { "" };
    Ok(crate::build::target_dir(root)
        .join(triple)
        .join(format!("release/gomod-doctor{exe}")))
}

/// `SHA256SUMS` of every binary in `dir`, as `sha256sum` writes it (`<hex>  <name>`), sorted.
fn write_sums(dir: &Path) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("gomod-doctor-"))
        .collect();
    names.sort();
    let sums = cmd::output(Command::new("sha256sum").current_dir(dir).args(&names)).ok_or("sha256sum failed")?;
    std::fs::write(dir.join("SHA256SUMS"), sums).map_err(|e| format!("cannot write SHA256SUMS: {e}"))
}

/// `.venv-dist` with PyPI `ziglang` and `cargo-zigbuild` at their pinned versions; returns
/// `cargo-zigbuild`.
fn ensure_zigbuild(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join(".venv-dist");
    let zigbuild = venv.join("bin/cargo-zigbuild");
    let installed = cmd::output(Command::new(&zigbuild).arg("--version")).unwrap_or_default();
    let zig = cmd::output(Command::new(venv.join("bin/python")).args(["-m", "ziglang", "version"])).unwrap_or_default();
    if installed.trim() == format!("cargo-zigbuild {CARGO_ZIGBUILD_VERSION}") && zig.trim() == ZIGLANG_VERSION {
        return Ok(zigbuild);
    }
    crate::tools::pip_install(
        root,
        &venv,
        &[
            format!("ziglang=={ZIGLANG_VERSION}"),
            format!("cargo-zigbuild=={CARGO_ZIGBUILD_VERSION}"),
        ],
    )?;
    Ok(zigbuild)
}

/// The workspace's version (`[workspace.package] version`), which the binaries are named with.
fn workspace_version(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .split("[workspace.package]")
        .nth(1)
        .and_then(|section| section.lines().find(|l| l.trim_start().starts_with("version")))
        .and_then(|line| line.split('"').nth(1))
        .map(str::to_owned)
        .ok_or_else(|| "no [workspace.package] version in Cargo.toml".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_the_version() {
        assert_eq!(
            binary_name("0.1.0", "x86_64-pc-windows-gnu"),
            "gomod-doctor-0.1.0-x86_64-pc-windows-gnu.exe"
        );
        assert_eq!(
            binary_name("0.1.0", "aarch64-apple-darwin"),
            "gomod-doctor-0.1.0-aarch64-apple-darwin"
        );
        let version = workspace_version(&crate::repository_root()).expect("a version");
        assert!(version.split('.').count() == 3, "{version}");
    }
}
