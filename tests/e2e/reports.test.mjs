// Shared reports in Workers KV, against the real worker in local workerd.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { FORGED, forgedReport, sharedReport, startWorker } from "./support.mjs";

let worker;
const VARS = { GMD_TEST_MODE: "1", PUBLIC_ORIGIN: "https://doctor.example" };
before(async () => (worker = await startWorker({ vars: VARS })));
after(async () => worker?.stop());

const INPUT = "GOPATH='/home/alice/go'\nGOPROXY='https://bob:s3cr3tpass@goproxy.corp.example,direct'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";

const post = (body, { query = "", type = "application/json" } = {}) =>
  fetch(`${worker.url}/api/reports${query}`, { method: "POST", headers: { "Content-Type": type }, body });

async function expectError(response, status, code) {
  assert.equal(response.status, status);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  const body = await response.json();
  assert.equal(body.error.code, code, JSON.stringify(body));
  assert.equal(typeof body.error.message, "string");
  return body;
}

test("another site's page cannot store a report under this site's name", async () => {
  const { bytes } = sharedReport(`${INPUT}go: cross-site attempt\n`);
  const from = (headers) =>
    fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: bytes });
  await expectError(await from({ Origin: "https://evil.example" }), 403, "cross_site");
  await expectError(await from({ "Sec-Fetch-Site": "cross-site" }), 403, "cross_site");
  await expectError(await from({ "Sec-Fetch-Site": "same-site" }), 403, "cross_site");
  // This site's page (and a program, which names no site) still can.
  const own = await from({ Origin: worker.url, "Sec-Fetch-Site": "same-origin" });
  assert.equal(own.status, 201, await own.text());
});

test("create, then fetch the same bytes, cached for minutes; creating again is idempotent", async () => {
  const { bytes, id } = sharedReport(INPUT);
  assert.ok(!bytes.includes("s3cr3tpass") && !bytes.includes("alice"), "redacted before upload");
  const created = await post(bytes);
  assert.equal(created.status, 201);
  const body = await created.json();
  assert.equal(body.id, id);
  assert.equal(body.url, `/r/${id}`);
  assert.match(body.delete_token, /^[A-Za-z0-9_-]{43}$/);

  const fetched = await fetch(`${worker.url}/api/reports/${id}`);
  assert.equal(fetched.status, 200);
  assert.equal(await fetched.text(), bytes);
  assert.equal(fetched.headers.get("cache-control"), "public, max-age=300", "a deletion leaves caches within minutes");
  assert.match(fetched.headers.get("strict-transport-security"), /max-age=\d+/);
  assert.match(fetched.headers.get("content-type"), /^application\/json/);
  assert.equal(fetched.headers.get("x-content-type-options"), "nosniff");
  assert.ok(fetched.headers.get("etag"));

  const again = await post(bytes);
  assert.equal(again.status, 200);
  const second = await again.json();
  assert.equal(second.id, id);
  assert.equal(second.delete_token, undefined, "no second token for the same report");
});

test("an input and its shell, as the page uploads them, are stored as the worker's report: the bytes and id of the whole report", async () => {
  const { bytes, id } = sharedReport(`${INPUT}go: uploaded as an input and its shell\n`);
  const report = JSON.parse(bytes);
  const created = await post(JSON.stringify({ schema: report.schema, input: report.input }));
  assert.equal(created.status, 201);
  const body = await created.json();
  assert.equal(body.id, id);
  assert.equal(body.reanalysed, false, "an input carries no findings to replace");
  assert.equal(await (await fetch(`${worker.url}/api/reports/${id}`)).text(), bytes);
  // The shell travels with the input, into the stored report.
  const shell = await post(JSON.stringify({ schema: report.schema, input: `${report.input}go: in PowerShell\n`, shell: "powershell" }));
  assert.equal(shell.status, 201);
  const stored = await (await fetch(`${worker.url}/api/reports/${(await shell.json()).id}`)).json();
  assert.equal(stored.report.shell, "powershell");
  // A field more is neither an input nor a report; a schema this worker does not read is refused.
  await expectError(await post(JSON.stringify({ schema: report.schema, input: report.input, findings: [] })), 400, "invalid_report");
  await expectError(await post(JSON.stringify({ schema: 99, input: report.input })), 400, "invalid_report");
});

