// Per-kernel crossover between the js and wasm backends (float32, copies in/out of wasm memory
// included): ns per call of each kernel at growing sizes, and the smallest size from which wasm
// wins at that size and every larger one. The thresholds in src/backend/dispatch.ts (WASM_THRESHOLDS) come from here.
//   npx tsx bench/micro/kernels.ts [roundMs]      (not a test; run on an otherwise idle machine)
import type { FullBackend } from "../../src/backend/backend.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { wasmBackend } from "../../src/backend/wasm/index.js";
import { Random } from "../../src/tensor/random.js";

const ROUND_MS = Number(process.argv[2] ?? 15);
const SIZES = [16, 64, 256, 512, 1024, 2048, 4096, 8192, 16384, 65536, 262144];

/** ns per call: the fastest of 7 rounds of ~ROUND_MS each (after a warm-up round). */
function time(fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 8; r++) {
    let calls = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < ROUND_MS) {
      for (let i = 0; i < 8; i++) fn();
      calls += 8;
      t = performance.now();
    }
    if (r > 0) best = Math.min(best, ((t - t0) * 1e6) / calls);
  }
  return best;
}

type Case = (b: FullBackend, size: number) => () => void;

const rng = new Random(3);
function data(n: number, scale = 3): Float32Array {
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** Rows × cols for a size: cols = min(size, width). */
function shape(size: number, width: number): [number, number] {
  const cols = Math.min(size, width);
  return [Math.max(1, Math.floor(size / cols)), cols];
}

function bias(act: "identity" | "relu" | "tanh" | "sigmoid" | "leakyRelu"): Case {
  return (b, size) => {
    const [rows, cols] = shape(size, 128);
    const [x, bv, out] = [data(rows * cols), data(cols), new Float32Array(rows * cols)];
    return () => b.biasActivation(x, bv, out, rows, cols, act, 0.01);
  };
}
function unary(kind: "exp" | "tanh" | "sigmoid" | "relu"): Case {
  return (b, size) => {
    const [x, out] = [data(size), new Float32Array(size)];
    return () => b.unary(kind, x, out);
  };
}
function rowsCase(kind: "softmax" | "logSoftmax" | "crossEntropy", width: number): Case {
  return (b, size) => {
    const [rows, cols] = shape(size, width);
    const [x, out, loss] = [
      data(rows * cols),
      new Float32Array(rows * cols),
      new Float32Array(rows),
    ];
    const t = Int32Array.from({ length: rows }, (_, i) => i % cols);
    if (kind === "softmax") return () => b.softmaxRows(x, out, rows, cols);
    if (kind === "logSoftmax") return () => b.logSoftmaxRows(x, out, rows, cols);
    return () => b.crossEntropyRows(x, t, loss, out, rows, cols);
  };
}

const CASES: [string, Case][] = [
  ["biasActivation identity", bias("identity")],
  ["biasActivation relu", bias("relu")],
  ["biasActivation leakyRelu", bias("leakyRelu")],
  ["biasActivation tanh", bias("tanh")],
  ["biasActivation sigmoid", bias("sigmoid")],
  ["unary exp", unary("exp")],
  ["unary tanh", unary("tanh")],
  ["unary sigmoid", unary("sigmoid")],
  ["unary relu", unary("relu")],
  [
    "binary add",
    (b, n) => {
      const [x, y, out] = [data(n), data(n), new Float32Array(n)];
      return () => b.binary("add", x, y, out);
    },
  ],
  [
    "binary mul",
    (b, n) => {
      const [x, y, out] = [data(n), data(n), new Float32Array(n)];
      return () => b.binary("mul", x, y, out);
    },
  ],
  [
    "sumAxis rows [n/64, 64, 1]",
    (b, n) => {
      const [x, out] = [data(n), new Float32Array(n)];
      return () => b.sumAxis(x, out, Math.max(1, n / 64), Math.min(n, 64), 1);
    },
  ],
  [
    "sumAxis cols [1, n/64, 64]",
    (b, n) => {
      const [x, out] = [data(n), new Float32Array(64)];
      return () => b.sumAxis(x, out, 1, Math.max(1, n / 64), Math.min(n, 64));
    },
  ],
  ["softmaxRows cols 10", rowsCase("softmax", 10)],
  ["softmaxRows cols 128", rowsCase("softmax", 128)],
  ["logSoftmaxRows cols 10", rowsCase("logSoftmax", 10)],
  ["crossEntropyRows cols 10", rowsCase("crossEntropy", 10)],
  ["crossEntropyRows cols 128", rowsCase("crossEntropy", 128)],
];

const only = process.argv.slice(3);
console.log(
  `ns per call (js / wasm), fastest of 7 rounds of ${ROUND_MS} ms; Node ${process.version}`,
);
console.log(
  `${"kernel".padEnd(28)} ${SIZES.map((s) => String(s).padStart(16)).join("")}  crossover`,
);
for (const [name, make] of CASES) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  const cells: string[] = [];
  const wins: boolean[] = [];
  for (const size of SIZES) {
    const js = time(make(jsBackend, size));
    const wasm = time(make(wasmBackend, size));
    wins.push(wasm < js);
    cells.push(`${js.toFixed(0)}/${wasm.toFixed(0)}`.padStart(16));
  }
  let from = SIZES.length;
  while (from > 0 && wins[from - 1]) from--;
  const crossover = from === SIZES.length ? "never" : `${SIZES[from]}`;
  console.log(`${name.padEnd(28)} ${cells.join("")}  ${crossover}`);
}
