// Small shared pieces of the training tests: a seeded toy model, a toy data set, weight snapshots
// and scripted log values (so a callback's reaction to a known sequence can be checked exactly).
import { Random, seed } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { Linear } from "../../src/nn/linear.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Dropout } from "../../src/nn/dropout.js";
import { Tanh } from "../../src/nn/activations.js";
import type { Module } from "../../src/nn/module.js";
import type { Callback } from "../../src/train/callback.js";
import type { XY } from "../../src/train/batching.js";
import * as data from "../../src/data/index.js";

/** 2 → hidden → (Dropout) → 1 tanh MLP with weights from Random(initSeed). */
export function smallMlp(initSeed = 1, hidden = 8, dropout = 0): Sequential {
  const generator = new Random(initSeed);
  const layers: Module[] = [new Linear(2, hidden, { generator }), new Tanh()];
  if (dropout > 0) layers.push(new Dropout(dropout));
  layers.push(new Linear(hidden, 1, { generator }));
  return new Sequential(...layers);
}

/** The moons set (binary, x [n, 2], y [n]); fixed seed. */
export function moons(n = 40, dataSeed = 5): XY {
  const ds = data.moons({ n, noise: 0.1, seed: dataSeed });
  return { x: ds.x, y: ds.y };
}

/** Copies of every parameter and buffer, by name. */
export function snapshot(model: Module): Map<string, Float32Array | Float64Array> {
  return new Map(Object.entries(model.stateDict()).map(([k, t]) => [k, t.data.slice()]));
}

/** All weights of a model as one byte string (hex), for bit-exact comparisons. */
export function weightBytes(model: Module): string {
  return Object.entries(model.stateDict())
    .map(
      ([k, t]) =>
        `${k}:${Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString("hex")}`,
    )
    .join("|");
}

export function snapshotBytes(s: Map<string, Float32Array | Float64Array>): string {
  return [...s]
    .map(([k, d]) => `${k}:${Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString("hex")}`)
    .join("|");
}

/** A callback that writes script[epoch] into logs[key] (place it before the callback under test). */
export function scripted(key: string, script: number[]): Callback {
  return {
    onEpochEnd(epoch, logs) {
      logs[key] = script[epoch];
    },
  };
}

export function resetGlobalSeed(n = 0): void {
  seed(n);
}

export function rowsOf(t: Tensor): number {
  return t.shape[0];
}
