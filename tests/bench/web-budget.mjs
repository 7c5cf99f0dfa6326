// The web budgets of SPEC §5, measured in real headless Chromium against the local worker:
// ≤ 150 KiB brotli before the paste box is usable (the HTML holds the box, the style sheet blocks
// its paint), ≤ 350 KiB for everything a visit loads (the page's one wasm module), the paste box
// usable within 1.0 s at 150 ms RTT, 1.6 Mbit/s and a 4× slower CPU, first contentful paint
// ≤ 300 ms on loopback
// and ≤ 1.5 s on a throttled "Fast 3G" link, first finding ≤ 300 ms from navigation, a 1 MiB
// paste analysed and shown ≤ 100 ms. Run by `cargo xtask bench`; exits 1 over budget.
import { readFileSync, readdirSync } from "node:fs";
import { brotliSize, firstContentfulPaint, launchBrowser, moduleFiles, startWorker, throttleFast3G, throttleSlowLink } from "../e2e/support.mjs";

const pasteBox = brotliSize(["index.html", "style.css"]);
const visit = (module) => brotliSize(["index.html", "style.css", "app.js", "favicon.ico", ...moduleFiles(module)]);
const homeVisit = visit("gmd_web");
const reportVisit = visit("gmd_report_page");

// 1 MiB of real pastes: every case of the development corpus (settings, go.mod, log), repeated.
const realDir = new URL("../fixtures/real/", import.meta.url);
const realOnce = readdirSync(realDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .flatMap((name) =>
    ["env.txt", "go.mod", "log.txt"].map((file) => {
      try {
        return readFileSync(new URL(`${name}/${file}`, realDir), "utf8") + "\n";
      } catch {
        return "";
      }
    }),
  )
  .join("");
// Cut at 1 MiB of UTF-8 (the corpus has Chinese), on a character boundary.
const realPastes = new TextDecoder()
  .decode(Buffer.from(realOnce.repeat(Math.ceil((1024 * 1024) / realOnce.length))).subarray(0, 1024 * 1024 - 1))
  .replace(/\uFFFD$/, "");

/** Pastes `text` and resolves with the milliseconds until `selector` shows (holding `needle`),
 * measured inside the page from the input event. */
const timePaste = (page, text, selector, needle = "") =>
  page.evaluate(
    ([text, selector, needle]) =>
      new Promise((resolve) => {
        const area = document.querySelector("textarea#paste");
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector)?.textContent.includes(needle)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        area.value = text;
        const start = performance.now();
        area.dispatchEvent(new Event("input", { bubbles: true }));
      }),
    [text, selector, needle],
  );

