// The mirrors' status board against the real worker in local workerd: the Cron Trigger driven
// through `wrangler dev --test-scheduled` (`/__scheduled`) probes gmd-fake-proxy mirrors on
// loopback with injected faults, its history in the local D1; then the board, its JSON, the
// Atom feed and a badge, and the page in headless Chromium (both themes, axe, Chinese).
import assert from "node:assert/strict";
import { brotliCompressSync, constants } from "node:zlib";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { artifactPath, brotliSize, freePort, launchBrowser, openSitePage, shanghaiTime, startFakeProxies, startWorker } from "./support.mjs";

let worker;
let browser;
const proxies = {};
// The outage proxy fails every request for a few seconds from its first one, then serves.
const OUTAGE_MS = 4_000;
before(async () => {
  await startFakeProxies({ healthy: [], broken: ["--fault", "status:502"], outage: ["--fault", `status-for:502:${OUTAGE_MS}`] }, proxies);
  worker = await startWorker({
    vars: {
      GMD_TEST_MODE: "1",
      GMD_PROBE_SUMDB_KEY: proxies.healthy.sumdbKey,
      GMD_STATUS_MIRRORS: [proxies.healthy.url, proxies.broken.url, proxies.outage.url].join(","),
      GMD_STATUS_REGIONS: "weur,apac",
      // The toolchain the fake mirrors serve, and a module they list.
      GMD_STATUS_GO: "1.22.0",
      GMD_STATUS_FRESH: "golang.org/x/text",
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([worker?.stop(), ...Object.values(proxies).map((p) => p.stop())]);
});

const slug = (proxy) => proxy.url.replace("http://", "");
const scheduled = async (base = worker.url) => {
  const response = await fetch(`${base}/__scheduled?cron=*/5+*+*+*+*`);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Ran scheduled event/);
};
const status = async () => {
  const response = await fetch(`${worker.url}/api/status`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  return response.json();
};
const mirror = (board, proxy) => board.mirrors.find((m) => m.mirror === proxy.url);

test("before any run the board says it has no data yet", async () => {
  const page = await (await fetch(`${worker.url}/status`)).text();
  assert.match(page, /data-status="no-run"/);
  assert.equal((await status()).last_run, null);
});

test("scheduled runs fill the board: each mirror from each region, incidents from consecutive failures, and their end", async () => {
  const firstRun = Date.now();
  await scheduled();
  await scheduled();
  let board = await status();
  assert.deepEqual(board.regions, ["weur", "apac"]);
  assert.equal(board.cut_off, false);
  assert.equal(mirror(board, proxies.healthy).state, "up");
  assert.equal(mirror(board, proxies.broken).state, "down");
  assert.deepEqual(mirror(board, proxies.broken).cells.map((c) => [c.region, c.status, c.kind]), [
    ["weur", "down", "list:http_error"],
    ["apac", "down", "list:http_error"],
  ]);
  assert.equal(mirror(board, proxies.healthy).uptime_24h, 1);
  assert.equal(mirror(board, proxies.broken).uptime_24h, 0);
  const open = (b, proxy) => b.incidents.find((i) => i.mirror === proxy.url);
  assert.deepEqual([open(board, proxies.broken).end, open(board, proxies.broken).endpoints], [null, ["list"]]);
  assert.ok(open(board, proxies.outage), JSON.stringify(board.incidents));
  assert.equal(open(board, proxies.healthy), undefined);
  // How long a missing version takes to fail: the fake mirrors answer 404 at once.
  assert.ok(mirror(board, proxies.healthy).not_found_ms < 2_000, JSON.stringify(mirror(board, proxies.healthy)));
  assert.equal(mirror(board, proxies.broken).not_found_ms, null, "a 502 is not a 404");
  // Freshness: the module's newest version as each mirror lists it.
  const fresh = board.freshness.find((f) => f.mirror === proxies.healthy.url);
  assert.deepEqual([fresh.module, fresh.version, fresh.lag_ms], ["golang.org/x/text", "v0.14.0", 0]);
  // The outage passes; the next run ends its incident, the broken mirror's goes on.
  await sleep(Math.max(0, firstRun + OUTAGE_MS + 500 - Date.now()));
  await scheduled();
  board = await status();
  assert.equal(mirror(board, proxies.outage).state, "up");
  assert.ok(open(board, proxies.outage).end > open(board, proxies.outage).start, JSON.stringify(board.incidents));
  assert.equal(open(board, proxies.broken).end, null);
});

test("the board's page, the Atom feed and the badges", async () => {
  const response = await fetch(`${worker.url}/status`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-security-policy"), /default-src 'none'; script-src 'self'; style-src 'self'/);
  const page = await response.text();
  assert.match(page, new RegExp(`data-mirror="${slug(proxies.broken).replace(/\./g, "\\.")}" data-state="down"`));
  assert.match(page, /<th scope="col">Western Europe<\/th><th scope="col">Asia-Pacific<\/th>/);
  assert.match(page, /<svg class="bars"[^>]*role="img" aria-label="[^"]*uptime, last 90 days/);
  assert.match(page, /data-ongoing="true"><strong>127\.0\.0\.1:\d+<\/strong>/);
  assert.match(page, /data-ongoing="false">/);
  const zh = await (await fetch(`${worker.url}/status?lang=zh-CN`)).text();
  assert.match(zh, /<html lang="zh-CN">/);
  assert.match(zh, /西欧/);
  const chinese = await (await fetch(`${worker.url}/status`, { headers: { "Accept-Language": "zh-CN,zh;q=0.9" } })).text();
  assert.match(chinese, /Go 模块镜像状态/);

  const feed = await fetch(`${worker.url}/status/feed.atom`);
  assert.match(feed.headers.get("content-type"), /^application\/atom\+xml/);
  const atom = await feed.text();
  assert.equal(atom.match(/<entry>/g).length, 2, atom);
  assert.ok(atom.includes(`<title>${slug(proxies.broken)}: failing from apac, weur</title>`) || atom.includes(`<title>${slug(proxies.broken)}: failing from weur, apac</title>`), atom);
  assert.match(atom, /\(resolved\)<\/title>/);

  const badge = await fetch(`${worker.url}/status/badge/${slug(proxies.healthy)}.svg`);
  assert.equal(badge.status, 200);
  assert.match(badge.headers.get("content-type"), /^image\/svg\+xml/);
  assert.match(await badge.text(), /aria-label="127\.0\.0\.1:\d+: 100% 7d"/);
  const down = await (await fetch(`${worker.url}/status/badge/${slug(proxies.broken)}.svg`)).text();
  assert.match(down, /fill="#c62828"/);
  const unknown = await fetch(`${worker.url}/status/badge/nosuch.example.svg`);
  assert.equal(unknown.status, 404);
  assert.match(await unknown.text(), /unknown/);
});

test("the board in Chromium: both themes, no serious accessibility violation, within the web budgets", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme, bypassCSP: true });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    const started = performance.now();
    await page.goto(`${worker.url}/status`);
    const loaded = performance.now() - started;
    assert.ok(loaded < 1_000, `the board loads in ${loaded.toFixed(0)} ms`);
    const fill = await page.$eval("svg.bars rect.u-down, svg.bars rect.u-full", (r) => getComputedStyle(r).fill);
    assert.notEqual(fill, "rgb(0, 0, 0)", "bars take their colour from the style sheet");
    await page.addScriptTag({ path: fileURLToPath(import.meta.resolve("axe-core/axe.min.js")) });
    const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], colorScheme);
    await page.screenshot({ path: await artifactPath(`status-${colorScheme}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
  // No wasm: the page is its HTML, the site's style sheet and the script that shows its times
  // in the reader's zone.
  const html = Buffer.from(await (await fetch(`${worker.url}/status`)).arrayBuffer());
  const size = (brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length + brotliSize(["style.css", "local-time.js"])) / 1024;
  assert.ok(size < 50, `the board, its style sheet and script are ${size.toFixed(1)} KiB brotli`);
});

test("the board's times in the reader's zone and language; without scripts, UTC said plainly", async () => {
  const reader = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await reader.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${worker.url}/status?lang=zh-CN`);
  const times = await page.$$eval("time[datetime]", (ts) => ts.map((t) => [t.dateTime, t.textContent, t.title]));
  assert.ok(times.length >= 2, JSON.stringify(times));
  for (const [iso, text, title] of times) {
    assert.equal(text, shanghaiTime(iso), iso);
    // What the server wrote stays as the title: the same minute in UTC, said to be UTC.
    assert.equal(title, `${iso.slice(0, 16).replace("T", " ")}（UTC）`);
  }
  assert.deepEqual(problems, []);
  await reader.close();
  const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Shanghai" });
  const plain = await noScript.newPage();
  await plain.goto(`${worker.url}/status`);
  const [iso, text] = await plain.$eval("time[datetime]", (t) => [t.dateTime, t.textContent]);
  assert.equal(text, `${iso.slice(0, 16).replace("T", " ")} UTC`);
  await noScript.close();
});

