// Loads the wasm app. Kept out of index.html so the Content-Security-Policy allows no inline script.
import init from "./pkg/gmd_web.js";

init().then(() => {
  performance.mark("gmd-ready");
  document.documentElement.setAttribute("data-ready", "true");
});
