// Loads the wasm app. Kept out of index.html so the Content-Security-Policy allows no inline script.
import init from "./pkg/gmd_web.js";

init().then(() => document.documentElement.setAttribute("data-ready", "true"));
