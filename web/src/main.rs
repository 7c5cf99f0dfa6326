//! The home page's wasm module: the paste, the analysis and the findings (`start_home`).

fn main() {
    gmd_web::start_home();
}
