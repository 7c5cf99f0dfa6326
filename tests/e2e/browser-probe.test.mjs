// The probe panel in real headless Chromium: the local worker (test mode, so loopback mirrors
// are allowed) probes gmd-fake-proxy mirrors and the matrix fills in from the NDJSON stream.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { artifactPath, freePort, launchBrowser, openSitePage, seriousViolations, shanghaiTime, startFakeProxies, startWorker } from "./support.mjs";

let worker;
let browser;
const proxies = {};
before(async () => {
  const specs = {
    healthy: [],
    altered: ["--fault", "altered-mod@module:golang.org/x/text"],
    unlisted: ["--unlisted", "golang.org/x/text@v0.14.0"],
    slow: ["--fault", "slow:2500"],
    broken: ["--fault", "status:502"],
  };
  await startFakeProxies(specs, proxies);
  worker = await startWorker({ vars: { GMD_TEST_MODE: "1", GMD_PROBE_SUMDB_KEY: proxies.healthy.sumdbKey } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([worker?.stop(), ...Object.values(proxies).map((p) => p.stop())]);
});

const LOG = `GOPROXY='https://goproxy.cn,direct'
go: golang.org/x/text@v0.14.0: verifying go.mod: checksum mismatch
	downloaded: h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
	go.sum:     h1:4vTAJbpa7gw8uu9sr6K5dcuoHxDzq4MurLBlgAVvTCY=
`;

test("probe panel: module from the paste, mirrors × regions filled in as results stream, details per cell", async () => {
  const { page, context, requests, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });

  assert.match(await page.textContent("#probe-china"), /No probe region is inside mainland China/);
  await page.fill("textarea#paste", LOG);
  await page.waitForFunction(() => document.querySelector("#probe-module").value === "golang.org/x/text@v0.14.0");

  // Only our mirrors: untick the public catalogue, name the fake ones, pick two regions.
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  const mirrors = [proxies.healthy.url, proxies.altered.url, proxies.unlisted.url, proxies.slow.url];
  await page.fill("#probe-custom", mirrors.join(" "));
  for (const region of ["weur", "apac"]) await page.check(`#region-${region}`);
  const started = Date.now();
  await page.click("#probe-run");

  const cell = (mirror, column) =>
    page.$eval(
      "#probe-matrix",
      (table, [mirror, column]) => {
        const row = [...table.querySelectorAll("tbody tr")].find((r) => r.querySelector("th").textContent === mirror);
        return row?.querySelectorAll("td")[column]?.textContent ?? null;
      },
      [mirror, column],
    );
  // Streaming: the quick mirrors' cells are filled while the slow one is still waiting.
  await page.waitForFunction(
    (url) => {
      const rows = [...document.querySelectorAll("#probe-matrix tbody tr")];
      const done = (r) => r && ![...r.querySelectorAll("button.cell")].some((b) => b.disabled);
      const healthy = rows.find((r) => r.querySelector("th").textContent === url);
      return done(healthy);
    },
    proxies.healthy.url,
    { timeout: 10_000 },
  );
  assert.match(await cell(proxies.slow.url, 0), /waiting/, "the slow mirror is still on its way");
  assert.ok(Date.now() - started < 2_500, "quick results shown before the slow mirror's answer");
  await page.screenshot({ path: await artifactPath("probe-streaming.png"), fullPage: true });

  // Then everything, compared: ok, mismatch (altered go.mod), stale (version not listed).
  await page.waitForFunction(() => !document.querySelector("#probe-run").disabled, null, { timeout: 15_000 });
  const headers = await page.$$eval("#probe-matrix thead th", (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(headers, ["Mirror", "Western Europe weur", "Asia-Pacific apac", "From your browser"], "regions in words");
  // Every mirror answered from somewhere: no region is blamed, no mirror split by region.
  assert.equal(await page.$("#probe-summary"), null);
  for (const column of [0, 1]) {
    assert.match(await cell(proxies.healthy.url, column), /^ok · \d+ ms/);
    assert.match(await cell(proxies.altered.url, column), /^mismatch/);
    assert.match(await cell(proxies.unlisted.url, column), /^stale/);
    assert.match(await cell(proxies.slow.url, column), /^ok · \d+ ms/);
  }
  // Plain-http mirrors are not timed from an https page; the column says so.
  assert.match(await cell(proxies.healthy.url, 2), /not tried \(plain http\)/);
  assert.match(await page.textContent("#probe"), /hides the status and the content/);

  // A cell's details: each step with its outcome and timing, and the h1 comparison.
  await page.click(`#probe-matrix tbody tr:nth-child(2) button.cell >> nth=0`);
  const details = await page.textContent("#probe-details");
  assert.match(details, new RegExp(proxies.altered.url.replace(/[.:/]/g, "\\$&")));
  assert.match(details, /hashes to h1:\S+, the checksum database says h1:4vTAJbpa7gw8uu9sr6K5dcuoHxDzq4MurLBlgAVvTCY=/);
  for (const step of ["list", "info", "mod", "zip", "sumdb_lookup"]) assert.match(details, new RegExp(step));
  assert.match(details, /go\.mod h1:\S+ · checksum database h1:4vTAJbpa7gw8uu9sr6K5dcuoHxDzq4MurLBlgAVvTCY= \(verified\)/);
  await page.screenshot({ path: await artifactPath("probe-matrix.png"), fullPage: true });
  // The panel open, its matrix filled and a cell's details shown: no serious violation.
  assert.deepEqual(await seriousViolations(page), [], "axe, the probe panel with results");

  // Keyboard: the cells are buttons, reachable and pressable without a mouse.
  await page.focus(`#probe-matrix tbody tr:nth-child(1) button.cell >> nth=1`);
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#probe-details"), /apac/);

  const probes = requests.filter((u) => u.includes("/api/probe"));
  assert.equal(probes.length, 1, "one POST for the whole matrix");
  for (const url of requests) assert.ok(url.startsWith(`${worker.url}/`), `off-machine request: ${url}`);
  assert.deepEqual(problems, [], "console errors (a CSP violation shows up here)");
  await context.close();
});

test("probe panel: a refused mirror URL is reported, in Chinese too", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 400, lang: "zh-CN" });
  assert.match(await page.textContent("#probe-title"), /检查镜像/);
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.click("#probe-run");
  assert.match(await page.textContent("#probe [role=alert]"), /请至少选择一个镜像/);
  await page.fill("#probe-custom", "http://user:secret@mirror.example");
  await page.click("#probe-run");
  // The worker's refusal, in the page's language (its error body carries both).
  await page.waitForFunction(() => /带用户名或密码的 URL 不会被探测/.test(document.querySelector("#probe [role=alert]")?.textContent ?? ""));
  assert.doesNotMatch(await page.textContent("#probe [role=alert]"), /user names|passwords/);
  await page.waitForFunction(() => !document.querySelector("#probe-run").disabled);
  assert.equal(await page.$("#probe-matrix"), null, "the refusal alone, no table of cells that never ran");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow at 400 px: ${overflow}`);
  await page.screenshot({ path: await artifactPath("probe-refused-zh.png"), fullPage: true });
  // A private host name, and the same refusal in English once the reader switches.
  await page.fill("#probe-custom", "http://goproxy.corp.internal");
  await page.click("#probe-run");
  await page.waitForFunction(() => /`goproxy\.corp\.internal` 不是公网主机名/.test(document.querySelector("#probe [role=alert]")?.textContent ?? ""));
  await page.click("button.lang");
  assert.match(await page.textContent("#probe [role=alert]"), /`goproxy\.corp\.internal` is not a public host name/);
  // Chromium logs the refused request's 400 itself; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  await context.close();
});

test("go.mod checked online: a table of each requirement, retracted and deprecated with their reason", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  assert.equal(await page.$("#modcheck"), null, "no panel before a go.mod");
  await page.fill(
    "textarea#paste",
    "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/example/retracted v1.0.0\n\tgithub.com/example/oldlib v1.5.0\n\tgolang.org/x/text v0.14.0\n)\n",
  );
  await page.waitForSelector("#modcheck-run");
  await page.fill("#modcheck-proxy", proxies.healthy.url);
  await page.click("#modcheck-run");
  await page.waitForSelector("#modcheck-summary");
  const rows = await page.$$eval("#modcheck-table tbody tr", (trs) => trs.map((tr) => [tr.dataset.status, tr.textContent]));
  const row = (module) => rows.find(([, text]) => text.includes(module));
  assert.equal(row("github.com/example/retracted")[0], "retracted");
  assert.match(row("github.com/example/retracted")[1], /v1\.0\.0 deletes files on import\..*v1\.1\.0/);
  assert.equal(row("github.com/example/oldlib")[0], "deprecated");
  assert.match(row("github.com/example/oldlib")[1], /use github\.com\/example\/newlib instead\./);
  assert.equal(row("golang.org/x/text")[0], "ok");
  assert.equal(row("go 1.22 (go1.22.0)")[0], "ok", "the go line's toolchain is served");
  assert.match(await page.textContent("#modcheck-summary"), /checked 4 · flagged 2/);
  await page.screenshot({ path: await artifactPath("modcheck.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], "axe, the go.mod check's table");
  assert.deepEqual(problems, []);
  await context.close();
});

test("go.mod check: a GOPRIVATE module's path, and the main module's, never leave the browser; the pasted proxy is used", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  const sent = [];
  page.on("request", (request) => sent.push(`${request.method()} ${request.url()} ${request.postData() ?? ""}`));
  await page.fill(
    "textarea#paste",
    `GOPROXY='${proxies.healthy.url},direct'\nGOPRIVATE='git.corp.example'\n\nmodule git.corp.example/team/app\n\ngo 1.22\n\nrequire (\n\tgit.corp.example/team/lib v1.2.0\n\tgolang.org/x/text v0.14.0\n)\n\nreplace git.corp.example/team/lib => ../lib\n`,
  );
  await page.waitForSelector("#modcheck-run");
  assert.equal(await page.inputValue("#modcheck-proxy"), proxies.healthy.url, "the pasted GOPROXY's first proxy");
  await page.click("#modcheck-run");
  await page.waitForSelector("#modcheck-summary");
  await page.waitForSelector("#modcheck-private");
  const rows = await page.$$eval("#modcheck-table tbody tr", (trs) => trs.map((tr) => [tr.dataset.status, tr.textContent]));
  assert.ok(rows.some(([status, text]) => status === "ok" && text.includes("golang.org/x/text")), JSON.stringify(rows));
  assert.ok(!rows.some(([, text]) => text.includes("git.corp.example")), JSON.stringify(rows));
  const kept = await page.textContent("#modcheck-private");
  assert.match(kept, /git\.corp\.example\/team\/lib v1\.2\.0/);
  assert.match(kept, /GOPRIVATE matches git\.corp\.example/);
  const modcheck = sent.filter((r) => r.includes("/api/modcheck"));
  assert.equal(modcheck.length, 1, sent.join("\n"));
  assert.deepEqual(sent.filter((r) => r.includes("git.corp.example")), [], "no request names a private path");
  assert.deepEqual(problems, []);
  await context.close();
});

test("when no mirror answers from here, the cells say no data, the walk blames no mirror", async () => {
  const { page, context } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  // Two mirrors on ports nothing listens on: every request refused, as from a cut-off network.
  const closed = [await freePort(), await freePort()].map((port) => `http://127.0.0.1:${port}`);
  await page.fill(
    "textarea#paste",
    `GOPROXY='${closed[0]},${closed[1]},direct'\ngo: golang.org/x/text@v0.14.0: reading ${closed[0]}/golang.org/x/text/@v/v0.14.0.mod: 502 Bad Gateway\n`,
  );
  await page.waitForFunction(() => document.querySelector("#probe-module").value === "golang.org/x/text@v0.14.0");
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.fill("#probe-custom", closed.join(" "));
  await page.click("#probe-run");
  await page.waitForSelector("#probe-walk", { timeout: 20_000 });
  const cells = await page.$$eval("#probe-matrix button.cell", (bs) => bs.map((b) => b.dataset.status));
  assert.ok(cells.length >= 2 && cells.every((s) => s === "no_data"), cells.join(" "));
  assert.match(await page.textContent("#probe-walk"), /answered at all: the probe's own way out is cut/);
  assert.doesNotMatch(await page.textContent("#probe-walk"), /not a blip/);
  await context.close();
});

test("the failed request's own GOPROXY: public proxies added to the probe, private ones named", async () => {
  const { page, context } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  await page.fill(
    "textarea#paste",
    "GOPROXY='https://goproxy.example.com,https://athens.corp.internal,direct'\ngo: github.com/x/y@v1.2.3: reading https://goproxy.example.com/github.com/x/y/@v/v1.2.3.mod: 502 Bad Gateway\n",
  );
  await page.waitForSelector("#probe-private");
  assert.equal(await page.inputValue("#probe-custom"), "https://goproxy.example.com");
  assert.match(await page.textContent("#probe-private"), /https:\/\/athens\.corp\.internal/);
  assert.equal(await page.inputValue("#probe-module"), "github.com/x/y@v1.2.3", "the failed request's module and version");
  await context.close();
});

test("the pasted GOPROXY walked with the measured answers: a 502 before ',' stopped the command, '|' would have gone on", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  const [broken, healthy] = [proxies.broken.url, proxies.healthy.url];
  await page.fill(
    "textarea#paste",
    `GOPROXY='${broken},${healthy},direct'\ngo: golang.org/x/text@v0.14.0: reading ${broken}/golang.org/x/text/@v/v0.14.0.mod: 502 Bad Gateway\n`,
  );
  await page.waitForFunction(() => document.querySelector("#probe-module").value === "golang.org/x/text@v0.14.0");
  // Loopback mirrors are private to the page (named, not prefilled): the test names them.
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.fill("#probe-custom", `${broken} ${healthy}`);
  await page.click("#probe-run");
  await page.waitForSelector("#probe-walk", { timeout: 15_000 });
  const host = (url) => url.replace("http://", "");
  const walk = await page.textContent("#probe-walk");
  assert.ok(walk.includes(`${host(broken)} failed (HTTP 502) and , follows it: the go command stops here and the command fails.`), walk);
  assert.ok(walk.includes(`With | instead of , after ${host(broken)}, the go command would have gone on to ${host(healthy)}, which serves golang.org/x/text@v0.14.0.`), walk);
  assert.equal(await page.getAttribute("#probe-walk .walk", "data-end"), "stopped");
  await page.screenshot({ path: await artifactPath("probe-walk.png"), fullPage: true });
  // In Chinese too.
  await page.click("button.lang");
  assert.match(await page.textContent("#probe-walk"), /GOPROXY 中它后面是逗号（,），所以 go 命令在此停止/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a probe run attached to a shared report: the report page shows the measurements, when and where", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  const [broken, healthy] = [proxies.broken.url, proxies.healthy.url];
  await page.fill(
    "textarea#paste",
    `GOPROXY='${broken},direct'\ngo: golang.org/x/text@v0.14.0: reading ${broken}/golang.org/x/text/@v/v0.14.0.mod: 502 Bad Gateway\n`,
  );
  await page.waitForFunction(() => document.querySelector("#probe-module").value === "golang.org/x/text@v0.14.0");
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.fill("#probe-custom", `${broken} ${healthy}`);
  await page.click("#probe-run");
  await page.waitForSelector("#probe-walk", { timeout: 15_000 });
  await page.click("#share");
  await page.waitForSelector("#attach-probes");
  assert.match(await page.textContent(".attach-probes"), /Attach the probe results measured at \d\d:\d\d \(2\)/);
  await page.check("#attach-probes");
  await page.click("#create-link");
  const link = await page.getAttribute("#share-link", "href", { timeout: 10_000 });
  const stored = await (await fetch(`${worker.url}/api/reports/${link.split("/r/")[1]}`)).json();
  assert.equal(stored.measurements?.length, 2, JSON.stringify(stored.measurements));
  await page.goto(link);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
  await page.waitForSelector("#measurements tbody tr", { timeout: 15_000 }).catch(async (e) => {
    throw new Error(`${e.message}\n${await page.textContent("body")}\n${problems}`);
  });
  const rows = await page.$$eval("#measurements tbody tr", (trs) => trs.map((tr) => [tr.dataset.verdict, tr.textContent]));
  const row = (url) => rows.find(([, text]) => text.includes(url));
  assert.equal(row(broken)[0], "down", JSON.stringify(rows));
  assert.match(row(broken)[1], /nearest data centre.*golang\.org\/x\/text@v0\.14\.0.*502/);
  assert.equal(row(healthy)[0], "ok");
  assert.match(await page.textContent("#measurements"), /Measured by this site's worker/);
  await page.screenshot({ path: await artifactPath("report-measurements.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();

  // When, in the reader's zone and language: a reader in Shanghai reads UTC+8, in Chinese.
  const zh = await openSitePage(browser, worker.url, new URL(link).pathname, { lang: "zh-CN", timezoneId: "Asia/Shanghai" });
  await zh.page.waitForSelector("#measurements tbody tr time", { timeout: 15_000 });
  const times = await zh.page.$$eval("#measurements time", (ts) => ts.map((t) => [t.dateTime, t.textContent, t.title]));
  assert.equal(times.length, 2);
  for (const [iso, text, title] of times) {
    assert.equal(text, shanghaiTime(iso), iso);
    assert.equal(title, iso);
  }
  await zh.context.close();
});

test("check this request from its finding card: the probe runs and its walk comes back into the card", async () => {
  const { page, context, problems } = await openSitePage(browser, worker.url, "/", { width: 1100, height: 900 });
  const [broken, healthy] = [proxies.broken.url, proxies.healthy.url];
  await page.fill(
    "textarea#paste",
    `GOPROXY='${broken},${healthy},direct'\ngo: golang.org/x/text@v0.14.0: reading ${broken}/golang.org/x/text/@v/v0.14.0.mod: 502 Bad Gateway\n`,
  );
  await page.waitForSelector("#probe-custom");
  for (const box of await page.$$("#probe input.mirror")) await box.uncheck();
  await page.fill("#probe-custom", `${broken} ${healthy}`);
  const button = page.locator("article.finding.error button.check-request").first();
  assert.match(await button.textContent(), /Check this request on the mirrors: golang\.org\/x\/text@v0\.14\.0/);
  assert.equal(await page.$("#probe-walk"), null, "nothing probed before the click");
  await button.click();
  await page.waitForSelector("article.finding.error .probed li", { timeout: 15_000 });
  const card = await page.textContent("article.finding.error .probed");
  const host = (url) => url.replace("http://", "");
  assert.ok(card.includes(`${host(broken)} failed (HTTP 502) and , follows it: the go command stops here and the command fails.`), card);
  assert.ok(card.includes(`would have gone on to ${host(healthy)}`), card);
  assert.equal(await page.inputValue("#probe-module"), "golang.org/x/text@v0.14.0");
  assert.ok(await page.$("#probe-walk"), "the panel shows the same walk in full");
  await page.screenshot({ path: await artifactPath("finding-probed.png"), fullPage: true });
  await page.click("button.lang");
  assert.match(await page.textContent("article.finding.error .probed"), /刚刚由本站服务端探测/);
  // A new paste with another request: the old note does not stay on its card.
  await page.fill("textarea#paste", `go: github.com/pkg/errors@v0.9.1: reading ${broken}/github.com/pkg/errors/@v/v0.9.1.mod: 502 Bad Gateway\n`);
  await page.waitForFunction(() => !document.querySelector("article.finding.error .probed"));
  assert.deepEqual(problems, []);
  await context.close();
});
