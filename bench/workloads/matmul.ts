// Matmul throughput: C = A·B, float32, square n×n (issue 5: n = 1024), in GFLOP/s = 2n³ / time.
// Myelin runs the public op (allocating C, dispatching to the active backend); tfjs runs
// tf.matMul and reads the result back with dataSync(), so both include producing a JS array.
import { matmul } from "../../src/ops/index.js";
import { fromData } from "../../src/tensor/create.js";
import { normalInputs } from "../data.js";
import { loadTf, type TfBackend } from "../peers/tfjs.js";
import { timePerCall } from "../timing.js";
import { useMyelinBackend, type Measure, type MyelinBackend } from "./common.js";

export const MATMUL_N = 1024;

export const matmulImpls: Record<string, Measure> = {
  "myelin-js": (quick) => myelinMatmul("js", quick),
  "myelin-wasm": (quick) => myelinMatmul("wasm", quick),
  "myelin-wasm-2t": (quick) => myelinMatmul("wasm-2t", quick),
  "myelin-native": (quick) => myelinMatmul("native", quick),
  "tfjs-cpu": (quick) => tfMatmul("cpu", quick),
  "tfjs-wasm": (quick) => tfMatmul("wasm", quick),
};

function gflops(n: number, ms: number): number {
  return (2 * n ** 3) / (ms * 1e6);
}

async function myelinMatmul(backend: MyelinBackend, quick: boolean): Promise<number> {
  useMyelinBackend(backend);
  const n = MATMUL_N;
  const a = fromData(normalInputs(n, n, 1), [n, n]);
  const b = fromData(normalInputs(n, n, 2), [n, n]);
  const slow = backend === "js"; // ~2 s per product: few repetitions
  const ms = timePerCall(() => void matmul(a, b), {
    budgetMs: quick || slow ? 500 : 3000,
    rounds: quick || slow ? 1 : 5,
    warmup: 1,
  });
  return gflops(n, ms);
}

async function tfMatmul(backend: TfBackend, quick: boolean): Promise<number> {
  const tf = await loadTf(backend);
  const n = MATMUL_N;
  const a = tf.tensor2d(normalInputs(n, n, 1), [n, n]);
  const b = tf.tensor2d(normalInputs(n, n, 2), [n, n]);
  const slow = backend === "cpu";
  const ms = timePerCall(
    () => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    },
    { budgetMs: quick || slow ? 500 : 3000, rounds: quick || slow ? 1 : 5, warmup: 1 },
  );
  return gflops(n, ms);
}
