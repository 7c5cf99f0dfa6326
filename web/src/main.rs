//! The home page's wasm module: the paste, the analysis and the findings (`start_home`).

use wasm_bindgen::prelude::*;

fn main() {
    gmd_web::start_home();
}

/// A value from the panels' module (`gmd_web::home_set`).
#[wasm_bindgen]
pub fn set(key: &str, value: &str) {
    gmd_web::home_set(key, value);
}
