// The CLI's start-up budget (issue "Run it where the failure happens"): `gomod-doctor analyze`
// of a 5 KiB paste, the released Linux x86_64 binary (`cargo xtask dist`), from exec to exit,
// ≤ 20 ms (median of 50), and each shipped binary ≤ 6 MiB. Run by `cargo xtask bench`; exits 1
// over budget.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";

const dl = new URL("../../dist/site/dl/", import.meta.url);
const binary = readdirSync(dl).find((name) => name.endsWith("-x86_64-unknown-linux-musl"));
if (!binary) {
  console.error("no Linux x86_64 binary in dist/site/dl: run `cargo xtask dist x86_64-unknown-linux-musl`");
  process.exit(1);
}
// 5 KiB of the development corpus's real pastes.
const real = new URL("../fixtures/real/", import.meta.url);
const paste = readdirSync(real)
  .sort()
  .map((name) => {
    try {
      return readFileSync(new URL(`${name}/log.txt`, real), "utf8");
    } catch {
      return "";
    }
  })
  .join("\n")
  .slice(0, 5 * 1024);
const times = [];
for (let run = 0; run < 50; run++) {
  const start = performance.now();
  const result = spawnSync(new URL(binary, dl).pathname, ["analyze"], { input: paste, env: {} });
  times.push(performance.now() - start);
  if (result.status !== 1 && result.status !== 0) {
    console.error(`analyze exited ${result.status}: ${result.stderr}`);
    process.exit(1);
  }
}
const median = [...times].sort((a, b) => a - b)[25];
const results = [["gomod-doctor analyze, 5 KiB paste, exec to exit (median of 50)", `${median.toFixed(1)} ms`, "20 ms", median <= 20]];
for (const name of readdirSync(dl).filter((n) => n.startsWith("gomod-doctor-"))) {
  const size = statSync(new URL(name, dl)).size;
  results.push([`${name} size`, `${(size / 1024 / 1024).toFixed(2)} MiB`, "6 MiB", size <= 6 * 1024 * 1024]);
}
for (const [name, value, budget, ok] of results) console.log(`${ok ? "ok  " : "OVER"} ${name}: ${value} (budget ${budget})`);
process.exit(results.every((r) => r[3]) ? 0 : 1);