test("refuses oversize, wrong type, invalid and non-canonical bodies, and a wrong id", async () => {
  const { bytes, id } = sharedReport(INPUT + "go: one more line\n");
  await expectError(await post("x".repeat(256 * 1024 + 1)), 413, "payload_too_large");
  await expectError(await post(bytes, { type: "text/plain" }), 415, "unsupported_media_type");
  await expectError(await post("{not json"), 400, "invalid_report");
  await expectError(await post(JSON.stringify(JSON.parse(bytes), null, 2)), 400, "invalid_report");
  await expectError(await post(bytes, { query: "?id=AAAAAAAAAAA" }), 422, "id_mismatch");
  await expectError(await post(bytes, { query: "?expires=forever" }), 400, "bad_parameter");
  const ok = await post(bytes, { query: `?id=${id}&expires=30d` });
  assert.equal(ok.status, 201);
  assert.ok((await ok.json()).expires_at > Date.now());
});

test("unknown and expired reports", async () => {
  await expectError(await fetch(`${worker.url}/api/reports/AAAAAAAAAAA`), 404, "report_not_found");
  const { bytes, id } = sharedReport(INPUT + "go: expiring\n");
  const created = await post(bytes, { query: "?expires=2s" });
  assert.equal(created.status, 201);
  assert.equal((await fetch(`${worker.url}/api/reports/${id}`)).status, 200);
  await sleep(2_500);
  await expectError(await fetch(`${worker.url}/api/reports/${id}`), 410, "report_expired");
});

test("deletion needs the token returned at creation", async () => {
  const { bytes, id } = sharedReport(INPUT + "go: to delete\n");
  const { delete_token } = await (await post(bytes)).json();
  const del = (headers) => fetch(`${worker.url}/api/reports/${id}`, { method: "DELETE", headers });
  await expectError(await del({}), 401, "missing_token");
  await expectError(await del({ Authorization: "Bearer wrong-token" }), 403, "wrong_token");
  assert.equal((await fetch(`${worker.url}/api/reports/${id}`)).status, 200, "still there");
  const deleted = await del({ Authorization: `Bearer ${delete_token}` });
  assert.equal(deleted.status, 204);
  await expectError(await fetch(`${worker.url}/api/reports/${id}`), 404, "report_not_found");
  await expectError(await fetch(`${worker.url}/api/reports/${id}`, { method: "PUT" }), 405, "method_not_allowed");
  // Deleted stays deleted: the saved bytes cannot bring it back, under its id or any other.
  const again = await expectError(await post(bytes), 410, "report_deleted");
  assert.match(again.error.message, /30 days/);
  await expectError(await fetch(`${worker.url}/api/reports/${id}`), 404, "report_not_found");
  assert.doesNotMatch(await (await fetch(`${worker.url}/r/${id}`)).text(), /Module downloads are disabled/);
  // Any change to the input is a new report.
  const changed = sharedReport(INPUT + "go: to delete (again)\n");
  assert.equal((await post(changed.bytes)).status, 201);
});

test("the worker redacts every upload itself and lists what its text holds, whatever the client sent", async () => {
  // Another program (or an older client) uploads a canonical report whose input still holds
  // secrets, with a redaction list of its own making.
  const clean = JSON.parse(sharedReport(`${INPUT}go: uploaded by another program\n`).bytes);
  clean.input += "NEXUS_PASSWORD=Pa55w0rdNexus\ncurl -u deploy:s3cretDeploy https://nexus.corp.example/\n";
  clean.redactions = [{ kind: "token", placeholder: "<from-the-client>", lines: [1] }];
  const bytes = JSON.stringify(clean);
  const clientId = createHash("sha256").update(bytes).digest("base64url").slice(0, 11);
  // Its id is that of the bytes it sent: the worker stores other bytes, under their id.
  const created = await post(bytes, { query: `?id=${clientId}` });
  const body = await created.json();
  assert.equal(created.status, 201, JSON.stringify(body));
  assert.equal(body.redacted, true);
  assert.notEqual(body.id, clientId);
  const stored = await (await fetch(`${worker.url}/api/reports/${body.id}`)).text();
  for (const secret of ["Pa55w0rdNexus", "s3cretDeploy", "<from-the-client>"]) {
    assert.ok(!stored.includes(secret), `${secret} stored: ${stored}`);
  }
  const report = JSON.parse(stored);
  const placeholders = report.redactions.map((r) => r.placeholder);
  for (const placeholder of placeholders) assert.ok(report.input.includes(placeholder), placeholder);
  assert.ok(placeholders.length >= 3, JSON.stringify(report.redactions));
  assert.doesNotMatch(await (await fetch(`${worker.url}/r/${body.id}`)).text(), /Pa55w0rdNexus|s3cretDeploy/);
  // A client that redacted as the worker does gets the id it computed, and no `redacted`.
  const { bytes: ours, id } = sharedReport(`${INPUT}go: redacted by our client\n`);
  const same = await (await post(ours, { query: `?id=${id}` })).json();
  assert.equal(same.id, id, JSON.stringify(same));
  assert.equal(same.redacted, undefined);
});

