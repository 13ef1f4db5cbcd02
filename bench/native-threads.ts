// OpenBLAS threads and kernel choice for the native backend: GFLOP/s of matmul 1024 and of the
// W2 products (Fashion-MNIST MLP 784-256-128-10, batch 128: forward, weight and input gradients)
// for OpenBLAS 1 and 2 threads, under Debian's own kernel choice and under OPENBLAS_CORETYPE
// overrides, next to single- and two-thread wasm. Each configuration runs in a child process
// (the core type is read when libopenblas loads). Best of 7 rounds (the machine is shared).
//   npx tsx bench/native-threads.ts [CORETYPE ...]       (default: "" SkylakeX)
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** [m, k, n, transA, transB] of C = op(A)·op(B). */
type Product = [number, number, number, boolean, boolean];
const PRODUCTS: Record<string, Product> = {
  "matmul 1024": [1024, 1024, 1024, false, false],
  "W2 fwd 128·784·256": [128, 784, 256, false, true],
  "W2 dW 256·128·784": [256, 128, 784, true, false],
  "W2 dX 128·256·784": [128, 256, 784, false, false],
  "W2 fwd 128·256·128": [128, 256, 128, false, true],
};

async function child(kind: string): Promise<void> {
  const { timePerCall } = await import("./timing.js");
  let matmul: (a: Float32Array, b: Float32Array, c: Float32Array, p: Product) => void;
  let info = "";
  if (kind.startsWith("native")) {
    const { loadAddon } = await import("../src/node/native/loader.js");
    const load = loadAddon();
    if (load.addon === null) throw new Error(load.reason);
    const addon = load.addon;
    addon.setBlasThreads(Number(kind.slice("native-".length)));
    info = `${addon.blasInfo().core}, ${addon.blasInfo().threads} thr`;
    matmul = (a, b, c, [m, k, n, ta, tb]) => addon.matmul(a, b, c, m, k, n, ta, tb);
  } else {
    const node = await import("../src/node/index.js");
    if (kind === "wasm-2t") node.loadWasmThreads({ workers: 1 });
    else node.loadWasmBackend();
    node.setBackend("wasm");
    const backend = node.getBackend();
    info = kind;
    matmul = (a, b, c, [m, k, n, ta, tb]) => backend.matmul(a, b, c, m, k, n, ta, tb);
  }
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(PRODUCTS)) {
    const [m, k, n] = p;
    const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const c = new Float32Array(m * n);
    const samples: number[] = [];
    for (let r = 0; r < 7; r++) {
      samples.push(timePerCall(() => matmul(a, b, c, p), { budgetMs: 150, rounds: 1, warmup: 1 }));
    }
    out[name] = (2 * m * k * n) / (Math.min(...samples) * 1e6);
  }
  console.log(JSON.stringify({ info, out }));
}

function run(kind: string, coretype: string): { info: string; out: Record<string, number> } {
  const env = { ...process.env };
  delete env.OPENBLAS_NUM_THREADS;
  if (coretype !== "") env.OPENBLAS_CORETYPE = coretype;
  else delete env.OPENBLAS_CORETYPE;
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--import", "tsx", script, "--child", kind], {
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${kind} ${coretype}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

if (process.argv[2] === "--child") {
  await child(process.argv[3]);
} else {
  const coretypes = process.argv.length > 2 ? process.argv.slice(2) : ["", "SkylakeX"];
  const rows: [string, Record<string, number>][] = [];
  for (const kind of ["wasm", "wasm-2t"]) rows.push([kind, run(kind, "").out]);
  for (const coretype of coretypes) {
    for (const threads of [1, 2]) {
      const r = run(`native-${threads}`, coretype);
      rows.push([`native ${r.info}${coretype === "" ? " (default)" : ""}`, r.out]);
    }
  }
  const names = Object.keys(PRODUCTS);
  console.log(`| configuration | ${names.join(" | ")} |`);
  console.log(`| --- | ${names.map(() => "---:").join(" | ")} |`);
  for (const [name, out] of rows) {
    console.log(`| ${name} | ${names.map((p) => out[p].toFixed(1)).join(" | ")} |`);
  }
  console.log(
    "GFLOP/s, float32, best of 7 rounds; load average:",
    (await import("node:os"))
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(" "),
  );
}
