// Mirror probes (`GET` and `POST /api/probe`) in the real worker (local workerd, the Prober
// Durable Object), against gmd-fake-proxy mirrors on 127.0.0.1. The whole file runs inside a
// loopback-only network namespace, so a guard that failed could not send a packet off the machine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readNdjson, sharedReport, startFakeProxies, startWorker } from "./support.mjs";

const MODULE = "golang.org/x/text";
const VERSION = "v0.14.0";
let worker;
let strict; // The same worker without test mode: loopback refused.
const proxies = {};

before(async () => {
  const specs = {
    healthy: [],
    healthy2: [],
    altered: ["--fault", "altered-mod@module:golang.org/x/text"],
    unlisted: ["--unlisted", `${MODULE}@${VERSION}`],
    hang: ["--fault", "hang"],
    slow: ["--fault", "slow:600"],
    status502: ["--fault", "status:502"],
    status404: ["--fault", "status:404"],
    gone: ["--fault", "status:410"],
    reset: ["--fault", "reset"],
    portal: ["--fault", "captive-portal"],
    tls: ["--tls", "self-signed"],
    metadata: ["--fault", "redirect:http://169.254.169.254/latest/meta-data{path}"],
    hexMetadata: ["--fault", "redirect:http://0xa9fea9fe/{path}"],
    loop: ["--fault", "redirect:{path}"],
  };
  await startFakeProxies(specs, proxies);
  worker = await startWorker({ vars: { GMD_TEST_MODE: "1", GMD_PROBE_SUMDB_KEY: proxies.healthy.sumdbKey } });
  strict = await startWorker();
});
after(async () => {
  await Promise.all([worker?.stop(), strict?.stop(), ...Object.values(proxies).map((p) => p.stop())]);
});

const probe = (proxy, params = {}, base = worker.url) => {
  const query = new URLSearchParams({ proxy, module: MODULE, version: VERSION, ...params });
  return fetch(`${base}/api/probe?${query}`, { headers: { "X-Gmd-Client": "e2e" } });
};

async function expectError(response, status, code) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code, JSON.stringify(body));
  return body;
}

const step = (report, name) => report.steps.find((s) => s.step === name);

test("a healthy mirror: every step ok, the go.mod's h1 verified against the signed checksum database", async () => {
  const response = await probe(proxies.healthy.url, { go: "1.23.4" });
  const report = await response.json();
  assert.equal(response.status, 200, JSON.stringify(report));
  assert.equal(report.verdict.status, "ok", JSON.stringify(report, null, 1));
  assert.match(report.verdict.line, /its go\.mod matches the checksum database/);
  for (const name of ["list", "latest", "info", "mod", "zip", "sumdb_supported", "sumdb_lookup", "sumdb_tile"]) {
    assert.equal(step(report, name).outcome, "ok", name);
    assert.equal(typeof step(report, name).ms, "number");
  }
  assert.equal(step(report, "zip").method, "HEAD");
  assert.match(step(report, "sumdb_tile").url, /\/sumdb\/sum\.golang\.org\/tile\/8\/0\/000(\.p\/\d+)?$/, "the tile holding the record");
  assert.match(step(report, "sumdb_tile").detail, /^\d+ hashes$/);
  assert.equal(step(report, "toolchain").method, "HEAD");
  assert.equal(step(report, "toolchain").outcome, "not_found", "the fake proxy has no toolchains");
  assert.equal(report.sumdb.note, "verified");
  assert.equal(report.mod_hash, report.sumdb.mod_hash);
  assert.ok(report.versions.includes(VERSION));
  assert.equal(typeof report.colo, "string", "says where it ran (wrangler dev names a data centre)");
  assert.equal(report.region, undefined, "a GET runs here, in no requested region");
});

test("@latest is resolved first, then that version's steps run", async () => {
  const report = await (await probe(proxies.healthy.url, { version: "" })).json();
  assert.equal(report.version, VERSION);
  assert.equal(report.latest, VERSION);
  assert.equal(step(report, "mod").outcome, "ok");
});