test("a deleted report cannot come back under another id by changing what travels with its text", async () => {
  const { bytes, id } = sharedReport(`${INPUT}go: deleted, then sent again\n`);
  const { delete_token } = await (await post(bytes)).json();
  const deleted = await fetch(`${worker.url}/api/reports/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${delete_token}` } });
  assert.equal(deleted.status, 204);
  // The same text with another redaction list, another shell, or with its secrets put back
  // (the worker masks them again): all the same text once stored.
  const variants = [
    (r) => (r.redactions = [{ kind: "host", placeholder: "<host-9>", lines: [2] }]),
    // (The shell goes before the findings, as the canonical form orders it.)
    (r) => {
      const { schema, analysis_version, lang, shell, ...rest } = r.report;
      r.report = { schema, analysis_version, ...(lang ? { lang } : {}), shell: shell === "powershell" ? "cmd" : "powershell", ...rest };
    },
    (r) => (r.input = r.input.replace("<user>", "alice")),
  ];
  for (const change of variants) {
    const report = JSON.parse(bytes);
    change(report);
    await expectError(await post(JSON.stringify(report)), 410, "report_deleted");
  }
});

test("reports survive a restart of the worker", async () => {
  const { bytes, id } = sharedReport(INPUT + "go: persistent\n");
  assert.equal((await post(bytes)).status, 201);
  const state = worker.state;
  await worker.stop({ keepState: true });
  worker = await startWorker({ state, vars: VARS });
  const fetched = await fetch(`${worker.url}/api/reports/${id}`);
  assert.equal(fetched.status, 200);
  assert.equal(await fetched.text(), bytes);
});

test("gomod-doctor share --server uploads a redacted report and prints its links", async () => {
  const input = "GOPATH='/home/carol/go'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n# cli upload\n";
  const result = spawnSync(process.env.GMD_CLI, ["share", "--server", worker.url, "--expires", "30d"], { input, encoding: "utf8", timeout: 30_000 });
  assert.equal(result.status, 0, result.stderr);
  const [link, fragmentLink] = result.stdout.trim().split("\n");
  const id = link.split("/r/")[1];
  assert.equal(link, `${worker.url}/r/${id}`);
  // The server-less link carries the input only: its own id, not the stored report's.
  assert.match(fragmentLink, new RegExp(`^${worker.url}/r#[A-Za-z0-9_-]{11,}\\.[A-Za-z0-9_-]+$`), fragmentLink);
  assert.match(result.stderr, /masked user_name as <user>/);
  assert.match(result.stderr, /delete it with: curl -X DELETE -H 'Authorization: Bearer [A-Za-z0-9_-]{43}'/);
  const stored = await (await fetch(`${worker.url}/api/reports/${id}`)).json();
  assert.ok(stored.input.includes("/home/<user>/go") && !stored.input.includes("carol"));
  assert.equal(stored.report.findings[0].cause, "proxy_off");
});

