// Synthetic benchmark data, drawn from a seeded Random so every implementation sees the same
// numbers: W1's two-feature XOR-quadrant task and W3's random 784-feature inputs.
import { Random } from "../src/tensor/random.js";

export interface XorData {
  /** [N, 2] points uniform in [-1, 1]² */
  x: Float32Array;
  /** [N, 1] label 1 when x₀·x₁ > 0 */
  y: Float32Array;
  count: number;
}

export function xorData(count: number, seedValue = 7): XorData {
  const rng = new Random(seedValue);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x[2 * i] = 2 * rng.uniform() - 1;
    x[2 * i + 1] = 2 * rng.uniform() - 1;
    y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
  }
  return { x, y, count };
}

/** [count, features] standard normal values. */
export function normalInputs(count: number, features: number, seedValue = 11): Float32Array {
  const rng = new Random(seedValue);
  const x = new Float32Array(count * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

/** Layer weights [fanIn, fanOut] with He/Glorot-like scale 1/√fanIn, and zero biases. */
export function denseInit(
  sizes: readonly number[],
  seedValue = 3,
): { W: Float32Array[]; b: Float32Array[] } {
  const rng = new Random(seedValue);
  const W: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = new Float32Array(sizes[l] * sizes[l + 1]);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() / Math.sqrt(sizes[l]);
    W.push(w);
    b.push(new Float32Array(sizes[l + 1]));
  }
  return { W, b };
}
