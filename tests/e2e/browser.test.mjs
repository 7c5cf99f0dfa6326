// The web app in real headless Chromium, served by the local worker.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { artifactPath, launchBrowser, startWorker } from "./support.mjs";

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

test("a pasted GOPROXY=off line gives a proxy_off finding computed in the browser", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  const requests = [];
  const problems = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(String(error)));

  await page.goto(worker.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
  await page.waitForSelector("textarea#paste");
  assert.match(await page.textContent("#findings"), /Waiting for a paste/);

  // The analysis must happen in the page: no request may leave for it.
  const before = requests.length;
  await page.fill("textarea#paste", "GOFLAGS=''\nGOPROXY='off'\n");
  const card = await page.waitForSelector('article[data-cause="proxy_off"]', { timeout: 5_000 });
  assert.equal(requests.length, before, `requests after paste: ${requests.slice(before)}`);
  const text = await card.textContent();
  assert.match(text, /Module downloads are disabled/);
  assert.match(text, /export GOPROXY=https:\/\/proxy\.golang\.org,direct/);
  assert.match(await card.$eval(".evidence", (e) => e.textContent), /2GOPROXY='off'/);
  await page.screenshot({ path: await artifactPath("home-proxy-off.png"), fullPage: true });

  await page.fill("textarea#paste", "GOPROXY='https://goproxy.cn,direct'\n");
  await page.waitForSelector("text=No known problem found in this input.");
  assert.equal(await page.$('article[data-cause]'), null);

  for (const url of requests) assert.ok(url.startsWith(`${worker.url}/`), `off-machine request: ${url}`);
  assert.deepEqual(problems, [], "console errors (a CSP violation shows up here)");
  await page.close();
});