test("a shared link unfolds in forums: /r/<id> carries Open Graph and Twitter tags", async () => {
  const { bytes, id } = sharedReport(INPUT + "go: preview\n");
  assert.equal((await post(bytes)).status, 201);
  const page = await fetch(`${worker.url}/r/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type"), /^text\/html/);
  assert.match(page.headers.get("content-security-policy"), /script-src 'self' 'wasm-unsafe-eval'/);
  const html = await page.text();
  assert.match(html, /<meta property="og:title" content="Module downloads are disabled \(GOPROXY=off\) — Go Module Doctor">/);
  assert.match(html, /<meta property="og:description" content="Use the public module proxy, with direct as the fallback: export GOPROXY=https:\/\/proxy.golang.org,direct">/);
  assert.match(html, /<meta name="twitter:card" content="summary">/);
  // The canonical address is the configured origin's, whatever Host the request named.
  assert.match(html, new RegExp(`<meta property="og:url" content="https://doctor\\.example/r/${id}">`));
  assert.equal(page.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
  assert.match(html, /<script type="module" src="\/app.js">/, "still the app");
  const unknown = await (await fetch(`${worker.url}/r/AAAAAAAAAAA`)).text();
  assert.match(unknown, /<meta property="og:title" content="Go Module Doctor">/);
});

test("a forged report is stored with the worker's own findings: neither the API, /r/<id> nor its preview carry the forgery", async () => {
  const honest = sharedReport(INPUT + "go: forged\n");
  const forged = forgedReport(INPUT + "go: forged\n");
  assert.notEqual(forged.id, honest.id);
  const created = await post(forged.bytes);
  assert.equal(created.status, 201);
  const body = await created.json();
  assert.equal(body.reanalysed, true, "the worker says it analysed the input itself");
  assert.equal(body.id, honest.id, "the stored report is the honest one, byte for byte");
  const stored = await (await fetch(`${worker.url}/api/reports/${body.id}`)).text();
  assert.equal(stored, honest.bytes);
  assert.doesNotMatch(stored, FORGED);
  assert.equal((await fetch(`${worker.url}/api/reports/${forged.id}`)).status, 404, "nothing under the forged id");
  const html = await (await fetch(`${worker.url}/r/${body.id}`)).text();
  assert.doesNotMatch(html, FORGED);
  assert.match(html, /<meta property="og:title" content="Module downloads are disabled \(GOPROXY=off\) — Go Module Doctor">/);
  // Asking for the forged id explicitly is refused: the content it names is not what is stored.
  const pinned = await post(forged.bytes, { query: `?id=${forged.id}` });
  await expectError(pinned, 422, "id_mismatch");
  const honestAgain = await (await post(honest.bytes)).json();
  assert.equal(honestAgain.reanalysed, false);
});

test("/r/<id> is the report in HTML, found through what chat apps glue to links; an unknown one is a 404 with the way back", async () => {
  const { bytes, id } = sharedReport(INPUT + "go: html\n");
  assert.equal((await post(bytes)).status, 201);
  const page = await fetch(`${worker.url}/r/${id}`, { headers: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  assert.equal(page.status, 200);
  const html = await page.text();
  // Readable before (or without) the app: the finding, its fix, the way back.
  assert.match(html, /<article class="finding error" data-cause="proxy_off">/);
  assert.match(html, /模块下载被禁用/);
  assert.match(html, /<pre><code>export GOPROXY=https:\/\/proxy\.golang\.org,direct<\/code><\/pre>/);
  assert.doesNotMatch(html, /s3cr3tpass/);
  // (Full-width punctuation after a link in Chinese text too, as browsers send it.)
  for (const tail of [")", ".", ",", "/", ">", "%22", ").", encodeURIComponent("。"), encodeURIComponent("）"), encodeURIComponent("，")]) {
    const moved = await fetch(`${worker.url}/r/${id}${tail}`, { redirect: "manual" });
    assert.equal(moved.status, 301, tail);
    assert.equal(moved.headers.get("location"), `/r/${id}`, tail);
  }
  // In the reader's language: `<html lang>` and the title follow Accept-Language, or `?lang=`.
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /<title>分享的诊断报告 · Go Module Doctor<\/title>/);
  const asked = await (await fetch(`${worker.url}/r/${id}?lang=zh-CN`)).text();
  assert.match(asked, /<html lang="zh-CN">/);
  assert.match(asked, /模块下载被禁用/);
  const english = await (await fetch(`${worker.url}/r/${id}?lang=en`, { headers: { "Accept-Language": "zh-CN" } })).text();
  assert.match(english, /<html lang="en">/);
  assert.match(english, /<title>Shared diagnosis · Go Module Doctor<\/title>/);
  // An unknown id, `/r/` alone, or what is no id at all: the page saying so, never JSON.
  for (const path of ["/r/AAAAAAAAAAA", "/r/", "/r/x"]) {
    const missing = await fetch(`${worker.url}${path}`);
    assert.equal(missing.status, 404, path);
    assert.match(missing.headers.get("content-type"), /^text\/html/, path);
    const text = await missing.text();
    assert.match(text, /data-status="report_missing"/, path);
    assert.match(text, /<a href="\/">/, path);
  }
});
