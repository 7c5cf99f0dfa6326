//! Between the two wasm modules (each with its own memory and signals). From the home page's
//! module to the panels module: the values the panels read, sent by name as they change; until
//! the panels module has arrived they wait in a map, which `app.js` hands over. From the panels
//! back to the home module: what a probe of the failed request found (`send_home`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function send(key, value) {
  const panels = globalThis.gmdPanels;
  if (panels) panels(key, value);
  else (globalThis.gmdPending ??= new Map()).set(key, value);
}
export function send_home(key, value) {
  globalThis.gmdHome?.(key, value);
}")]
extern "C" {
    /// Sends `value` under `key` to the panels (see [`crate::panels::set`] for the keys).
    pub fn send(key: &str, value: &str);
    /// Sends `value` under `key` to the home module ([`crate::home_set`]); nothing on a page
    /// without it.
    pub fn send_home(key: &str, value: &str);
}