test("each failure class is named", async () => {
  const cases = [
    ["status502", "down", { list: "http_error" }],
    ["status404", "not_found", { info: "not_found", mod: "not_found" }],
    ["gone", "not_found", { info: "gone" }],
    ["reset", "down", { list: "connection", mod: "connection" }],
    ["portal", "broken", { list: "invalid", mod: "invalid" }],
    ["metadata", "down", { list: "refused", info: "refused" }],
    ["hexMetadata", "down", { mod: "refused" }],
    ["loop", "down", { list: "refused" }],
  ];
  for (const [name, verdict, steps] of cases) {
    const report = await (await probe(proxies[name].url)).json();
    assert.equal(report.verdict.status, verdict, `${name}: ${JSON.stringify(report, null, 1)}`);
    for (const [s, outcome] of Object.entries(steps)) {
      assert.equal(step(report, s).outcome, outcome, `${name} ${s}: ${JSON.stringify(step(report, s))}`);
    }
  }
  // A 502 may pass: it is asked again at once, and the answers' body kept.
  const bad = await (await probe(proxies.status502.url)).json();
  assert.deepEqual([step(bad, "list").first_attempt, step(bad, "list").body], ["HTTP 502", "502"]);
  const missing = await (await probe(proxies.status404.url)).json();
  assert.equal(step(missing, "info").first_attempt, undefined, "a 404 is an answer, not asked again");
  const portal = await (await probe(proxies.portal.url)).json();
  assert.match(step(portal, "list").detail, /captive portal/);
  const metadata = await (await probe(proxies.metadata.url)).json();
  assert.match(step(metadata, "list").detail, /169\.254\.169\.254.*not a public address/);
  const loop = await (await probe(proxies.loop.url)).json();
  assert.match(step(loop, "list").detail, /more than 3 redirects/);
  assert.equal(step(loop, "list").redirects, 3);
});

test("TLS and DNS failures", async () => {
  // A certificate nobody trusts.
  const tls = await (await probe(proxies.tls.url, { timeout: "3" })).json();
  assert.equal(tls.verdict.status, "down", JSON.stringify(tls, null, 1));
  assert.equal(step(tls, "list").outcome, "tls", JSON.stringify(step(tls, "list")));
  assert.match(step(tls, "list").detail, /TLS handshake failed/);
  // No resolver answers inside the namespace.
  const dns = await (await probe("http://no-such-mirror.example", { timeout: "3" })).json();
  assert.equal(dns.verdict.status, "down", JSON.stringify(dns, null, 1));
  assert.equal(step(dns, "list").outcome, "dns", JSON.stringify(step(dns, "list")));
});

test("a hanging mirror is a timeout within the deadline", async () => {
  const start = performance.now();
  const report = await (await probe(proxies.hang.url, { timeout: "1.5" })).json();
  const elapsed = performance.now() - start;
  assert.equal(report.verdict.status, "down", JSON.stringify(report));
  assert.match(report.verdict.line, /no answer within 1\.\d s/);
  assert.equal(step(report, "list").outcome, "timeout");
  assert.ok(elapsed < 1_500 + 1_000, `answered after ${elapsed} ms`);
});

test("a result is reused for a minute in the same data centre", async () => {
  const first = await (await probe(proxies.healthy2.url)).json();
  const second = await (await probe(proxies.healthy2.url)).json();
  assert.equal(first.cached, undefined);
  assert.equal(second.cached, true);
  assert.deepEqual({ ...second, cached: undefined }, { ...first, cached: undefined });
});