const worker = await startWorker();
const browser = await launchBrowser();
const results = [];
try {
  const firstFinding = [];
  const large = [];
  const warm = [];
  const real = [];
  for (let run = 0; run < 7; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(worker.url);
    await page.waitForSelector("html[data-ready=true]");
    // Time from navigation start to the first finding on screen, for a paste made as soon as
    // the app is ready, measured inside the page.
    firstFinding.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const ready = performance.getEntriesByName("gmd-ready")[0].startTime;
            const area = document.querySelector("textarea#paste");
            const observer = new MutationObserver(() => {
              if (document.querySelector("article[data-cause]")) {
                observer.disconnect();
                // The paste happens at `ready` in a real visit; remove the harness's round trip.
                resolve(ready + (performance.now() - start));
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            const start = performance.now();
            area.value = "GOPROXY='off'\n";
            area.dispatchEvent(new Event("input", { bubbles: true }));
          }),
      ),
    );
    // A 1 MiB paste (a real failure log repeated), from the input event to the findings shown:
    // first in a fresh page, right after the first finding (the app's warm-up, 50 ms after
    // start, has had the engine optimise the hot code), then again.
    for (const round of [0, 1]) {
      const unit = `go: github.com/acme-internal/auth@v0.9.${round}: reading https://proxy.golang.org/github.com/acme-internal/auth/@v/v0.9.${round}.mod: 410 Gone\n\tserver response: not found: terminal prompts disabled\nGOPROXY='https://proxy.golang.org,direct'\n`;
      const text = unit.repeat(Math.floor((1024 * 1024 - 1) / unit.length));
      const selector = 'article[data-cause="private_module_via_public_proxy"] .evidence';
      (round === 0 ? large : warm).push(await timePaste(page, text, selector, `v0.9.${round}`));
    }
    // The same on the real pastes, from an empty page: until the findings are drawn again. (The
    // box is emptied as it was filled, by script: Playwright's `fill` selects and deletes the
    // 1 MiB through the browser's editing, ~30 s here, which is not the page's time.)
    await page.evaluate(() => {
      const area = document.querySelector("textarea#paste");
      area.value = "";
      area.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForSelector("article[data-cause]", { state: "detached" });
    real.push(await timePaste(page, realPastes, "article[data-cause]"));
    await context.close();
  }
  // First contentful paint: the static HTML (what to paste) shows before the wasm arrives. On
  // loopback, and under Chromium's "Fast 3G" profile (DevTools: 1.44 Mbit/s down, 675 kbit/s up,
  // 562.5 ms round trip), each from a cold cache.
  const fcp = { loopback: [], fast3g: [] };
  for (const profile of ["loopback", "fast3g"]) {
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (profile === "fast3g") await throttleFast3G(context, page);
      await page.goto(worker.url, { waitUntil: "commit" });
      fcp[profile].push(await firstContentfulPaint(page));
      await context.close();
    }
  }
  // The paste box on a slow link and a slow CPU: from navigation to the box painted.
  const usable = [];
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await throttleSlowLink(context, page);
    await page.goto(worker.url, { waitUntil: "commit" });
    await page.waitForSelector("textarea#paste");
    const painted = await firstContentfulPaint(page);
    usable.push(await page.evaluate((p) => Math.max(p, performance.getEntriesByType("navigation")[0].domInteractive), painted));
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results.push(["paste box usable, 150 ms RTT, 1.6 Mbit/s, CPU ×4 (median of 5)", `${median(usable).toFixed(0)} ms`, "1000 ms", median(usable) <= 1000]);
  results.push(["first contentful paint, loopback (median of 5)", `${median(fcp.loopback).toFixed(0)} ms`, "300 ms", median(fcp.loopback) <= 300]);
  results.push(["first contentful paint, Fast 3G (median of 5)", `${median(fcp.fast3g).toFixed(0)} ms`, "1500 ms", median(fcp.fast3g) <= 1500]);
  results.push(["before the paste box is usable (brotli)", `${(pasteBox / 1024).toFixed(1)} KiB`, "150 KiB", pasteBox <= 150 * 1024]);
  results.push(["everything a visit to the home page loads (brotli)", `${(homeVisit / 1024).toFixed(1)} KiB`, "350 KiB", homeVisit <= 350 * 1024]);
  results.push(["everything a visit to a report page loads (brotli)", `${(reportVisit / 1024).toFixed(1)} KiB`, "350 KiB", reportVisit <= 350 * 1024]);
  results.push(["first finding from navigation (median of 7)", `${median(firstFinding).toFixed(0)} ms`, "300 ms", median(firstFinding) <= 300]);
  results.push(["1 MiB paste analysed and shown, fresh page (median of 7)", `${median(large).toFixed(0)} ms`, "100 ms", median(large) <= 100]);
  results.push(["1 MiB paste analysed and shown, second paste (median of 7)", `${median(warm).toFixed(0)} ms`, "100 ms", median(warm) <= 100]);
  results.push(["1 MiB of the development corpus's real pastes analysed and shown (median of 7)", `${median(real).toFixed(0)} ms`, "100 ms", median(real) <= 100]);
} finally {
  await browser.close();
  await worker.stop();
}
for (const [name, value, budget, ok] of results) console.log(`${ok ? "ok  " : "OVER"} ${name}: ${value} (budget ${budget})`);
process.exit(results.every((r) => r[3]) ? 0 : 1);
