// `gomod-doctor check` and `modcheck` on this machine with the real go command, against gmd-fake-proxy mirrors on
// loopback (inside the loopback-only namespace): every child is stopped by PID.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile, mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { startFakeProxy, startWorker } from "./support.mjs";

const required = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set: run the tests with \`cargo xtask test\``);
  return process.env[name];
};
const started = [];
after(async () => {
  for (const proxy of started) await proxy.stop();
});

/**
 * Runs `gomod-doctor check ARGS` in a fresh module directory, GOPROXY at `proxy` (or `goproxy`);
 * with `tty`, on a pseudo-terminal (`script`), both streams then in `stdout`.
 */
async function check(proxy, args, goproxy = proxy.url, { tty = false, env: extra = {}, gomod = "module example.com/app\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0\n", summary } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "gmd-check-"));
  try {
    await mkdir(join(dir, "home"));
    await writeFile(join(dir, "go.mod"), gomod);
    if (summary) extra = { ...extra, GITHUB_STEP_SUMMARY: join(dir, "summary.md") };
    const env = {
      PATH: `${dirname(required("GMD_GO"))}:${process.env.PATH}`,
      HOME: join(dir, "home"),
      GOPATH: join(dir, "home/go"),
      GOCACHE: join(dir, "home/cache"),
      GOPROXY: goproxy,
      GOSUMDB: proxy.sumdbKey,
      GOTOOLCHAIN: "local",
      GOFLAGS: "-mod=mod",
      LANG: "C",
      ...extra,
    };
    const quote = (a) => `'${a.replaceAll("'", "'\\''")}'`;
    const [program, argv] = tty
      ? ["script", ["-qec", [required("GMD_CLI"), "check", ...args].map(quote).join(" "), "/dev/null"]]
      : [required("GMD_CLI"), ["check", ...args]];
    const child = spawn(program, argv, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
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
    const written = summary ? await readFile(join(dir, "summary.md"), "utf8").catch(() => "") : undefined;
    return { code, stdout, stderr, ms: performance.now() - start, summary: written };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("check on a machine whose proxy hangs names the hang within the deadline", async () => {
  const proxy = await startFakeProxy(["--fault", "hang"]);
  started.push(proxy);
  const { code, stdout, stderr, ms } = await check(proxy, ["--timeout", "3", "--", "go", "mod", "download"]);
  assert.equal(code, 1, stdout + stderr);
  for (const step of ["[1/5] go version", "[2/5] go env", "[3/5] go.mod", "[4/5] go mod download (deadline 3 s)", "[5/5] probing golang.org/x/text"]) {
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

const host = (proxy) => proxy.url.replace("http://", "");

test("check walks GOPROXY: a 502 before ',' stopped the command, and '|' would have gone on to the next mirror", async () => {
  const broken = await startFakeProxy(["--fault", "status:502"]);
  const healthy = await startFakeProxy([]);
  started.push(broken, healthy);
  const { code, stdout, stderr } = await check(broken, ["--timeout", "30", "--", "go", "mod", "download"], `${broken.url},${healthy.url}`);
  assert.equal(code, 1, stdout + stderr);
  assert.ok(stderr.includes("[5/5] probing golang.org/x/text@v0.14.0"), `the failed request is probed: ${stderr}`);
  const walked = stdout.slice(stdout.indexOf("Your GOPROXY, walked as the go command walks it"));
  assert.ok(walked.includes(`${host(broken)} failed (HTTP 502) and \`,\` follows it: the go command stops here and the command fails.`), walked);
  assert.ok(
    walked.includes(`With \`|\` instead of \`,\` after ${host(broken)}, the go command would have gone on to ${host(healthy)}, which serves golang.org/x/text@v0.14.0.`),
    walked,
  );
  assert.ok(walked.includes(`${host(broken)} answered HTTP 502 twice in a row: not a blip.`), walked);
  // The answer's body, which the go command does not show.
  assert.match(stdout, /\n {4}\| 502\n/);
});

test("check --format github: workflow commands (a go.mod line as file=go.mod,line=N) and the Markdown report in the step summary", async () => {
  const proxy = await startFakeProxy([]);
  started.push(proxy);
  // A version the go command refuses in go.mod, on line 5.
  const gomod = "module example.com/app\n\ngo 1.21\n\nrequire golang.org/x/text v0.14\n";
  const { code, stdout, stderr, summary } = await check(proxy, ["--format", "github", "--timeout", "30", "--", "go", "mod", "download"], proxy.url, { gomod, summary: true });
  assert.equal(code, 1, stdout + stderr);
  const commands = stdout.split("\n").filter((l) => l.startsWith("::"));
  assert.ok(commands.length >= 1, stdout);
  assert.match(commands[0], /^::error file=go\.mod,line=5,title=[^:]+::\S/);
  // Every command on one line: its message's line breaks escaped.
  for (const c of commands) assert.doesNotMatch(c.slice(2).split("::").slice(1).join("::"), /[\r\n]/);
  assert.match(summary, /^## /m, summary);
  assert.ok(summary.includes("v0.14"), summary);
});

test("check names a stale mirror and the mirror that has the version", async () => {
  const stale = await startFakeProxy(["--fault", "status:404@module:golang.org/x/text"]);
  const fresh = await startFakeProxy([]);
  started.push(stale, fresh);
  const { stdout, stderr } = await check(stale, ["--module", "golang.org/x/text@v0.14.0", "--timeout", "30", "--", "go", "mod", "download"], `${stale.url},${fresh.url}`);
  assert.ok(
    stdout.includes(`${host(stale)} answered HTTP 404, yet ${host(fresh)} serves golang.org/x/text@v0.14.0: ${host(stale)} is stale.`),
    stdout + stderr,
  );
  assert.ok(stdout.includes(`${host(fresh)} serves golang.org/x/text@v0.14.0: the go command gets the module here.`), stdout);
});

test("check calls a 502 that passes on a second request transient, with a retry line that works typed", async () => {
  const flaky = await startFakeProxy(["--fault", "status-once:502"]);
  started.push(flaky);
  const { code, stdout, stderr } = await check(flaky, ["--timeout", "30", "--", "go", "mod", "download"]);
  assert.equal(code, 1, stdout + stderr);
  assert.match(stdout, /: 502 Bad Gateway/, "the go command met the 502");
  assert.ok(stdout.includes(`${host(flaky)} answered HTTP 502 first, then served golang.org/x/text@v0.14.0 when asked again at once: a passing fault.`), stdout);
  const retry = "(for i in 1 2 3; do go mod download && exit 0; echo \"try $i failed\" >&2; sleep 10; done; exit 1)";
  assert.ok(stdout.includes(`A retry is likely to work: run the command again, or let it retry on its own:\n    ${retry}\n`), stdout);
});

test("check --again: a mirror that failed twice in a row, healthy a few seconds later, is an outage that passed", async () => {
  const lasting = await startFakeProxy(["--fault", "status:502"]);
  started.push(lasting);
  const first = await check(lasting, ["--timeout", "30", "--", "go", "mod", "download"]);
  assert.ok(first.stdout.includes("run check again with --again 60"), first.stdout);
  // Fails for 5 s from its first request: the command and the first probe fall into them.
  const outage = await startFakeProxy(["--fault", "status-for:502:5000"]);
  started.push(outage);
  const { code, stdout, stderr } = await check(outage, ["--timeout", "30", "--again", "6", "--", "go", "mod", "download"]);
  assert.equal(code, 1, "the command itself failed");
  assert.match(stderr, /check \[6\/6\] probing http:\/\/127\.0\.0\.1:\d+ again in 6 s/);
  const host = outage.url.replace("http://", "");
  assert.ok(stdout.includes(`${host} answered HTTP 502 twice in a row`), stdout);
  assert.ok(stdout.includes(`6 s later, ${host} served golang.org/x/text@v0.14.0: the fault passed. A retry after a pause is likely to work.`), stdout);
  assert.match(stdout, /\(for i in 1 2 3; do go mod download && exit 0;/);
});

test("with GOSUMDB=off the checksum database's answers do not count against a mirror", async () => {
  const proxy = await startFakeProxy([]);
  started.push(proxy);
  // The fake database signs with its own key: judged with sum.golang.org's it would look broken.
  const { code, stdout, stderr } = await check(proxy, ["--timeout", "30"], proxy.url, { env: { GOSUMDB: "off" } });
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, new RegExp(`ok +${proxy.url.replace(/[.:/]/g, "\\$&")} +serves golang\.org/x/text`), stdout);
  assert.doesNotMatch(stdout, /broken|unknown_key/);
});

test("check's progress: a line per step when piped; on a terminal the running step counts its seconds", async () => {
  const slow = await startFakeProxy(["--fault", "slow:700"]);
  started.push(slow);
  const piped = await check(slow, ["--timeout", "30", "--", "go", "mod", "download"]);
  assert.deepEqual(
    piped.stderr.split("\n").filter((l) => l.startsWith("check [")),
    ["check [1/5] go version", "check [2/5] go env", "check [3/5] go.mod", "check [4/5] go mod download (deadline 30 s)", `check [5/5] probing golang.org/x/text on ${slow.url} from this machine`],
  );
  assert.ok(!piped.stderr.includes("\r"), "no rewriting when piped");
  const tty = await check(slow, ["--timeout", "30", "--", "go", "mod", "download"], slow.url, { tty: true });
  assert.match(tty.stdout, /\rcheck \[4\/5\] go mod download \(deadline 30 s\) [|/\\-] \d+ s/, JSON.stringify(tty.stdout.slice(0, 600)));
  assert.match(tty.stdout, /\rcheck \[4\/5\] go mod download \(deadline 30 s\) \(\d+\.\d s\)/);
});

test("check --share uploads what it gathered, redacted, and prints the link; the local probes stay out", async () => {
  const broken = await startFakeProxy(["--fault", "status:502"]);
  started.push(broken);
  const worker = await startWorker();
  try {
    const { code, stdout, stderr } = await check(broken, ["--timeout", "30", "--share", worker.url, "--", "go", "mod", "download"], `${broken.url},direct`);
    assert.equal(code, 1, stdout + stderr);
    assert.match(stderr, /check \[6\/6\] sharing the redacted paste with/);
    const link = stdout.split("\n").find((l) => l.startsWith(`${worker.url}/r/`) && !l.includes("#"));
    assert.ok(link, stdout);
    const report = await (await fetch(`${worker.url}/api/reports/${link.split("/r/")[1]}`)).json();
    assert.match(report.input, /\$ go version\ngo version go1\.27/);
    assert.match(report.input, /\$ go mod download\n.*502 Bad Gateway/s);
    assert.ok(!report.input.includes("Probes from this machine"), "the local probes are not in the report");
    assert.equal(report.report.findings[0].cause, "proxy_server_error");
    assert.match(stderr, /the server cannot verify what this machine measured/);
  } finally {
    await worker.stop();
  }
});

test("modcheck flags a retracted and a deprecated requirement with their reason, a missing one, another path declared, a toolchain not served", async () => {
  const proxy = await startFakeProxy([]);
  started.push(proxy);
  const dir = await mkdtemp(join(tmpdir(), "gmd-modcheck-"));
  try {
    await writeFile(
      join(dir, "go.mod"),
      "module example.com/app\n\ngo 1.22\n\ntoolchain go1.99.1\n\nrequire (\n\tgithub.com/example/retracted v1.0.0\n\tgithub.com/example/oldlib v1.5.0\n\tgolang.org/x/text v0.14.0\n\tgithub.com/example/nosuch v1.0.0\n\tgithub.com/example/renamed v1.0.0\n)\n",
    );
    const result = spawnSync(required("GMD_CLI"), ["modcheck", "--proxy", proxy.url, join(dir, "go.mod")], { encoding: "utf8", timeout: 30_000 });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stdout.trim().split("\n").filter((l) => !l.startsWith(" "));
    assert.deepEqual(lines, [
      "retracted   github.com/example/retracted@v1.0.0: v1.0.0 deletes files on import. (newer: v1.1.0)",
      "deprecated  github.com/example/oldlib@v1.5.0: use github.com/example/newlib instead.",
      "ok          golang.org/x/text@v0.14.0",
      lines[3],
      "mismatch    github.com/example/renamed@v1.0.0: module declares its path as: github.com/example/newname but was required as: github.com/example/renamed",
      "ok          go 1.22 (go1.22.0)",
      "missing     toolchain go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64 is not served (404): the go command stops with `download go1.99.1 for linux/amd64: toolchain not available`",
    ]);
    assert.match(lines[3], /^missing {5}github\.com\/example\/nosuch@v1\.0\.0/);
    const json = spawnSync(required("GMD_CLI"), ["modcheck", "--proxy", proxy.url, "--format", "json", join(dir, "go.mod")], { encoding: "utf8", timeout: 30_000 });
    assert.equal(JSON.parse(json.stdout.split("\n")[0]).status, "retracted");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
