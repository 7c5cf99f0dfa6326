// The SSRF suite: every address form the probe must not reach, asked of the real worker (local
// workerd) through both probe routes, and redirect chains that end at a private address. The
// whole file runs inside a loopback-only network namespace (`unshare -n`): were a guard to fail,
// no packet could leave the machine — and each refusal must also come before any request, which
// the fake mirrors' request logs check for the redirect chains.
import assert from "node:assert/strict";
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

const FORBIDDEN = {
  "IPv4 loopback and private": ["http://127.0.0.1", "http://127.255.255.254", "http://10.0.0.1", "http://172.16.0.1", "http://192.168.0.1", "http://100.64.0.1", "http://0.0.0.0", "http://0"],
  "link-local and metadata": ["http://169.254.169.254", "http://169.254.170.2", "http://[fd00:ec2::254]"],
  "decimal, octal, hex and short IPv4": [
    "http://2130706433",
    "http://2852039166",
    "http://017700000001",
    "http://0251.0376.0251.0376",
    "http://0xa9fea9fe",
    "http://0xa9.0xfe.0xa9.0xfe",
    "http://169.254.43518",
    "http://127.1",
    "http://127.000.000.001",
    "http://0x7f.1",
  ],
  "IPv6 loopback, mapped, compatible and tunnels": [
    "http://[::1]",
    "http://[::]",
    "http://[0:0:0:0:0:0:0:1]",
    "http://[::ffff:127.0.0.1]",
    "http://[::ffff:7f00:1]",
    "http://[::ffff:169.254.169.254]",
    "http://[::127.0.0.1]",
    "http://[64:ff9b::a9fe:a9fe]",
    "http://[2002:a9fe:a9fe::]",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
    "http://[fe80::1]",
    "http://[fc00::1]",
    "http://[ff02::1]",
  ],
  "user-info tricks": [
    "https://user:pass@goproxy.cn",
    "https://goproxy.cn@169.254.169.254",
    "http://169.254.169.254\\@goproxy.cn",
    "https://goproxy.cn%40169.254.169.254",
    "http://169.254.169.254#@goproxy.cn",
    "http://169.254.169.254?@goproxy.cn",
  ],
  "schemes other than http and https": ["file:///etc/passwd", "ftp://goproxy.cn", "gopher://goproxy.cn", "ws://goproxy.cn", "data:text/plain,x", "javascript:alert(1)", "dict://goproxy.cn:11211"],
  "odd ports": ["https://goproxy.cn:22", "https://goproxy.cn:25", "https://goproxy.cn:6379", "https://goproxy.cn:0", "https://goproxy.cn:65536", "http://goproxy.cn:11211"],
  "names that are addresses": [
    "http://localhost",
    "http://LOCALHOST.",
    "http://api.localhost",
    "http://169.254.169.254.nip.io",
    "http://127-0-0-1.sslip.io",
    "http://app.localtest.me",
    "http://lvh.me",
    "http://10.0.0.1.example.com",
    "http://ip-10-0-0-1.example.com",
    "http://169-254-169-254.example.com",
    "http://169.254.169.254.",
    "http://１６９.２５４.１６９.２５４",
  ],
  "internal names": ["http://metadata.google.internal", "http://metadata", "http://instance-data", "http://printer.local", "http://router.lan", "http://nas.home.arpa", "http://intranet"],
};

async function refused(response, form) {
  const text = await response.text();
  assert.equal(response.status, 400, `${form}: ${text}`);
  assert.equal(JSON.parse(text).error.code, "target_refused", `${form}: ${text}`);
}

for (const [kind, forms] of Object.entries(FORBIDDEN)) {
  test(`refused, before any request: ${kind}`, async () => {
    for (const form of forms) {
      const query = new URLSearchParams({ proxy: form, module: "golang.org/x/text", version: "v0.14.0" });
      await refused(await fetch(`${strict.url}/api/probe?${query}`), `GET ${form}`);
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
    const response = await fetch(`${testing.url}/api/probe?${query}`);
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
