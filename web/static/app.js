// Loads the page's wasm module. Kept out of index.html so the Content-Security-Policy allows no
// inline script.
//
// One module per page, so a visit loads one: the home page's (paste, analysis, findings, the
// go.mod check, share, probe) or the report page's (`/r`, `/r/<id>`). The server-rendered paste
// box is usable meanwhile; the home module keeps what was typed in it.
const path = location.pathname;
const reportPage = path === "/r" || path.startsWith("/r/");

async function start() {
  const app = await import(reportPage ? "./pkg/gmd_report_page.js" : "./pkg/gmd_web.js");
  await app.default();
  performance.mark("gmd-ready");
  document.documentElement.setAttribute("data-ready", "true");
}

start().catch((error) => {
  console.error(error);
});
