// The CLI installed in one line, as a Go developer or a CI job without Rust gets it: the worker
// serves `/install.sh` and `/install.ps1` (downloading from the same origin) and the binaries with
// their SHA256SUMS under `/dl/` (built by `cargo xtask dist`). Inside the loopback namespace.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startWorker } from "./support.mjs";

const DL = new URL("../../dist/site/dl/", import.meta.url);
let worker;
let dir;
before(async () => {
  worker = await startWorker();
  dir = await mkdtemp(join(tmpdir(), "gmd-install-"));
});
after(async () => {
  await worker?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `curl -fsSL <base>/install.sh | sh` with HOME and the install directory in `home`
 * (asynchronously: a server of this process may be what it downloads from). */
function install(home, env = {}) {
  const child = spawn("sh", ["-c", `curl -fsSL '${worker.url}/install.sh' | sh`], {
    env: { PATH: "/usr/bin:/bin", HOME: home, GMD_INSTALL: join(home, "bin"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => {
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr });
    });
  });
}

test("install.sh downloads from this site, checks SHA256SUMS, installs without sudo and says how to reach it", async () => {
  const script = await (await fetch(`${worker.url}/install.sh`)).text();
  assert.ok(script.includes(`base=\${GMD_BASE:-${worker.url}}`), script.slice(0, 600));
  assert.doesNotMatch(script, /@ORIGIN@/);
  const sums = await (await fetch(`${worker.url}/dl/SHA256SUMS`)).text();
  assert.match(sums, /^[0-9a-f]{64} {2}gomod-doctor-\d+\.\d+\.\d+-x86_64-unknown-linux-musl$/m);
  const home = join(dir, "home");
  const result = await install(home);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stderr, /installed gomod-doctor \d+\.\d+\.\d+ \(x86_64-unknown-linux-musl; analysis/);
  assert.match(result.stderr, /is not on your PATH; add it/);
  const binary = join(home, "bin/gomod-doctor");
  assert.ok((await stat(binary)).mode & 0o100, "executable");
  // In a clean environment (no Rust, no PATH, no network): a real paste, diagnosed.
  const paste = await readFile(new URL("../fixtures/real/02-docker-dns-timeout-goproxy-cn/log.txt", import.meta.url), "utf8");
  const analysed = spawnSync("env", ["-i", binary, "analyze"], { input: paste, encoding: "utf8", timeout: 30_000 });
  assert.equal(analysed.status, 1, analysed.stderr);
  assert.match(analysed.stdout, /^1\. error\[/);
});

test("install.sh refuses a binary that does not match SHA256SUMS, and installs nothing", async () => {
  // A mirror of /dl/ whose SHA256SUMS lies about the binary.
  const files = Object.fromEntries(await Promise.all((await readdir(DL)).map(async (name) => [name, await readFile(new URL(name, DL))])));
  const tampered = files.SHA256SUMS.toString().replace(/^[0-9a-f]{64}/gm, (hash) => hash.replace(/^./, (c) => (c === "0" ? "1" : "0")));
  const server = createServer((req, res) => {
    const name = req.url.replace(/^\/dl\//, "");
    const body = name === "SHA256SUMS" ? tampered : files[name];
    res.writeHead(body ? 200 : 404).end(body ?? "");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const home = join(dir, "tampered");
    const result = await install(home, { GMD_BASE: `http://127.0.0.1:${server.address().port}` });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /does not match SHA256SUMS .*: not installed/);
    await assert.rejects(stat(join(home, "bin/gomod-doctor")));
  } finally {
    server.close();
  }
});

test("install.ps1 comes with this site's origin and parses with the PowerShell grammar", async () => {
  const script = await (await fetch(`${worker.url}/install.ps1`)).text();
  assert.ok(script.includes(`'${worker.url}'`), script.slice(0, 600));
  assert.doesNotMatch(script, /@ORIGIN@/);
  const python = new URL("../../.venv/bin/python", import.meta.url).pathname;
  const parse = (text) => spawnSync(
    python,
    [
      "-c",
      "import sys, tree_sitter, tree_sitter_powershell as ps\n" +
        "tree = tree_sitter.Parser(tree_sitter.Language(ps.language())).parse(sys.stdin.buffer.read())\n" +
        "bad = []\n" +
        "def walk(n):\n" +
        "    if n.is_error or n.is_missing: bad.append((n.start_point, n.type))\n" +
        "    for c in n.children: walk(c)\n" +
        "walk(tree.root_node)\n" +
        "print(bad)\n" +
        "sys.exit(1 if bad else 0)\n",
    ],
    { input: text, encoding: "utf8", timeout: 30_000 },
  );
  const parsed = parse(script);
  assert.equal(parsed.status, 0, parsed.stdout + parsed.stderr);
  // The grammar does refuse what PowerShell would not run.
  assert.equal(parse("if ($x -eq { Write-Host 'no'\n").status, 1);
});