test("a fanned-out result is reused by the object that measured it, and only there", async () => {
  const post = async (regions) => {
    const response = await fetch(`${worker.url}/api/probe`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ mirrors: [proxies.healthy2.url], module: MODULE, version: VERSION, regions, timeout: 3 }),
    });
    assert.equal(response.status, 200);
    return (await readNdjson(response, performance.now())).filter((l) => l.type === "result");
  };
  const [first] = await post(["oc"]);
  const [second] = await post(["oc"]);
  const [elsewhere] = await post(["afr"]);
  assert.equal(first.cached, undefined, JSON.stringify(first));
  assert.equal(second.cached, true, JSON.stringify(second));
  assert.deepEqual({ ...second, cached: undefined, at: 0 }, { ...first, cached: undefined, at: 0 });
  assert.equal(elsewhere.cached, undefined, "another region's object probes for itself");
  assert.equal(elsewhere.region, "afr");
});

test("the fan-out compares h1 and version lists across mirrors and streams NDJSON", async () => {
  const mirrors = [proxies.healthy.url, proxies.altered.url, proxies.unlisted.url, proxies.hang.url];
  const start = performance.now();
  const response = await fetch(`${worker.url}/api/probe`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ mirrors, module: MODULE, version: VERSION, regions: ["weur", "apac"], timeout: 2 }),
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/x-ndjson/);
  const lines = await readNdjson(response, start);
  const results = lines.filter((l) => l.type === "result");
  assert.equal(results.length, 8, JSON.stringify(lines));
  assert.deepEqual(new Set(results.map((r) => r.region)), new Set(["weur", "apac"]));
  const summary = lines.at(-1);
  assert.equal(summary.type, "summary");
  const verdict = (url, region) => summary.mirrors.find((m) => m.mirror === url && m.region === region).status;
  for (const region of ["weur", "apac"]) {
    assert.equal(verdict(proxies.healthy.url, region), "ok");
    assert.equal(verdict(proxies.altered.url, region), "mismatch");
    assert.equal(verdict(proxies.unlisted.url, region), "stale");
    assert.equal(verdict(proxies.hang.url, region), "down");
  }
  const line = (url) => summary.mirrors.find((m) => m.mirror === url).line;
  assert.match(line(proxies.altered.url), /hashes to h1:.*checksum database/);
  assert.match(line(proxies.unlisted.url), new RegExp(`lacks ${VERSION}`));
  // Streaming: the quick mirrors arrive before the hanging one's deadline.
  const quick = results.filter((r) => r.mirror !== proxies.hang.url);
  assert.ok(Math.max(...quick.map((r) => r.at)) < 1_500, `quick results at ${quick.map((r) => Math.round(r.at))} ms`);
  assert.ok(summary.at < 2_000 + 1_500, `summary at ${summary.at} ms`);
});

test("a region named twice is probed once", async () => {
  const response = await fetch(`${worker.url}/api/probe`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ mirrors: [proxies.healthy.url], regions: ["weur", "apac", "weur"] }),
  });
  const lines = await readNdjson(response, performance.now());
  const regions = lines.filter((l) => l.type === "result").map((l) => l.region);
  assert.deepEqual(regions.sort(), ["apac", "weur"]);
});

