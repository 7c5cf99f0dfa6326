// Every secret form of the corpus (`tests/fixtures/secrets/forms.tsv`) pasted at once, shared
// every way the product shares: no secret — nor any eight-character piece of one — in what the
// CLI uploads, what the worker stores, the report page, or the server-less fragment link; and the
// worker's own redaction catches what a client did not mask.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { after, before, test } from "node:test";
import { sharedReport, startWorker } from "./support.mjs";

let worker;
before(async () => (worker = await startWorker({ vars: { GMD_TEST_MODE: "1" } })));
after(async () => worker?.stop());

/** `\\`, `\n` and `\t` escapes, as the corpus writes line breaks and tabs. */
const unescape = (text) => text.replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t" })[c] ?? c);

const FORMS = readFileSync(new URL("../fixtures/secrets/forms.tsv", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"))
  .map((line) => {
    const [name, paste, secret] = line.split("\t");
    return { name, paste: unescape(paste), secret: unescape(secret) };
  });

const INPUT = `${FORMS.map((f) => f.paste).join("\n")}\ngo: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n`;

/** The forms whose secret (or an eight-character piece of it) `text` still holds. */
function survivors(text) {
  return FORMS.filter(({ secret }) => {
    if (text.includes(secret)) return true;
    for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return true;
    return false;
  }).map((f) => f.name);
}

test("no secret form survives the CLI, the stored report, the report page or the fragment link", async () => {
  assert.ok(FORMS.length >= 250, `${FORMS.length} forms`);
  assert.deepEqual(survivors(INPUT).length, FORMS.length, "every secret is in the paste");
  // What the CLI uploads (the page's share panel runs the same gmd-redact).
  const { bytes, id } = sharedReport(INPUT);
  assert.deepEqual(survivors(bytes), [], "in the CLI's report");
  const created = await fetch(`${worker.url}/api/reports?id=${id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bytes });
  const body = await created.json();
  assert.equal(created.status, 201, JSON.stringify(body));
  assert.equal(body.id, id, "the worker's second pass changes nothing our client masked");
  assert.deepEqual(survivors(await (await fetch(`${worker.url}/api/reports/${id}`)).text()), [], "in the stored report");
  assert.deepEqual(survivors(await (await fetch(`${worker.url}/r/${id}`)).text()), [], "on /r/<id>");
  // The server-less link: the fragment holds the redacted input, deflated.
  const result = spawnSync(process.env.GMD_CLI, ["share", "--server", worker.url], { input: `${INPUT}# fragment\n`, encoding: "utf8", timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  const fragmentLink = result.stdout.trim().split("\n")[1];
  const packed = fragmentLink.split("#")[1].split(".")[1];
  const fragment = inflateRawSync(Buffer.from(packed, "base64url")).toString("utf8");
  assert.match(fragment, /module lookup disabled/);
  assert.deepEqual(survivors(fragment), [], "in the fragment link");
});

test("the worker masks what a client uploads unmasked, and its page shows no secret", async () => {
  // Another program's canonical report whose input is the raw paste.
  const report = JSON.parse(sharedReport("go: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n# raw upload\n").bytes);
  report.input = `${INPUT}# raw upload\n`;
  const created = await fetch(`${worker.url}/api/reports`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(report) });
  const body = await created.json();
  assert.equal(created.status, 201, JSON.stringify(body));
  assert.equal(body.redacted, true);
  assert.deepEqual(survivors(await (await fetch(`${worker.url}/api/reports/${body.id}`)).text()), [], "in the stored report");
  assert.deepEqual(survivors(await (await fetch(`${worker.url}/r/${body.id}`)).text()), [], "on /r/<id>");
});