test("the board at 390 px and at 1280 px, in English and Chinese: no cell's words broken across lines; a narrow table scrolls in its frame", async () => {
  for (const [width, locale] of [[390, "en-US"], [390, "zh-CN"], [1280, "en-US"], [1280, "zh-CN"]]) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
    const page = await context.newPage();
    await page.goto(`${worker.url}/status`);
    await page.waitForSelector("#status-now");
    // Each cell's text on as many lines as it has words at most, never a letter per line.
    const broken = await page.$$eval("#status-now th, #status-now td, #status-freshness td", (cells) =>
      cells
        .map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          return { text: cell.textContent.trim(), lines };
        })
        .filter(({ text, lines }) => text && lines > 1),
    );
    assert.deepEqual(broken, [], `${width} px ${locale}`);
    // The page itself does not scroll sideways: the table does, inside a frame a keyboard reaches.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${width} px ${locale}: the page scrolls sideways`);
    assert.equal(await page.getAttribute(".matrix-wrap", "tabindex"), "0");
    if (width === 390) await page.screenshot({ path: await artifactPath(`status-390-${locale}.png`), fullPage: true });
    await context.close();
  }
});

test("the diagnosis links a mirror it names to the board; the probe panel shows the board's last hour next to a fresh probe", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  await page.fill("textarea#paste", "GOPROXY='https://goproxy.cn,direct'\ngo: golang.org/x/text@v0.14.0: reading https://goproxy.cn/golang.org/x/text/@v/v0.14.0.mod: 502 Bad Gateway\n");
  await page.waitForSelector("article.finding.error a.status-link");
  assert.equal(await page.getAttribute("article.finding.error a.status-link", "href"), "/status#goproxy.cn");
  assert.match(await page.textContent("article.finding.error a.status-link"), /Status of goproxy\.cn/);
  // A fresh probe of two mirrors the board watches: its last hour beside it.
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.fill("#probe-custom", `${proxies.healthy.url} ${proxies.broken.url}`);
  await page.click("#probe-run");
  await page.waitForSelector("#probe-board li", { timeout: 15_000 });
  const rows = await page.$$eval("#probe-board li", (lis) => lis.map((li) => [li.dataset.mirror, li.textContent]));
  const row = (proxy) => rows.find(([mirror]) => mirror === proxy.url)?.[1];
  assert.match(row(proxies.healthy), /: \d+ probes · 0 failed/, JSON.stringify(rows));
  assert.match(row(proxies.broken), /: (\d+) probes · \1 failed/, JSON.stringify(rows));
  await page.screenshot({ path: await artifactPath("probe-last-hour.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a simulated week through the same storage: uptime over 7 days and bars per day", async () => {
  const response = await fetch(`${worker.url}/api/status/simulate`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ days: 7, failing: proxies.broken.url }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal((await response.json()).rows, 7 * 24 * 3 * 2);
  const board = await status();
  const healthy = mirror(board, proxies.healthy);
  assert.equal(healthy.uptime_7d, 1);
  assert.ok(healthy.days.length >= 7, JSON.stringify(healthy.days.length));
  const broken = mirror(board, proxies.broken).uptime_7d;
  assert.ok(broken > 0.85 && broken < 0.95, `a tenth of the hours failed: ${broken}`);
  const page = await (await fetch(`${worker.url}/status`)).text();
  assert.ok((page.match(/class="u-full"/g) ?? []).length >= 7 * 2, "a coloured bar per day with data");
});

test("90 days of history for 8 mirrors × 9 regions: the board's queries stay bounded", async () => {
  // The catalogue's size: 8 mirrors (on ports nothing listens on; only their history matters),
  // every region. 90 × 24 × 72 hourly rows, written through the rollup's own statements.
  const mirrors = await Promise.all(Array.from({ length: 8 }, async () => `http://127.0.0.1:${await freePort()}`));
  const long = await startWorker({ vars: { GMD_TEST_MODE: "1", GMD_STATUS_MIRRORS: mirrors.join(",") } });
  try {
    const made = await fetch(`${long.url}/api/status/simulate`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ days: 90, failing: mirrors[3] }),
    });
    assert.equal((await made.json()).rows, 90 * 24 * 8 * 9);
    const times = {};
    for (const path of ["/status", "/api/status", "/status/feed.atom", `/status/badge/${mirrors[3].replace("http://", "")}.svg`]) {
      const took = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await fetch(`${long.url}${path}`);
        assert.equal(response.status, 200, path);
        await response.arrayBuffer();
        took.push(performance.now() - started);
      }
      times[path] = took.sort((a, b) => a - b)[2];
      assert.ok(times[path] < 500, `${path}: ${times[path].toFixed(0)} ms`);
    }
    console.log(`board with 90 days of 8 × 9 (median wall): ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])))}`);
    const board = await (await fetch(`${long.url}/api/status`)).json();
    assert.ok(board.mirrors.every((m) => m.days.length >= 89), `a row per day for each mirror: ${board.mirrors.map((m) => m.days.length)}`);
    const failing = board.mirrors.find((m) => m.mirror === mirrors[3]);
    assert.ok(failing.uptime_90d > 0.85 && failing.uptime_90d < 0.95, String(failing.uptime_90d));
  } finally {
    await long.stop();
  }
});

