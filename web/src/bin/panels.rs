//! The panels' wasm module (see `gmd_web::panels`): the go.mod check, sharing, the probe panel,
//! and the report page.

use wasm_bindgen::prelude::*;

fn main() {
    gmd_web::panels::start();
}

/// A value from the home page's module (`gmd_web::panels::set`).
#[wasm_bindgen]
pub fn set(key: &str, value: &str) {
    gmd_web::panels::set(key, value);
}
