// Loads the wasm app. Kept out of index.html so the Content-Security-Policy allows no inline script.
//
// Two modules: the home page's (paste, analysis, findings: all the first finding needs), then
// the panels' (go.mod check, share, probe), which reads the home module's state through
// `globalThis.gmdPanels` (values sent before it arrived wait in `gmdPending`) and answers through
// `globalThis.gmdHome` (what a probe of the failed request found). A report page
// (`/r`, `/r/<id>`) needs only the panels' module.
const path = location.pathname;
const reportPage = path === "/r" || path.startsWith("/r/");

async function start() {
  if (!reportPage) {
    const home = await import("./pkg/gmd_web.js");
    await home.default();
    globalThis.gmdHome = home.set;
    performance.mark("gmd-ready");
  }
  const panels = await import("./pkg/gmd_panels.js");
  await panels.default();
  globalThis.gmdPanels = panels.set;
  for (const [key, value] of globalThis.gmdPending ?? []) panels.set(key, value);
  globalThis.gmdPending = undefined;
  if (reportPage) performance.mark("gmd-ready");
  document.documentElement.setAttribute("data-ready", "true");
}

start().catch((error) => {
  console.error(error);
});