test("a prober cut off from every mirror says so instead of blaming them", async () => {
  // Two mirrors on ports nothing listens on: every request refused, from every region.
  const closed = [await freePort(), await freePort()].map((port) => `http://127.0.0.1:${port}`);
  const offline = await startWorker({ vars: { GMD_TEST_MODE: "1", GMD_STATUS_MIRRORS: closed.join(","), GMD_STATUS_REGIONS: "weur", GMD_STATUS_FRESH: "golang.org/x/text" } });
  try {
    await scheduled(offline.url);
    await scheduled(offline.url);
    const board = await (await fetch(`${offline.url}/api/status`)).json();
    assert.equal(board.cut_off, true);
    assert.deepEqual(board.mirrors.map((m) => m.state), ["unknown", "unknown"]);
    assert.deepEqual(board.incidents, [], "no mirror is blamed");
    // No cell says down, no window says 0%: the prober measured its own network.
    assert.deepEqual([...new Set(board.mirrors.flatMap((m) => m.cells.map((c) => c.status)))], ["no_data"]);
    assert.deepEqual(board.mirrors.map((m) => m.uptime_24h ?? null), [null, null]);
    const page = await (await fetch(`${offline.url}/status`)).text();
    assert.match(page, /data-status="cut-off"/);
    assert.doesNotMatch(page, /0\.0%/);
    assert.doesNotMatch(page, />down</);
    assert.match(page, /no data/);
  } finally {
    await offline.stop();
  }
});
