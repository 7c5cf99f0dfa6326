// What costs bytes in a page's wasm module: each crate's share of the code (its functions, their
// raw size and what they add to the brotli-compressed module), the data section, and the
// largest functions. Reads the module cargo built (before wasm-bindgen, which drops the
// function names, and before wasm-opt: a few percent more than what ships), after
// `cargo xtask build`:
//
//   node tests/bench/wasm-size.mjs [gmd-web|gmd-report-page] [top N functions]
//
// "Brotli" is marginal: the code's brotli size with the crate's functions minus without them,
// which is what removing them would save (monomorphised copies of one generic function compress
// well together, so the sum of the parts is more than the whole). A function belongs to the
// crate its mangled name starts with; a trait method implemented for another crate's type
// (`<T as tachys::…>`) to the first crate path it names. Printed by `cargo xtask bench`; fails
// nothing.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const [binary = "gmd-web", top = "25"] = process.argv.slice(2);
const target = process.env.CARGO_TARGET_DIR ?? new URL("../../target", import.meta.url).pathname;
const wasm = readFileSync(`${target}/wasm32-unknown-unknown/release/${binary}.wasm`);

/** The module's function bodies (by function index), names and data section. */
function sections(buf) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = buf[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const length = leb();
    const text = buf.toString("utf8", at, at + length);
    at += length;
    return text;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = Buffer.alloc(0);
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) {
      // Imports: only imported functions shift the function indices.
      for (let n = leb(); n > 0; n--) {
        name();
        name();
        const kind = buf[at++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          at++;
          if (leb() & 1) leb();
          leb();
        } else if (kind === 2) {
          if (leb() & 1) leb();
          leb();
        } else {
          at += 2;
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        bodies.push(buf.subarray(at, at + length));
        at += length;
      }
    } else if (id === 11) {
      data = buf.subarray(at, end);
    } else if (id === 0 && name() === "name") {
      while (at < end) {
        const sub = buf[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            names.set(index, name());
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return { bodies: bodies.map((body, i) => ({ body, name: names.get(i + imported) ?? "" })), data };
}

/** The crate a mangled function name belongs to. */
function crateOf(symbol) {
  // v0 mangling: the first crate root, `C` [`s<disambiguator>_`] <length> <name>.
  const v0 = symbol.startsWith("_R") && symbol.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  // Legacy mangling: `_ZN` <length> <first path element>; an impl's element names paths.
  const legacy = symbol.match(/^_ZN(\d+)(.*)/);
  if (legacy) {
    const first = legacy[2].slice(0, Number(legacy[1]));
    if (!first.startsWith("_$LT$")) return first;
    return first.match(/([a-z_][a-z0-9_]*)\.\./)?.[1] ?? "(impls)";
  }
  // wasm-bindgen runs its descriptors at build time and removes them from the module it ships.
  if (symbol.startsWith("__wbindgen_describe")) return "(descriptors, not shipped)";
  return symbol ? "(glue and exports)" : "(unnamed)";
}

const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const { bodies, data } = sections(wasm);
const code = Buffer.concat(bodies.map((f) => f.body));
const whole = brotli(code);
const crates = new Map();
for (const f of bodies) {
  const crate = crateOf(f.name);
  if (!crates.has(crate)) crates.set(crate, []);
  crates.get(crate).push(f);
}
console.log(`${binary}.wasm: code ${kib(code.length)} (${kib(whole)} brotli), data ${kib(data.length)} (${kib(brotli(data))} brotli), ${bodies.length} functions`);
console.log("crate".padEnd(28), "functions".padStart(9), "raw".padStart(11), "brotli".padStart(10));
const rows = [...crates].map(([crate, functions]) => ({
  crate,
  functions,
  raw: functions.reduce((sum, f) => sum + f.body.length, 0),
}));
rows.sort((a, b) => b.raw - a.raw);
for (const row of rows) {
  // The marginal brotli of the larger crates only: each is a compression of the whole module.
  const marginal = row.raw >= 4096 ? kib(whole - brotli(Buffer.concat(bodies.filter((f) => !row.functions.includes(f)).map((f) => f.body)))) : "";
  console.log(row.crate.padEnd(28), String(row.functions.length).padStart(9), kib(row.raw).padStart(11), marginal.padStart(10));
}
console.log(`\nthe ${top} largest functions (raw bytes):`);
for (const f of [...bodies].sort((a, b) => b.body.length - a.body.length).slice(0, Number(top))) {
  console.log(String(f.body.length).padStart(8), f.name.replace(/17h[0-9a-f]{16}E$/, "").slice(0, 150));
}
