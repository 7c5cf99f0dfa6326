// The page's load budgets in real headless Chromium (issue 17): what the first load weighs, and
// the static instructions painted before any WebAssembly arrives, on loopback and on a throttled
// "Fast 3G" link. The medians over several runs are `cargo xtask bench`'s (tests/bench/web-budget.mjs);
// here the best of three guards each budget in the suite.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { artifactPath, brotliSize, firstContentfulPaint, launchBrowser, moduleFiles, startWorker, throttleFast3G } from "./support.mjs";

let worker;
let browser;
before(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await worker?.stop();
});

// 250 KiB until fixes became typed commands with inputs for their holes (the renderers for three
// shells, the command model and the inputs: 235 → 263 KiB, measured), then the failures no rule
// explains, hangs and how sure each finding is (263 → 270.4 KiB), then the go command's error
// catalogue (860 formats, its reader) and the attribution table (270.4 → 307.2 KiB, measured;
// the catalogue's text alone is 12 KiB of it), then the log's readers split into one function
// per family, for speed (307.2 → 311.4 KiB, measured). The issue "A page that keeps its promises"
// brings the first visit to 150 KiB.
const FIRST_LOAD_KIB = 315;

test(`the first load carries only the home page's module: within ${FIRST_LOAD_KIB} KiB brotli`, () => {
  const first = brotliSize(["index.html", "app.js", "style.css", ...moduleFiles("gmd_web")]);
  assert.ok(first <= FIRST_LOAD_KIB * 1024, `first load ${(first / 1024).toFixed(1)} KiB`);
  // The panels' module is a module of its own, fetched after the first: not part of it.
  const panels = brotliSize(moduleFiles("gmd_panels"));
  assert.ok(panels > 0);
  const html = readFileSync(new URL("../../dist/site/index.html", import.meta.url), "utf8");
  assert.match(html, /<link rel="preload" href="\/pkg\/gmd_web_bg\.wasm"/);
  assert.doesNotMatch(html, /gmd_panels/, "the home page preloads only its own module");
});

/** First contentful paint of `/` in a fresh context, throttled like DevTools' "Fast 3G" if asked. */
async function firstPaint(fast3g, screenshot) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (fast3g) await throttleFast3G(context, page);
  await page.goto(worker.url, { waitUntil: "commit" });
  const fcp = await firstContentfulPaint(page);
  if (screenshot) {
    // What the visitor reads while the wasm is on its way: the instructions, in both languages.
    assert.equal(await page.getAttribute("html", "data-ready"), null, "the app is not up yet");
    assert.match(await page.textContent("main#prerendered"), /go env/);
    await page.screenshot({ path: await artifactPath(screenshot) });
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    assert.equal(await page.$("main#prerendered"), null, "then the app takes over");
  }
  await context.close();
  return fcp;
}

test("the instructions paint within 300 ms on loopback and 1.5 s on Fast 3G, before the wasm", async () => {
  const loopback = [];
  const fast3g = [];
  for (let run = 0; run < 3; run++) {
    loopback.push(await firstPaint(false));
    fast3g.push(await firstPaint(true, run === 0 ? "home-fast3g-first-paint.png" : undefined));
  }
  assert.ok(Math.min(...loopback) <= 300, `loopback ${loopback.map((x) => x.toFixed(0)).join(", ")} ms`);
  assert.ok(Math.min(...fast3g) <= 1500, `Fast 3G ${fast3g.map((x) => x.toFixed(0)).join(", ")} ms`);
});
