//! From the home page's module to the panels module (a second wasm module, with its own
//! memory and signals): the values the panels read, sent by name as they change. Until the
//! panels module has arrived they wait in a map; `app.js` hands it over (`connect`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function send(key, value) {
  const panels = globalThis.gmdPanels;
  if (panels) panels(key, value);
  else (globalThis.gmdPending ??= new Map()).set(key, value);
}")]
extern "C" {
    /// Sends `value` under `key` (see [`crate::panels::set`] for the keys).
    pub fn send(key: &str, value: &str);
}
