// The worker's API and static-asset serving, against the real worker in local workerd.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startWorker } from "./support.mjs";

let worker;
before(async () => (worker = await startWorker()));
after(async () => worker?.stop());

const SECURITY_HEADERS = ["content-security-policy", "referrer-policy", "x-content-type-options"];

test("GET /api/health answers JSON from Rust", async () => {
  const response = await fetch(`${worker.url}/api/health`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  const body = await response.json();
  assert.equal(body.status, "ok");
  assert.equal(body.name, "gomod-doctor");
  assert.match(body.version, /^\d+\.\d+\.\d+$/);
  // wrangler dev provides a placeholder `request.cf`; raw workerd would give null.
  assert.ok(body.colo === null || /^[A-Z]{3}$/.test(body.colo), `colo: ${body.colo}`);
  for (const name of SECURITY_HEADERS) assert.ok(response.headers.get(name), name);
  assert.equal(response.headers.get("referrer-policy"), "no-referrer");
});

test("unknown API routes are 404 JSON errors", async () => {
  const response = await fetch(`${worker.url}/api/no-such-route`);
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), {
    error: { code: "not_found", message: "no API route `/api/no-such-route`", message_zh: "没有 API 路由 `/api/no-such-route`" },
  });
});

test("a wrong method is a 405 JSON error with Allow", async () => {
  const response = await fetch(`${worker.url}/api/health`, { method: "POST", body: "{}" });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get("allow"), "GET, HEAD");
  const body = await response.json();
  assert.equal(body.error.code, "method_not_allowed");
});

test("the site is served with security headers, deep links fall back to the app", async () => {
  const policies = new Set();
  for (const [path, status] of [["/", 200], ["/r/abcdefghijk", 404]]) {
    const response = await fetch(`${worker.url}${path}`);
    assert.equal(response.status, status, path);
    assert.match(response.headers.get("content-type"), /^text\/html/, path);
    assert.match(await response.text(), /<script type="module" src="\/app.js">/, path);
    const csp = response.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    // The probe panel times https mirrors from the page; nothing else leaves it.
    assert.match(csp, /connect-src 'self' https:;/, path);
    policies.add(csp);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer", path);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
  }
  assert.equal(policies.size, 1, `the worker's page and _headers give one policy: ${[...policies].join(" | ")}`);
  // The icon browsers ask for is an icon, not the app's page.
  const icon = await fetch(`${worker.url}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.doesNotMatch(icon.headers.get("content-type") ?? "", /text\/html/);
  assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).slice(0, 4)], [0, 0, 1, 0], "an ICO file");
  const wasm = await fetch(`${worker.url}/pkg/gmd_web_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
});
