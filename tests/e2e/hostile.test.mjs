// Hostile input against the local worker: every API route with malformed, oversized, slow-drip,
// wrong-method and Unicode-edge requests. Each is answered with the right status and a JSON
// error, nothing hangs, and the worker stays healthy. Runs inside a loopback-only namespace.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import { startWorker } from "./support.mjs";

let worker;
before(async () => {
  worker = await startWorker();
});
after(async () => {
  await worker?.stop();
});

/** Sends a request; expects `status` and a JSON error with `code`. Each client its own address. */
let client = 0;
async function expectError({ method = "GET", path, body, headers = {} }, status, code) {
  const response = await fetch(`${worker.url}${path}`, {
    method,
    body,
    // (A program that names itself, as scripts calling `GET /api/probe` must.)
    headers: { "CF-Connecting-IP": `203.0.113.${++client % 250}`, "X-Gmd-Client": "e2e", ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  assert.equal(response.status, status, `${method} ${path.slice(0, 80)}: ${text.slice(0, 300)}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/, `${method} ${path.slice(0, 80)}`);
  const parsed = JSON.parse(text);
  assert.equal(parsed.error?.code, code, `${method} ${path.slice(0, 80)}: ${text.slice(0, 300)}`);
  assert.equal(typeof parsed.error.message, "string");
  return parsed;
}

async function healthy() {
  const response = await fetch(`${worker.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).status, "ok");
}

/** Writes raw bytes on a fresh connection; resolves with what came back before the close. */
function raw(chunks, { gapMs = 0, waitMs = 5_000, onWrite = () => {} } = {}) {
  const { port } = new URL(worker.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, waitMs);
    socket.on("data", (data) => (received += data.toString("latin1")));
    socket.on("end", done);
    socket.on("close", done);
    socket.on("error", (e) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? done() : reject(e)));
    socket.on("connect", async () => {
      for (const chunk of chunks) {
        // Stop sending once answered (a refusal may come before the body ends).
        if (socket.destroyed || received) return;
        socket.write(chunk);
        onWrite();
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

test("wrong methods are 405 with Allow, on every route", async () => {
  for (const [method, path] of [
    ["PUT", "/api/reports"],
    ["PATCH", "/api/reports/abcdefghijk"],
    ["POST", "/api/health"],
    ["DELETE", "/api/probe"],
    ["PUT", "/api/probe"],
  ]) {
    const response = await fetch(`${worker.url}${path}`, { method });
    assert.equal(response.status, 405, `${method} ${path}`);
    assert.ok(response.headers.get("allow"), `${method} ${path} says what it allows`);
    assert.equal((await response.json()).error.code, "method_not_allowed");
  }
  await healthy();
});

test("malformed bodies are 400 with the reason, never a crash", async () => {
  const json = { "Content-Type": "application/json" };
  // Nested far past any parser's recursion limit, yet under the probe route's 16 KiB cap.
  const deep = "[".repeat(8_000) + "]".repeat(8_000);
  for (const body of ["{", "null", "[]", '"\\ud800"', deep, "\u0000\u0001\u0002", '{"schema":1e999999}', "{}".repeat(1000)]) {
    await expectError({ method: "POST", path: "/api/reports", body, headers: json }, 400, "invalid_report");
  }
  await expectError({ method: "POST", path: "/api/reports", body: new Uint8Array([0xff, 0xfe, 0xc0, 0x80]), headers: json }, 400, "invalid_report");
  for (const body of ["{", deep, '{"mirrors": 5}', '{"timeout": "soon"}', '{"regions": ["mars"]}', '{"mirrors": []}', '{"extra": 1}', '"\\ud800"']) {
    await expectError({ method: "POST", path: "/api/probe", body, headers: json }, 400, "bad_parameter");
  }
  await healthy();
});

test("oversized bodies, URLs and parameters are refused without reading them all", async () => {
  const json = { "Content-Type": "application/json" };
  await expectError({ method: "POST", path: "/api/reports", body: "x".repeat(300 * 1024), headers: json }, 413, "payload_too_large");
  await expectError({ method: "POST", path: "/api/probe", body: "x".repeat(64 * 1024), headers: json }, 413, "payload_too_large");
  // 20 MiB, refused from its Content-Length (wrangler's local proxy still carries the body to
  // the worker; the edge refuses bodies over 100 MB itself).
  const big = new Uint8Array(20 * 1024 * 1024).fill(0x20);
  await expectError({ method: "POST", path: "/api/reports", body: big, headers: json }, 413, "payload_too_large");
  await expectError({ method: "POST", path: "/api/probe", body: big, headers: json }, 413, "payload_too_large");
  // Chunked, with no Content-Length: read as a stream and refused once past the limit, while
  // the client is still sending (up to 20 MiB).
  const frame = `10000\r\n${" ".repeat(64 * 1024)}\r\n`;
  for (const path of ["/api/reports", "/api/probe"]) {
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCF-Connecting-IP: 203.0.113.251\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const chunks = [head, ...Array(320).fill(frame), "0\r\n\r\n"];
    let sent = 0;
    const answer = await raw(chunks, { gapMs: 1, waitMs: 10_000, onWrite: () => sent++ });
    // The 413 arrives (or, the server closing a connection it stopped reading resets it and a
    // reset may drop the answer, the connection ends), long before the body does: a worker that
    // read the whole body would let all 20 MiB through first.
    // (Locally, wrangler's proxy in front of workerd may instead report the request it was still
    // forwarding as lost, with its own 500: the worker stopped reading all the same.)
    const answered =
      /^HTTP\/1\.1 413 [^]*payload_too_large/.test(answer) || answer === "" || /^HTTP\/1\.1 500 [^]*Network connection lost/.test(answer);
    const refused = answered && sent < 40;
    assert.ok(refused, `${path}: sent ${sent} of ${chunks.length} chunks, answered ${JSON.stringify(answer.slice(0, 200))}`);
  }
  await expectError({ path: `/api/reports/${"a".repeat(8_000)}` }, 404, "not_found");
  await expectError({ path: `/api/probe?proxy=https://${"a".repeat(4_000)}.example` }, 400, "target_refused");
  await expectError({ path: `/api/probe?proxy=https://goproxy.cn&module=${"m/".repeat(3_000)}x` }, 400, "invalid_module");
  await healthy();
});

test("Unicode edges in ids, URLs and module paths", async () => {
  for (const id of ["%F0%9F%92%A9%F0%9F%92%A9%F0%9F%92%A9", "%E2%80%AEabcdefghij", "%00%00%00%00%00%00%00%00%00%00%00", "..%2F..%2F..%2Fetc", "%ff%fe"]) {
    // None of these is an id (11 to 44 base64url characters): no such route.
    await expectError({ path: `/api/reports/${id}` }, 404, "not_found");
    await expectError({ method: "DELETE", path: `/api/reports/${id}`, headers: { Authorization: "Bearer x" } }, 404, "not_found");
  }
  for (const proxy of ["https://exa mple.com", "https://goproxy.cn\u0000.evil", "https://%E2%80%AEcn.goproxy", "https://[::1]", "https://ｌｏｃａｌｈｏｓｔ", "https://127。0。0。1"]) {
    await expectError({ path: `/api/probe?proxy=${encodeURIComponent(proxy)}` }, 400, "target_refused");
  }
  for (const module of ["golang.org/x/текст", "golang.org/x/te\u200bxt", "GOLANG.org/x/../text", "golang.org/x/text\u0000"]) {
    await expectError({ path: `/api/probe?proxy=https://goproxy.cn&module=${encodeURIComponent(module)}` }, 400, "invalid_module");
  }
  await expectError({ path: "/api/probe?proxy=https://goproxy.cn&version=v1.0.0%E2%80%AE" }, 400, "invalid_module");
  await healthy();
});

test("a slow-drip client does not hold up the others, and malformed HTTP is turned away", async () => {
  // One byte of body every 100 ms for 3 s (bounded), while other clients are served.
  const body = '{"mirrors":["https://goproxy.cn"],"regions":["nowhere"]}';
  const drip = raw(
    [`POST /api/probe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, ...body.slice(0, 30)],
    { gapMs: 100, waitMs: 4_000 },
  );
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await healthy();
    assert.ok(performance.now() - start < 1_000, "health answered promptly during the drip");
    await new Promise((r) => setTimeout(r, 200));
  }
  await drip;
  // A garbage request line is turned away (a 4xx or a closed connection).
  const garbage = await raw(["\u0000\u0001\u0002garbage\r\n\r\n"], { waitMs: 5_000 });
  assert.ok(garbage === "" || /^HTTP\/1\.[01] 4\d\d /.test(garbage), `answered ${JSON.stringify(garbage.slice(0, 120))}`);
  // Broken framing and a huge header: whatever the HTTP layer makes of them (it may serve the
  // GET), an answer or a close within the bound — never a hang, never a 5xx.
  for (const request of [
    "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
    "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(200_000)}\r\n\r\n`,
  ]) {
    const start = performance.now();
    const answer = await raw([request], { waitMs: 5_000 });
    assert.ok(answer === "" || /^HTTP\/1\.[01] [234]\d\d /.test(answer), `answered ${JSON.stringify(answer.slice(0, 120))}`);
    assert.ok(answer !== "" || performance.now() - start < 4_900, "closed rather than left hanging");
  }
  await healthy();
});
