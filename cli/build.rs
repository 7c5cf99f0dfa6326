//! The target the binary is built for, which `gomod-doctor version` prints.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=GMD_TARGET={target}");
}
