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
