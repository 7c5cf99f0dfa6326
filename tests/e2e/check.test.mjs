// `gomod-doctor check` and `modcheck` on this machine with the real go command, against gmd-fake-proxy mirrors on
// loopback (inside the loopback-only namespace): every child is stopped by PID.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { startFakeProxy } from "./support.mjs";

const required = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set: run the tests with \`cargo xtask test\``);
  return process.env[name];
};
const started = [];
after(async () => {
  for (const proxy of started) await proxy.stop();
});

/** Runs `gomod-doctor check ARGS` in a fresh module directory, GOPROXY at `proxy`. */
async function check(proxy, args) {
  const dir = await mkdtemp(join(tmpdir(), "gmd-check-"));
  try {
    await mkdir(join(dir, "home"));
    await writeFile(join(dir, "go.mod"), "module example.com/app\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0\n");
    const env = {
      PATH: `${dirname(required("GMD_GO"))}:${process.env.PATH}`,
      HOME: join(dir, "home"),
      GOPATH: join(dir, "home/go"),
      GOCACHE: join(dir, "home/cache"),
      GOPROXY: proxy.url,
      GOSUMDB: proxy.sumdbKey,
      GOTOOLCHAIN: "local",
      GOFLAGS: "-mod=mod",
      LANG: "C",
    };
    const child = spawn(required("GMD_CLI"), ["check", ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const start = performance.now();
    const code = await new Promise((resolve) => {
      const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.on("exit", (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    return { code, stdout, stderr, ms: performance.now() - start };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("check on a machine whose proxy hangs names the hang within the deadline", async () => {
  const proxy = await startFakeProxy(["--fault", "hang"]);
  started.push(proxy);
  const { code, stdout, stderr, ms } = await check(proxy, ["--timeout", "3", "--", "go", "mod", "download"]);
  assert.equal(code, 1, stdout + stderr);
  for (const step of ["[1/5] go version", "[2/5] go env", "[3/5] go.mod", "[4/5] probing", "[5/5] go mod download (deadline 3 s)"]) {
    assert.ok(stderr.includes(step), `progress: ${stderr}`);
  }
  assert.match(stdout, /`go mod download` did not finish within 3 s and was stopped: it hangs/);
  assert.ok(stdout.includes(`The probe of ${proxy.url} failed from here too`), stdout);
  assert.match(stdout, new RegExp(`down\\s+${proxy.url.replace(/[.:/]/g, "\\$&")}`));
  assert.ok(ms < 20_000, `took ${ms} ms`);
});

test("check on a healthy machine finds nothing wrong and runs the command to the end", async () => {
  const proxy = await startFakeProxy([]);
  started.push(proxy);
  const { code, stdout, stderr } = await check(proxy, ["--timeout", "30", "--", "go", "mod", "download"]);
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, new RegExp(`ok\\s+${proxy.url.replace(/[.:/]/g, "\\$&")}`));
  assert.doesNotMatch(stdout, /did not finish/);
});

test("modcheck flags a retracted and a deprecated requirement with their reason, and a missing one", async () => {
  const proxy = await startFakeProxy([]);
  started.push(proxy);
  const dir = await mkdtemp(join(tmpdir(), "gmd-modcheck-"));
  try {
    await writeFile(
      join(dir, "go.mod"),
      "module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/example/retracted v1.0.0\n\tgithub.com/example/oldlib v1.5.0\n\tgolang.org/x/text v0.14.0\n\tgithub.com/example/nosuch v1.0.0\n)\n",
    );
    const result = spawnSync(required("GMD_CLI"), ["modcheck", "--proxy", proxy.url, join(dir, "go.mod")], { encoding: "utf8", timeout: 30_000 });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stdout.trim().split("\n").filter((l) => !l.startsWith(" "));
    assert.deepEqual(lines, [
      "retracted   github.com/example/retracted@v1.0.0: v1.0.0 deletes files on import. (newer: v1.1.0)",
      "deprecated  github.com/example/oldlib@v1.5.0: use github.com/example/newlib instead.",
      "ok          golang.org/x/text@v0.14.0",
      lines[3],
    ]);
    assert.match(lines[3], /^missing {5}github\.com\/example\/nosuch@v1\.0\.0/);
    const json = spawnSync(required("GMD_CLI"), ["modcheck", "--proxy", proxy.url, "--format", "json", join(dir, "go.mod")], { encoding: "utf8", timeout: 30_000 });
    assert.equal(JSON.parse(json.stdout.split("\n")[0]).status, "retracted");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
