//! The report page's wasm module (`/r`, `/r/<id>`, `/r#<fragment>`; `gmd_web::start_report`):
//! the shared input analysed with this page's rules, without the home page's panels.

fn main() {
    gmd_web::start_report();
}
