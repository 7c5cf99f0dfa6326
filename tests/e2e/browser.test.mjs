// The web app in real headless Chromium, served by the local worker.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { FORGED, artifactPath, forgedReport, launchBrowser, openSitePage, sharedReport as sharedReportOf, startWorker } from "./support.mjs";

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

/** A fresh page of the local worker's site (see support.mjs). */
const openPage = (path = "/", options = {}) => openSitePage(browser, worker.url, path, options);

const causes = (page) => page.$$eval("article[data-cause]", (cards) => cards.map((c) => c.dataset.cause));

test("a pasted GOPROXY=off line gives a proxy_off finding computed in the browser", async () => {
  const { page, context, requests, problems } = await openPage();
  assert.match(await page.textContent("#findings"), /Waiting for a paste/);
  await page.screenshot({ path: await artifactPath("home-empty.png"), fullPage: true });

  // The analysis must happen in the page: no request may leave for it.
  const before = requests.length;
  await page.fill("textarea#paste", "GOFLAGS=''\nGOPROXY='off'\n");
  const card = await page.waitForSelector('article[data-cause="proxy_off"]', { timeout: 5_000 });
  assert.equal(requests.length, before, `requests after paste: ${requests.slice(before)}`);
  const text = await card.textContent();
  assert.match(text, /Module downloads are disabled/);
  assert.match(text, /export GOPROXY=https:\/\/proxy\.golang\.org,direct/);
  assert.match(await card.$eval(".evidence", (e) => e.textContent), /2GOPROXY='off'/);
  assert.match(await page.textContent(".config"), /refuses to download \(off\)/);
  // GOPROXY was pasted; GOSUMDB and GOTOOLCHAIN were not: those are said to be the defaults.
  const assumed = await page.$$eval(".config dt", (dts) => dts.map((dt) => [dt.querySelector("code").textContent, !!dt.querySelector(".assumed")]));
  assert.deepEqual(assumed, [["off", false], ["sum.golang.org", true], ["auto", true]]);
  await page.screenshot({ path: await artifactPath("home-proxy-off.png"), fullPage: true });

  await page.fill("textarea#paste", "GOPROXY='https://goproxy.cn,direct'\n");
  await page.waitForSelector('[data-status="nothing_wrong"]');
  assert.equal(await page.$("article[data-cause]"), null);
  await page.fill("textarea#paste", "just some words\n");
  await page.waitForSelector('[data-status="unrecognised"]');
  await page.screenshot({ path: await artifactPath("home-unrecognised.png"), fullPage: true });

  for (const url of requests) assert.ok(url.startsWith(`${worker.url}/`), `off-machine request: ${url}`);
  assert.deepEqual(problems, [], "console errors (a CSP violation shows up here)");
  await context.close();
});