test("targets and parameters are checked before any request (the full SSRF suite is ssrf.test.mjs)", async () => {
  for (const url of ["http://169.254.169.254", "http://10.0.0.1", "https://user:pass@goproxy.cn"]) {
    await expectError(await probe(url), 400, "target_refused");
  }
  for (const url of ["http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost:8080", "http://0x7f000001:8080"]) {
    await expectError(await probe(url, {}, strict.url), 400, "target_refused");
  }
  await expectError(await probe(proxies.healthy.url, {}, strict.url), 400, "target_refused");
  await expectError(await probe(proxies.healthy.url, { module: "../../etc/passwd" }), 400, "invalid_module");
  await expectError(await probe(proxies.healthy.url, { version: "v1/../../x" }), 400, "invalid_module");
  const post = (body) =>
    fetch(`${worker.url}/api/probe`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  await expectError(await post(JSON.stringify({ mirrors: [proxies.healthy.url, "http://10.1.1.1"] })), 400, "target_refused");
  await expectError(await post(JSON.stringify({ regions: ["mars"] })), 400, "bad_parameter");
  await expectError(await post(JSON.stringify({ mirrors: Array(6).fill(proxies.healthy.url), regions: ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr"] })), 400, "bad_parameter");
  await expectError(await post("{not json"), 400, "bad_parameter");
  await expectError(await post(JSON.stringify({ mirrors: [], surprise: 1 })), 400, "bad_parameter");
});

test("GET /api/probe runs for this site's pages and for programs that say so, never for another site's <img>", async () => {
  const query = new URLSearchParams({ proxy: proxies.healthy.url, module: MODULE, version: VERSION });
  const get = (headers) => fetch(`${worker.url}/api/probe?${query}`, { headers: { "CF-Connecting-IP": "2001:db8:78:1::5", ...headers } });
  // What an <img> or a link on another site's page sends: a cross-site fetch, or (an older
  // browser) nothing at all.
  await expectError(await get({ "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image" }), 403, "cross_site");
  await expectError(await get({ "Sec-Fetch-Site": "same-site" }), 403, "cross_site");
  const bare = await expectError(await get({}), 403, "cross_site");
  assert.match(bare.error.message, /X-Gmd-Client/);
  // A header does not make another site's request its own.
  await expectError(await get({ "X-Gmd-Client": "x", "Sec-Fetch-Site": "cross-site" }), 403, "cross_site");
  await expectError(await get({ "X-Gmd-Client": "x", Origin: "https://evil.example" }), 403, "cross_site");
  // This site's page, an address typed by the user, a script that names itself.
  for (const headers of [{ "Sec-Fetch-Site": "same-origin" }, { "Sec-Fetch-Site": "none" }, { "X-Gmd-Client": "my-script" }]) {
    const response = await get(headers);
    assert.equal(response.status, 200, `${JSON.stringify(headers)}: ${await response.text()}`);
  }
});

test("the probe budget counts probes, a mirror named twice once; only this site's JSON starts them", async () => {
  // A client of its own, so the other tests' probes do not count.
  const client = { "CF-Connecting-IP": "2001:db8:77:1::5" };
  const post = (body, headers = {}) =>
    fetch(`${worker.url}/api/probe`, { method: "POST", headers: { "Content-Type": "application/json", ...client, ...headers }, body });
  const body = JSON.stringify({ mirrors: [proxies.healthy2.url, `${proxies.healthy2.url}/`], module: MODULE, version: VERSION, regions: ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr"], timeout: 3 });
  await expectError(await post(body, { "Content-Type": "text/plain" }), 415, "unsupported_media_type");
  await expectError(await post(body, { Origin: "https://evil.example" }), 403, "cross_site");
  await expectError(await post(body, { "Sec-Fetch-Site": "cross-site" }), 403, "cross_site");
  const statuses = [];
  for (let i = 0; i < 9; i++) {
    // Another address of the same /64 is the same client.
    const response = await post(body, { "CF-Connecting-IP": `2001:db8:77:1::${i + 10}` });
    statuses.push(response.status);
    if (response.status === 200) {
      const results = (await readNdjson(response, performance.now())).filter((l) => l.type === "result");
      assert.equal(results.length, 8, "one probe per region: the two spellings are one mirror");
    } else {
      await response.arrayBuffer();
    }
  }
  // 60 probes a minute: seven requests of 8 probes pass, the eighth would make 64.
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 429, 429]);
});

test("POST /api/modcheck streams each line's check: retracted and deprecated with their reason, missing, another path declared, newer, the toolchains", async () => {
  const gomod =
    "module example.com/app\n\ngo 1.22\n\ntoolchain go1.99.1\n\nrequire (\n\tgithub.com/example/retracted v1.0.0\n\tgithub.com/example/oldlib v1.5.0\n\tgolang.org/x/text v0.14.0\n\tgithub.com/example/nosuch v1.0.0\n\texample.com/../../etc v1.0.0\n\tgithub.com/example/renamed v1.0.0\n)\n";
  const post = (body, headers = {}) =>
    fetch(`${worker.url}/api/modcheck`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.51.100.88", ...headers },
      body,
    });
  const response = await post(JSON.stringify({ gomod, proxy: proxies.healthy.url }));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/x-ndjson/);
  const lines = await readNdjson(response, performance.now());
  const by = (module) => lines.find((l) => l.module === module);
  assert.deepEqual(
    [by("github.com/example/retracted").status, by("github.com/example/retracted").detail, by("github.com/example/retracted").newer],
    ["retracted", "v1.0.0 deletes files on import.", "v1.1.0"],
  );
  assert.deepEqual([by("github.com/example/oldlib").status, by("github.com/example/oldlib").detail], ["deprecated", "use github.com/example/newlib instead."]);
  assert.equal(by("golang.org/x/text").status, "ok");
  assert.equal(by("github.com/example/nosuch").status, "missing");
  assert.equal(by("example.com/../../etc").status, "invalid", "nothing that is not a module path reaches a URL");
  assert.deepEqual(
    [by("github.com/example/renamed").status, by("github.com/example/renamed").detail],
    ["mismatch", "module declares its path as: github.com/example/newname but was required as: github.com/example/renamed"],
  );
  const toolchains = lines.filter((l) => l.module === "golang.org/toolchain").map((l) => [l.line, l.version, l.status]);
  assert.deepEqual(toolchains.sort(), [
    ["go 1.22", "go1.22.0", "ok"],
    ["toolchain go1.99.1", "go1.99.1", "missing"],
  ]);
  assert.match(lines.find((l) => l.version === "go1.99.1").detail, /toolchain not available/);
  const summary = lines.at(-1);
  assert.deepEqual(summary, { type: "summary", checked: 8, flagged: 6, unreachable: 0, at: summary.at });
  // A proxy that cannot be reached says nothing about the go.mod: counted apart, not flagged.
  const cut = await readNdjson(
    await post(JSON.stringify({ gomod: "module example.com/app\n\nrequire golang.org/x/text v0.14.0\n", proxy: proxies.reset.url })),
    performance.now(),
  );
  assert.equal(cut.find((l) => l.module === "golang.org/x/text")?.status, "unreachable", JSON.stringify(cut));
  assert.deepEqual([cut.at(-1).flagged, cut.at(-1).unreachable], [0, 1]);
  // Checked as a probe is: only same-site JSON, only public (here: test loopback) proxies, bounded.
  await expectError(await post(JSON.stringify({ gomod }), { "Content-Type": "text/plain" }), 415, "unsupported_media_type");
  await expectError(await post(JSON.stringify({ gomod, proxy: "http://10.0.0.1" })), 400, "target_refused");
  const many = `module x.example/m\n\nrequire (\n${Array.from({ length: 101 }, (_, i) => `\tx.example/m${i} v1.0.0`).join("\n")}\n)\n`;
  const tooMany = await expectError(await post(JSON.stringify({ gomod: many, proxy: proxies.healthy.url })), 400, "bad_parameter");
  assert.match(tooMany.error.message, /101 requirements; from 1 to 100/);
});

test("the go.mod check's budget counts what it costs upstream: one full check a minute per client, and per /48", async () => {
  // 100 requirements and a go line: eleven batches of at most 40 requests upstream, out of 12.
  const gomod = `module x.example/m\n\ngo 1.22\n\nrequire (\n${Array.from({ length: 100 }, (_, i) => `\tgolang.org/x/text${i} v0.14.0`).join("\n")}\n)\n`;
  const check = (address) =>
    fetch(`${worker.url}/api/modcheck`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": address },
      body: JSON.stringify({ gomod, proxy: proxies.status404.url }),
    });
  // The limiter counts in fixed one-minute windows: a window may turn over once, so a client
  // gets at most two full checks before the refusal.
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const response = await check("198.51.100.120");
    statuses.push(response.status);
    if (response.status === 200) await response.text();
    else {
      await expectError(response, 429, "rate_limited");
      break;
    }
  }
  assert.equal(statuses.at(-1), 429, `${statuses}`);
  // Every /64 of one /48 together has four clients' budget, not 65,536.
  const wide = [];
  for (let i = 1; i <= 12; i++) {
    const response = await check(`2001:db8:4848:${i}::1`);
    wide.push(response.status);
    if (response.status === 200) await response.text();
    else break;
  }
  assert.equal(wide.at(-1), 429, `a /48 was never limited: ${wide}`);
  assert.ok(wide.length <= 9, `${wide}`);
  const other = await check("2001:db8:4849:1::1");
  assert.equal(other.status, 200, "another /48 is another client");
  await other.text();
});

test("a probe run is kept for a shared report: the worker attaches its own measurements, never a client's", async () => {
  const response = await fetch(`${worker.url}/api/probe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.51.100.91" },
    body: JSON.stringify({ mirrors: [proxies.healthy.url, proxies.status502.url], module: MODULE, version: VERSION, regions: ["weur"] }),
  });
  const lines = await readNdjson(response, performance.now());
  const summary = lines.at(-1);
  assert.match(summary.run, /^[A-Za-z0-9_-]{16}$/, JSON.stringify(summary));
  const { bytes } = sharedReport(`go: ${MODULE}@${VERSION}: reading ${proxies.status502.url}/${MODULE}/@v/${VERSION}.info: 502 Bad Gateway\n`);
  // A client's own "measurements" are dropped: only a run the worker kept is attached.
  const forged = JSON.parse(bytes);
  forged.measurements = [{ at: "2026-01-01T00:00:00Z", mirror: "https://evil.example", module: MODULE, verdict: "ok", ms: 1, steps: [] }];
  const post = (body, query = "") =>
    fetch(`${worker.url}/api/reports${query}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const plain = await (await post(JSON.stringify(forged))).json();
  const stored = await (await fetch(`${worker.url}/api/reports/${plain.id}`)).json();
  assert.equal(stored.measurements, undefined, "a client cannot attach measurements");
  const created = await post(bytes, `?probes=${summary.run}`);
  assert.equal(created.status, 201);
  const { id } = await created.json();
  const report = await (await fetch(`${worker.url}/api/reports/${id}`)).json();
  const by = (url) => report.measurements.find((m) => m.mirror === url);
  assert.equal(report.measurements.length, 2);
  assert.deepEqual([by(proxies.healthy.url).verdict, by(proxies.healthy.url).region, by(proxies.healthy.url).version], ["ok", "weur", VERSION]);
  assert.equal(by(proxies.status502.url).verdict, "down");
  assert.ok(by(proxies.status502.url).steps.some((s) => s.status === 502 && s.first_attempt), JSON.stringify(by(proxies.status502.url)));
  assert.ok(Math.abs(Date.parse(by(proxies.healthy.url).at) - Date.now()) < 120_000, "timestamped by the worker");
  const page = await (await fetch(`${worker.url}/r/${id}`)).text();
  assert.match(page, /<section id="measurements">/);
  assert.ok(page.includes(`<code>${proxies.status502.url}</code> <code>${MODULE}@${VERSION}</code>: down`), page);
  // Runs the worker does not keep are refused, by name; malformed ids before any lookup.
  const unknown = await post(bytes, "?probes=AAAAAAAAAAAAAAAA");
  assert.equal(unknown.status, 422);
  assert.equal((await unknown.json()).error.code, "unknown_probe_run");
  const malformed = await post(bytes, "?probes=report:x");
  assert.equal((await malformed.json()).error.code, "bad_parameter");
});

test("probes are rate limited per client", async () => {
  // The limiter counts in fixed one-minute windows: a window may turn over during the loop,
  // so up to two windows' worth is allowed before the 429 must come.
  let limited;
  let sent = 0;
  for (; sent < 130 && !limited; sent++) {
    const response = await probe(proxies.healthy2.url, {}, worker.url);
    if (response.status === 429) limited = response;
    else await response.arrayBuffer();
  }
  assert.ok(limited, `no 429 after ${sent} probes`);
  assert.equal(limited.headers.get("retry-after"), "60");
  await expectError(limited, 429, "rate_limited");
});
