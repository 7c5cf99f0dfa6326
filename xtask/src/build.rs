//! Building the two deployable parts: the web app (`dist/site`) and the worker (`worker/build`).

use crate::cmd;
use crate::tools::Tools;
use std::path::Path;
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Builds the web app, then the worker.
pub fn all(root: &Path, tools: &Tools) -> Result<(), String> {
    web(root, tools)?;
    worker(root, tools)
}

/// Release wasm (a module per page) → wasm-bindgen → wasm-opt, plus the static files, into
/// `dist/site`.
pub fn web(root: &Path, tools: &Tools) -> Result<(), String> {
    cmd::run(Command::new("cargo").current_dir(root).args([
        "build",
        "--release",
        "--target",
        WASM_TARGET,
        "--package",
        "gmd-web",
    ]))?;
    let site = root.join("dist/site");
    let pkg = site.join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("cannot clean {}: {e}", pkg.display()))?;
    }
    // A module per page (web/Cargo.toml): the home page's and the report page's.
    for (binary, name) in [("gmd-web", "gmd_web"), ("gmd-report-page", "gmd_report_page")] {
        let wasm = target_dir(root)
            .join(WASM_TARGET)
            .join(format!("release/{binary}.wasm"));
        cmd::run(
            Command::new(&tools.wasm_bindgen)
                .args(["--target", "web", "--no-typescript", "--out-name", name, "--out-dir"])
                .arg(&pkg)
                .arg(&wasm),
        )?;
        let bindgen_wasm = pkg.join(format!("{name}_bg.wasm"));
        // -Os: 1.2 KiB brotli smaller than -Oz on the home module (measured; -Oz is smaller
        // before compression, not after). --low-memory-unused lets wasm-opt fold constant
        // offsets into loads and stores (2.0 KiB brotli less): Rust puts the stack first, below
        // 1 MiB and growing down, the data above it, so the low 1 KiB is reached only by a
        // stack a few bytes from overflowing.
        cmd::run(
            cmd::node_command(root, &tools.wasm_opt)
                .args([
                    "-Os",
                    "--low-memory-unused",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                ])
                .args([
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                ])
                .args(["--enable-multivalue", "-o"])
                .arg(&bindgen_wasm)
                .arg(&bindgen_wasm),
        )?;
        // The glue minified: 44.6 → 20 KB, 1.6 KiB brotli less per visit (measured).
        let glue = pkg.join(format!("{name}.js"));
        let mut outfile = std::ffi::OsString::from("--outfile=");
        outfile.push(&glue);
        cmd::run(
            cmd::node_command(root, &tools.esbuild)
                .args(["--minify", "--format=esm", "--log-level=warning", "--allow-overwrite"])
                .arg(&glue)
                .arg(outfile),
        )?;
    }
    copy_dir(&root.join("web/static"), &site)
}

/// `worker-build --release` with every tool pinned, so it downloads nothing.
pub fn worker(root: &Path, tools: &Tools) -> Result<(), String> {
    cmd::run(
        cmd::node_command(root, &tools.worker_build)
            .current_dir(root.join("worker"))
            .arg("--release")
            // The worker is billed and limited by CPU time, not by size (it is well under the
            // limit): optimise for speed. Parsing and hashing a 210 KiB report takes 0.41 ms at
            // opt-level 3 against 1.5 ms at the web app's "z" (natively). Cargo keeps both
            // builds of the shared crates side by side in target/.
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
            .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
            .env("WASM_OPT_BIN", &tools.wasm_opt)
            .env("ESBUILD_BIN", &tools.esbuild),
    )
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let (source, destination) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &destination)?;
        } else {
            std::fs::copy(&source, &destination).map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}
