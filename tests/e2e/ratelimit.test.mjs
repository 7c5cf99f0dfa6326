// The per-client rate limit on report creation (the Rate Limiting binding, simulated locally).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sharedReport, startWorker } from "./support.mjs";

let worker;
before(async () => (worker = await startWorker()));
after(async () => worker?.stop());

test("creating more than 30 reports a minute is refused with 429 and Retry-After", async () => {
  const statuses = [];
  let limited;
  // The limiter counts in fixed one-minute windows: a window may turn over during the loop, so
  // up to two windows' worth is allowed before the 429 must come.
  for (let i = 0; i < 70 && !limited; i++) {
    const { bytes } = sharedReport(`GOPROXY=off\ngo: report number ${i}\n`);
    const response = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
    statuses.push(response.status);
    if (response.status === 429) limited = response;
  }
  assert.ok(limited, `never limited: ${statuses}`);
  assert.equal(limited.headers.get("retry-after"), "60");
  assert.equal((await limited.json()).error.code, "rate_limited");
  assert.ok(statuses.filter((s) => s === 201).length >= 30, `${statuses}`);
});

test("every /64 of one IPv6 /48 shares a wider budget (120 reports a minute), another /48 is another client", async () => {
  const { bytes } = sharedReport("GOPROXY=off\ngo: the same report, again and again\n");
  const from = (address) =>
    fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": address }, body: bytes });
  const statuses = [];
  let limited;
  // Ten /64s in turn, each well under its own 30 a minute; over two windows at most 240 pass.
  for (let i = 0; i < 260 && !limited; i++) {
    const response = await from(`2001:db8:120:${i % 10}::7`);
    statuses.push(response.status);
    if (response.status === 429) limited = response;
    else await response.text();
  }
  assert.ok(limited, `the /48 was never limited: ${statuses.length} requests`);
  assert.equal((await limited.json()).error.code, "rate_limited");
  assert.ok(statuses.length > 100, `limited after ${statuses.length}: the /64s' own budgets are not the cause`);
  const other = await from("2001:db8:121:1::7");
  assert.ok([200, 201].includes(other.status), `another /48: ${other.status}`);
});