test("the shell selector switches every command, and copy puts it on the clipboard", async () => {
  const { page, context, problems } = await openPage();
  await page.click("button.example >> nth=0");
  const card = await page.waitForSelector('article[data-cause="proxy_unreachable"]');
  assert.match(await card.textContent(), /export GOPROXY=https:\/\/goproxy\.cn,direct/);
  // What the message quotes is marked in the evidence.
  const marked = await card.$$eval(".evidence mark", (ms) => ms.map((m) => m.textContent));
  assert.ok(marked.includes("proxy.golang.org"), `marked: ${marked.join(" | ")}`);
  await page.click("button.shell:has-text('PowerShell')");
  assert.match(await card.textContent(), /\$env:GOPROXY = 'https:\/\/goproxy\.cn,direct'/);
  await page.click("button.shell:has-text('cmd')");
  assert.match(await card.textContent(), /set "GOPROXY=https:\/\/goproxy\.cn,direct"/);
  await page.screenshot({ path: await artifactPath("home-cmd-shell.png"), fullPage: true });
  await card.$eval(".command button.copy", (b) => b.click());
  await page.waitForSelector(".command button.copy:has-text('Copied')");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'set "GOPROXY=https://goproxy.cn,direct"');
  // The pick survives a visit elsewhere and Back.
  await page.goto(`${worker.url}/status`);
  await page.goBack();
  await page.waitForSelector("button.shell:has-text('cmd')[aria-pressed=true]");
  assert.match(await (await page.waitForSelector('article[data-cause="proxy_unreachable"]')).textContent(), /set "GOPROXY=/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the paste's own shell is shown first: a PowerShell prompt, a cmd prompt", async () => {
  const { page, context, problems } = await openPage();
  const log = 'go: github.com/a/b@v1.0.0: Get "https://proxy.golang.org/github.com/a/b/@v/v1.0.0.mod": dial tcp 142.251.43.17:443: connectex: 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。\n';
  await page.fill("textarea#paste", `PS C:\\src\\app> go mod download\n${log}`);
  let card = await page.waitForSelector('article[data-cause="proxy_unreachable"]');
  assert.match(await card.textContent(), /\$env:GOPROXY = 'https:\/\/goproxy\.cn,direct'/);
  assert.equal(await page.getAttribute("button.shell:has-text('PowerShell')", "aria-pressed"), "true");
  await page.fill("textarea#paste", `C:\\src\\app>go mod download\n${log}`);
  await page.waitForSelector("button.shell:has-text('cmd')[aria-pressed=true]");
  card = await page.waitForSelector('article[data-cause="proxy_unreachable"]');
  assert.match(await card.textContent(), /set "GOPROXY=https:\/\/goproxy\.cn,direct"/);
  // The user's pick wins over the paste's.
  await page.click("button.shell:has-text('bash/zsh')");
  assert.match(await card.textContent(), /export GOPROXY=https:\/\/goproxy\.cn,direct/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("delete from the page: after sharing, and later from the report page, only in the creator's browser", async () => {
  const { page, context, problems } = await openPage();
  await page.fill("textarea#paste", "GOPROXY=off\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# to be deleted from the page\n");
  await page.waitForSelector('article[data-cause="proxy_off"]');
  await page.click("#share");
  await page.click("#create-link");
  const link = await (await page.waitForSelector("#share-link")).getAttribute("href");
  const id = link.split("/r/")[1];
  // When it expires, and the way to delete it, right after sharing.
  assert.match(await page.textContent("#report-expiry"), /does not expire/);
  assert.ok(await page.$("#delete-report"));
  // Another browser (no key) sees the report, and no Delete button.
  const other = await openPage(`/r/${id}`);
  await other.page.waitForSelector("p.diff");
  assert.equal(await other.page.$("#delete-report"), null);
  await other.context.close();
  // Later, from the report page, in the creator's browser.
  await page.goto(link);
  await page.waitForSelector("p.diff");
  await page.click("#delete-report");
  await page.waitForSelector("#deleted");
  assert.match(await page.textContent("#deleted"), /Deleted: the link no longer opens/);
  assert.equal((await fetch(`${worker.url}/api/reports/${id}`)).status, 404);
  // The key is forgotten: the page offers nothing more to delete.
  await page.goto(link);
  await page.waitForSelector('[data-status="report_missing"]');
  assert.equal(await page.$("#delete-report"), null);
  // Chromium logs the deleted report's 404 itself; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
  await context.close();
});

test("share: redaction preview, link, same findings when opened; the fragment link too", async () => {
  const { page, context, problems } = await openPage();
  const secret = "s3cr3tpass";
  await page.fill("textarea#paste", `GOPATH='/home/alice/go'\nGOPROXY='https://bob:${secret}@goproxy.corp.example,direct'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n`);
  await page.waitForSelector('article[data-cause="proxy_off"]');
  const home = await causes(page);
  await page.click("#share");
  await page.waitForSelector("ul.redactions");
  assert.match(await page.textContent("ul.redactions"), /<credentials-1>/);
  assert.match(await page.textContent("ul.redactions"), /<user>/);
  // Internal host names are masked by default.
  assert.ok(await page.isChecked("#mask-hosts"));
  assert.match(await page.textContent("ul.redactions"), /<host-\d+>/);
  assert.doesNotMatch(await page.textContent("ul.redactions"), new RegExp(secret));
  // The exact text to upload, its masked spans marked.
  await page.click("details.upload-text summary");
  const marks = await page.$$eval("details.upload-text mark", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes("<credentials-1>") || marks.some((m) => /^<.*>$/.test(m)), marks.join(" "));
  assert.doesNotMatch(await page.textContent("details.upload-text"), new RegExp(secret));
  // What each masking hid and where, in words, not codes.
  assert.match(await page.textContent("ul.redactions"), /\(user and password in a URL, line 2\)/);
  assert.match(await page.textContent("ul.redactions"), /\(user name, line 1\)/);
  await page.click("button.lang");
  assert.match(await page.textContent("ul.redactions"), /（URL 中的用户名和密码，第 2 行）/);
  await page.click("button.lang");
  // One host can be shown, and masked again.
  assert.doesNotMatch(await page.textContent("details.upload-text"), /goproxy\.corp\.example/);
  // (The list is drawn anew on each change: click, not check.)
  await page.click("ul.redactions input.show-host >> nth=0");
  await page.waitForFunction(() => /goproxy\.corp\.example/.test(document.querySelector("details.upload-text").textContent));
  await page.click("li.kept-host input.show-host");
  await page.waitForFunction(() => !/goproxy\.corp\.example/.test(document.querySelector("details.upload-text").textContent));
  await page.click("#create-link");
  const link = await (await page.waitForSelector("#share-link")).getAttribute("href");
  const fragment = await page.getAttribute("#fragment-link", "href");
  await page.screenshot({ path: await artifactPath("share-links.png"), fullPage: true });
  await page.click("#copy-markdown");
  assert.match(await page.textContent("#copy-markdown"), /Copied/, "feedback on the copy");
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(markdown, /^## Go Module Doctor/);
  assert.match(markdown, /<details><summary>Evidence<\/summary>/);
  assert.doesNotMatch(markdown, new RegExp(secret));

  for (const [name, url, note] of [
    ["report-stored.png", link, /same causes as when it was shared/],
    ["report-fragment.png", fragment, /a link carries no advice/],
  ]) {
    await page.goto(url);
    // The app's own analysis (its p.diff), not the server-rendered findings it replaces.
    await page.waitForSelector("p.diff");
    await page.waitForSelector("article[data-cause]");
    assert.deepEqual(await causes(page), home, url);
    assert.doesNotMatch(await page.content(), new RegExp(secret));
    assert.doesNotMatch(await page.content(), /corp\.example/, "the internal host stays masked");
    assert.doesNotMatch(await page.textContent(".tagline"), /nothing is uploaded/, "a shared report was uploaded");
    assert.match(await page.textContent("p.diff"), note);
    await page.screenshot({ path: await artifactPath(name), fullPage: true });
  }
  await page.goto(`${worker.url}/r/AAAAAAAAAAA`);
  await page.waitForSelector('[data-status="report_missing"]');
  assert.deepEqual(problems.filter((p) => !p.includes("404")), []);
  await context.close();
});

test("a paste too large to share says so before the click, with the way out", async () => {
  const { page, context } = await openPage();
  const line = "go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";
  // Nothing to share yet: the button is off.
  assert.ok(await page.isDisabled("#share"));
  // Pasted at once (typing 600 KB through the keyboard would take minutes).
  await page.$eval("textarea#paste", (area, text) => {
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, line.repeat(Math.ceil((600 * 1024) / line.length)));
  await page.waitForSelector('article[data-cause="proxy_off"]');
  await page.click("#share");
  await page.waitForSelector("#too-large");
  assert.ok(await page.isDisabled("#create-link"));
  assert.match(await page.textContent("#too-large"), /the upload would be \d+ KiB, over the 256 KiB limit\. Trim the log/);
  await page.click("button.lang");
  assert.match(await page.textContent("#too-large"), /要上传的内容有 \d+ KiB，超过 256 KiB 的上限。请把日志/);
  await context.close();
});

test("a forged report or link shows our rules' findings, never the forger's", async () => {
  const { page, context } = await openPage();
  const input = "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";
  const forged = forgedReport(input);
  const created = await fetch(`${worker.url}/api/reports`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: forged.bytes,
  });
  assert.equal(created.status, 201);
  const { id } = await created.json();
  for (const url of [`${worker.url}/r/${id}`, `${worker.url}/r#${forged.fragment}`]) {
    await page.goto(url);
    await page.waitForSelector("p.diff");
    await page.waitForSelector('article[data-cause="proxy_off"]');
    assert.deepEqual(await causes(page), ["proxy_off"], url);
    assert.doesNotMatch(await page.content(), FORGED, url);
    const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.every((h) => !/^javascript:/i.test(h)), hrefs.join(" "));
  }
  await context.close();
});

test("one report, one id: /r/<id> with another report after # shows the stored one and says so", async () => {
  const { page, context } = await openPage();
  const stored = sharedReportOf("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# one id\n");
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: stored.bytes });
  const { id } = await created.json();
  const other = forgedReport("GOSUMDB='off'\n# another report\n");
  await page.goto(`${worker.url}/r/${id}#${other.fragment}`);
  await page.waitForSelector("p.diff");
  await page.waitForSelector('article[data-cause="proxy_off"]');
  assert.deepEqual(await causes(page), ["proxy_off"], "the stored report, not the fragment's");
  assert.match(await page.textContent("p.fragment-ignored"), /not the report stored under this address/);
  assert.doesNotMatch(await page.content(), FORGED);
  await context.close();
});

test("a value the paste does not give is a hole: an input fills the command as the user types, refused values keep it", async () => {
  const { page, context, problems } = await openPage();
  const log = "go: git.corp.example/platform/auth@v1.2.0: reading git.corp.example/platform/auth/go.mod at revision v1.2.0: git ls-remote -q --end-of-options https://git.corp.example/platform/auth.git in /x: exit status 128:\n\tfatal: could not read Username for 'https://git.corp.example': terminal prompts disabled\n";
  await page.fill("textarea#paste", log);
  await page.waitForSelector('article[data-cause="git_auth_required"]');
  const netrc = page.locator('article[data-cause="git_auth_required"] li.fix', { hasText: "netrc" }).first();
  const command = () => netrc.locator(".command code").textContent();
  assert.match(await command(), /machine git\.corp\.example login <user> password <token>/);
  assert.deepEqual(await netrc.locator(".hole code").allTextContents(), ["<user>", "<token>"]);
  await netrc.locator(".hole", { hasText: "<user>" }).locator("input").fill("alice");
  await netrc.locator(".hole", { hasText: "<token>" }).locator("input").fill("tok&en;x");
  assert.match(await command(), /login alice password 'tok&en;x' >> ~\/\.netrc/);
  // In cmd a line with an empty hole is a remark; filled, it runs, its value escaped.
  await page.click("button.shell:has-text('cmd')");
  assert.match(await command(), /^>> "%USERPROFILE%\\_netrc" echo machine git\.corp\.example login alice password tok\^&en;x$/);
  await netrc.locator(".hole", { hasText: "<user>" }).locator("input").fill("");
  assert.match(await command(), /^rem /);
  // A value its hole refuses (white space in a user name) leaves the hole, and says so.
  await netrc.locator(".hole", { hasText: "<user>" }).locator("input").fill("a b");
  await netrc.locator(".hole-refused").waitFor();
  assert.match(await command(), /login <user>/);
  await page.screenshot({ path: await artifactPath("home-holes.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("nothing is lost: the paste survives a reload and a visit elsewhere, an example can be undone, references open apart", async () => {
  const { page, context } = await openPage();
  assert.equal(await page.$(".config"), null, "no configuration before a paste");
  assert.doesNotMatch((await page.getAttribute("textarea#paste", "placeholder")) ?? "", /GOPROXY/);
  const mine = "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# mine\n";
  await page.fill("textarea#paste", mine);
  await page.waitForSelector('article[data-cause="proxy_off"]');
  const reference = page.locator("a.reference").first();
  assert.equal(await reference.getAttribute("target"), "_blank");
  await page.goto(`${worker.url}/r/AAAAAAAAAAA`);
  await page.goBack();
  await page.waitForSelector('article[data-cause="proxy_off"]');
  assert.equal(await page.inputValue("textarea#paste"), mine, "back from elsewhere");
  await page.reload();
  await page.waitForSelector('article[data-cause="proxy_off"]');
  assert.equal(await page.inputValue("textarea#paste"), mine, "after a reload");
  await page.click("button.example >> nth=1");
  assert.notEqual(await page.inputValue("textarea#paste"), mine);
  await page.click("#undo-example");
  assert.equal(await page.inputValue("textarea#paste"), mine, "the example is undone");
  await page.click("#clear");
  assert.equal(await page.inputValue("textarea#paste"), "");
  await page.reload();
  await page.waitForSelector('[data-status="waiting"]');
  assert.equal(await page.inputValue("textarea#paste"), "", "cleared for good");
  await context.close();
});

test("a report page without JavaScript shows the findings and the fixes", async () => {
  const { bytes } = sharedReportOf("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# no-js\n");
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
  const { id } = await created.json();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${worker.url}/r/${id}`);
  assert.deepEqual(await causes(page), ["proxy_off"]);
  assert.match(await page.textContent("ol.fixes"), /export GOPROXY=https:\/\/proxy\.golang\.org,direct/);
  assert.ok(await page.isVisible('a[href="/"]'), "the way back");
  await page.screenshot({ path: await artifactPath("report-no-js.png"), fullPage: true });
  // The home page without JavaScript says what to paste.
  await page.goto(`${worker.url}/`);
  assert.match(await page.textContent("main"), /go env/);
  await context.close();
});

test("accessibility: axe-core finds no serious violation on the home page, a finding, the share panel and a report", async () => {
  // axe is injected as a script: the page's CSP (rightly) refuses it, so this context bypasses it.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const axe = fileURLToPath(import.meta.resolve("axe-core/axe.min.js"));
  const audit = async (name) => {
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], name);
  };
  await page.goto(`${worker.url}/`);
  await page.waitForSelector("html[data-ready=true]");
  await audit("home");
  await page.fill("textarea#paste", "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n");
  await page.waitForSelector('article[data-cause="proxy_off"]');
  // The heading says what is wrong; the cause code is a label after it.
  assert.match(await page.textContent('article[data-cause="proxy_off"] h2'), /^Module downloads are disabled/);
  assert.match(await page.textContent("#announce"), /Module downloads are disabled/);
  const names = await page.$$eval("button.copy", (buttons) => buttons.map((b) => b.getAttribute("aria-label")));
  assert.equal(new Set(names).size, names.length, `each copy button named by what it copies: ${names.join(" | ")}`);
  await audit("a finding");
  // With the share panel open, its upload text expanded, and a link made: still none; the
  // link's creation and a copy are announced.
  await page.click("#share");
  await page.click("details.upload-text summary");
  await audit("the share panel");
  await page.click("#create-link");
  await page.waitForSelector("#share-link");
  assert.match(await page.textContent("#link-created"), /link to this report is ready/);
  await page.click(".link button.copy");
  await page.waitForFunction(() => [...document.querySelectorAll(".link [role=status]")].some((e) => /Copied/.test(e.textContent)));
  await audit("a link made");
  const { bytes } = sharedReportOf("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# axe\n");
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
  await page.goto(`${worker.url}/r/${(await created.json()).id}`);
  await page.waitForSelector("p.diff");
  await audit("a report");
  await context.close();
});

test("?lang= chooses the page's language, on the home page and on a report", async () => {
  const { page, context } = await openPage("/?lang=zh-CN");
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.textContent(".tagline"), /粘贴/);
  const { bytes } = sharedReportOf("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# lang\n");
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
  await page.goto(`${worker.url}/r/${(await created.json()).id}?lang=en`);
  await page.waitForSelector("p.diff");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("p.diff"), /same causes as when it was shared/);
  await context.close();
});

/** The English sentences a page shows outside code, quotations and what the user pasted: runs
 * of four words or more with no Chinese, in the page's visible text. */
const englishSentences = (page) =>
  page.evaluate(() => {
    const skip = "code, pre, kbd, textarea, script, style, .evidence, noscript, [hidden]";
    const blocks = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip) || !parent.checkVisibility?.()) continue;
      const block = parent.closest("p, li, h1, h2, h3, td, th, label, button, summary, caption, a, legend") ?? parent;
      blocks.set(block, (blocks.get(block) ?? "") + node.textContent);
    }
    const found = [];
    for (const text of blocks.values()) {
      const prose = text.split(/[“”]/).filter((_, i) => i % 2 === 0).join(" ").split("`").filter((_, i) => i % 2 === 0).join(" ");
      for (const run of prose.match(/[A-Za-z'-]+(?: [A-Za-z'-]+){3,}/g) ?? []) found.push(`${run}  ⟵  ${text.trim().slice(0, 120)}`);
    }
    return found;
  });

test("Chinese throughout: every page and panel in zh has lang and a Chinese title, and no English sentence outside code", async () => {
  const { page, context } = await openPage("/?lang=zh-CN", { lang: "zh-CN", width: 1100 });
  const seen = {};
  const look = async (name) => {
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN", name);
    seen[name] = await englishSentences(page);
  };
  // Each example's findings, the configuration, the share panel open, the probe panel.
  for (const example of await page.$$("button.example")) {
    await example.click();
    await page.waitForSelector("article[data-cause]");
    await page.click("#share");
    await page.waitForSelector(".share-panel");
    await look(`home, ${await example.textContent()}`);
    await page.click("#share");
  }
  // A go.mod: the go.mod check's panel and its table.
  await page.fill("textarea#paste", "module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n");
  await page.waitForSelector("#modcheck");
  await look("home, go.mod");
  // A stored report (the worker's HTML, then the app), the page of a link, the status board.
  const { bytes } = sharedReportOf("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# zh sweep\n");
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
  const id = (await created.json()).id;
  for (const path of [`/r/${id}`, "/r", "/r/AAAAAAAAAAA", "/status"]) {
    await page.goto(`${worker.url}${path}?lang=zh-CN`);
    if (path !== "/status") await page.waitForSelector("html[data-ready=true]");
    assert.match(await page.title(), /[\u4e00-\u9fff]/, `${path}: a Chinese title`);
    await look(path);
  }
  const english = Object.entries(seen).flatMap(([name, runs]) => runs.map((r) => `${name}: ${r}`));
  assert.deepEqual(english, []);
  // The same look finds the sentences of the English page: it can fail.
  await page.goto(`${worker.url}/?lang=en`);
  await page.waitForSelector("html[data-ready=true]");
  assert.ok((await englishSentences(page)).length > 3);
  await context.close();
});

test("a network failure offers the one line that runs the check from the reader's machine, in the reader's shell", async () => {
  const { page, context, problems } = await openPage();
  await page.fill("textarea#paste", "GOPROXY='off'\n");
  await page.waitForSelector('article[data-cause="proxy_off"]');
  assert.equal(await page.$("#run-here"), null, "not for a setting");
  await page.click("button.example >> nth=0");
  await page.waitForSelector("#run-here");
  assert.equal(await page.textContent("#run-here pre"), `curl -fsSL ${worker.url}/install.sh | sh && ~/.local/bin/gomod-doctor check -- go mod download`);
  await page.click('button.shell:has-text("PowerShell")');
  assert.match(await page.textContent("#run-here pre"), new RegExp(`^irm ${worker.url.replace(/[.:/]/g, "\\$&")}/install\\.ps1 \\| iex; `));
  await page.click("button.lang");
  assert.match(await page.textContent("#run-here h3"), /在你的机器上运行检查/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("HTML and script in a paste are shown as inert text", async () => {
  const { page, context, problems } = await openPage();
  const payload = `GOPROXY='<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'\n`;
  await page.fill("textarea#paste", payload);
  const card = await page.waitForSelector('article[data-cause="goproxy_env_malformed"]');
  assert.match(await card.$eval(".evidence", (e) => e.textContent), /<img src=x onerror=/);
  assert.equal(await page.$("#findings img"), null);
  assert.equal(await page.$("#findings script"), null);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: await artifactPath("home-inert-html.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Chinese for zh browsers, switchable and remembered; usable at 360 px", async () => {
  const { page, context, problems } = await openPage("/", { lang: "zh-CN", width: 360 });
  assert.match(await page.textContent(".tagline"), /诊断在浏览器中运行/);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await page.fill("textarea#paste", "GOPROXY='off'\n");
  await page.waitForSelector('article[data-cause="proxy_off"]');
  // The finding's title and explanation are Chinese; the commands stay what to type.
  assert.match(await page.textContent('article[data-cause="proxy_off"] h2'), /模块下载被禁用（GOPROXY=off）/);
  assert.match(await page.textContent('article[data-cause="proxy_off"] .why'), /go 命令只能使用模块缓存或 vendor 目录中已有的模块/);
  assert.match(await page.textContent('article[data-cause="proxy_off"] .fix'), /GOPROXY=https:\/\/proxy\.golang\.org,direct/);
  assert.match(await page.textContent('article[data-cause="proxy_off"] .fix-title'), /使用公共模块代理，并以 direct 作为后备/);
  assert.match(await page.textContent('article[data-cause="proxy_off"] .message'), /GOPROXY 是 off：模块缓存中没有的模块都无法下载/);
  assert.match(await page.textContent(".config"), /go 命令拒绝下载（off）/);
  await page.screenshot({ path: await artifactPath("home-zh-360.png"), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 360px`);
  await page.click("button.lang");
  assert.match(await page.textContent(".tagline"), /the diagnosis runs in your browser/);
  assert.match(await page.textContent('article[data-cause="proxy_off"] h2'), /Module downloads are disabled/, "the card follows the switch");
  // The panels come in a second wasm module; they follow the switch too.
  assert.equal(await page.textContent("#probe-title"), "Check the mirrors", "the probe panel follows the switch");
  await page.click("button.lang");
  assert.equal(await page.textContent("#probe-title"), "检查镜像", "and back");
  await page.click("button.lang");
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.match(await page.textContent(".tagline"), /the diagnosis runs in your browser/, "English remembered");
  assert.deepEqual(problems, []);
  await context.close();
});
