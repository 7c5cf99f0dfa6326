// The SSRF suite: every address form the probe must not reach, asked of the real worker (local
// workerd) through both probe routes, and redirect chains that end at a private address. The
// whole file runs inside a loopback-only network namespace (`unshare -n`): were a guard to fail,
// no packet could leave the machine — and each refusal must also come before any request, which
// the fake mirrors' request logs check for the redirect chains.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { startFakeProxy, startWorker } from "./support.mjs";

let strict; // Production settings: only public targets.
let testing; // GMD_TEST_MODE=1: loopback mirrors allowed, for the redirect chains.
const mirrors = {};

before(async () => {
  // Chains: first → second → a private address, each hop a redirect of every request.
  mirrors.privateEnd = await startFakeProxy(["--fault", "redirect:http://10.0.0.1{path}"]);
  mirrors.metadataEnd = await startFakeProxy(["--fault", "redirect:http://[::ffff:a9fe:a9fe]{path}"]);
  mirrors.nameEnd = await startFakeProxy(["--fault", "redirect:http://169.254.169.254.nip.io{path}"]);
  mirrors.chain = await startFakeProxy(["--fault", `redirect:${mirrors.privateEnd.url}{path}`]);
  mirrors.schemeEnd = await startFakeProxy(["--fault", "redirect:file:///etc/passwd"]);
  mirrors.userInfoEnd = await startFakeProxy(["--fault", "redirect:http://goproxy.cn@10.0.0.1{path}"]);
  strict = await startWorker();
  testing = await startWorker({ vars: { GMD_TEST_MODE: "1", GMD_PROBE_SUMDB_KEY: mirrors.privateEnd.sumdbKey } });
});
after(async () => {
  await Promise.all([strict?.stop(), testing?.stop(), ...Object.values(mirrors).map((m) => m.stop())]);
});

// The forms, grouped under their `# ` headings; gmd-probe's unit tests read the same file.
const FORBIDDEN = {};
let group = null;
for (const line of readFileSync(new URL("../fixtures/ssrf/refused.txt", import.meta.url), "utf8").split("\n")) {
  if (line.startsWith("# ")) group = line.slice(2);
  else if (line && group && !line.startsWith("#")) (FORBIDDEN[group] ??= []).push(line);
}

async function refused(response, form) {
  const text = await response.text();
  assert.equal(response.status, 400, `${form}: ${text}`);
  assert.equal(JSON.parse(text).error.code, "target_refused", `${form}: ${text}`);
}

for (const [kind, forms] of Object.entries(FORBIDDEN)) {
  test(`refused, before any request: ${kind}`, async () => {
    for (const form of forms) {
      const query = new URLSearchParams({ proxy: form, module: "golang.org/x/text", version: "v0.14.0" });
      await refused(await fetch(`${strict.url}/api/probe?${query}`, { headers: { "X-Gmd-Client": "e2e" } }), `GET ${form}`);
      // The fan-out checks every target before it calls a single object.
      const post = await fetch(`${strict.url}/api/probe`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": `198.18.0.${forms.indexOf(form)}` },
        body: JSON.stringify({ mirrors: ["https://goproxy.cn", form] }),
      });
      await refused(post, `POST ${form}`);
    }
  });
}

test("redirect chains that end at a private address are cut at the hop that names it", async () => {
  const probe = async (mirror) => {
    const query = new URLSearchParams({ proxy: mirror.url, module: "golang.org/x/text", version: "v0.14.0", timeout: "3" });
    const response = await fetch(`${testing.url}/api/probe?${query}`, { headers: { "X-Gmd-Client": "e2e" } });
    assert.equal(response.status, 200);
    return response.json();
  };
  const cases = [
    // [mirror, redirects followed before the refused one, why]
    [mirrors.chain, 1, /10\.0\.0\.1.*not a public address/],
    [mirrors.privateEnd, 0, /10\.0\.0\.1.*not a public address/],
    [mirrors.metadataEnd, 0, /::ffff:a9fe:a9fe.*not a public address/],
    [mirrors.nameEnd, 0, /169\.254\.169\.254\.nip\.io.*not a public host name/],
    [mirrors.schemeEnd, 0, /only http and https/],
    [mirrors.userInfoEnd, 0, /user names or passwords/],
  ];
  for (const [mirror, hops, detail] of cases) {
    const report = await probe(mirror);
    assert.equal(report.verdict.status, "down", JSON.stringify(report));
    // The fault redirects the module paths (the checksum-database paths answer normally).
    const moduleSteps = report.steps.filter((s) => ["list", "latest", "info", "mod", "zip"].includes(s.step));
    assert.ok(moduleSteps.length >= 4, JSON.stringify(report.steps));
    for (const step of moduleSteps) {
      assert.equal(step.outcome, "refused", `${mirror.url} ${step.step}: ${JSON.stringify(step)}`);
      assert.equal(step.redirects ?? 0, hops, `${mirror.url} ${step.step}`);
      assert.match(step.detail, detail, `${mirror.url} ${step.step}`);
    }
  }
});
