// Shared helpers for the end-to-end tests: a local worker (wrangler dev / workerd) on a free
// loopback port, and headless Chromium. Everything started here is stopped by PID.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
 * Starts the built worker and site under `wrangler dev` with fresh local storage, waits until
 * `/api/health` answers (at most 60 s), and returns `{ url, stop, output }`.
 */
export async function startWorker() {
  const port = await freePort();
  const state = await mkdtemp(join(tmpdir(), "gmd-e2e-state-"));
  const child = spawn(required("GMD_XTASK"), ["serve", "--port", String(port), "--persist-to", state], {
    detached: true, // Its own process group, so stop() also ends workerd.
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
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
    await rm(state, { recursive: true, force: true });
  };

  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { url, stop, output: () => output };
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
