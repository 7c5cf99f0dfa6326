//! The home page's wasm module: the paste, the analysis, the findings, the go.mod check, share
//! and probe (`gmd_web::start_home`). The report page has a module of its own (`bin/report.rs`).

fn main() {
    gmd_web::start_home();
}
