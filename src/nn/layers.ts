// camelCase factories for the layers (nn.linear(2, 16) = new Linear(2, 16)), the public API's style.
// Activation factories live beside their modules in activations.ts.
import { BatchNorm1d, type BatchNormOptions } from "./batch-norm.js";
import { Dropout, type DropoutOptions } from "./dropout.js";
import { Linear, type LinearOptions } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";

/** Fully connected layer y = x·Wᵀ + b, x: [N, inFeatures] → y: [N, outFeatures]. See Linear. */
export function linear(inFeatures: number, outFeatures: number, options?: LinearOptions): Linear {
  return new Linear(inFeatures, outFeatures, options);
}

/** Keras's name for linear. */
export const dense = linear;

/** Batch normalisation over [N, C] or [N, C, L]. See BatchNorm1d. */
export function batchNorm1d(numFeatures: number, options?: BatchNormOptions): BatchNorm1d {
  return new BatchNorm1d(numFeatures, options);
}

/** Inverted dropout with drop probability p (default 0.5). See Dropout. */
export function dropout(p?: number, options?: DropoutOptions): Dropout {
  return new Dropout(p, options);
}

/** Layers applied in order; children named "0", "1", …. See Sequential. */
export function sequential(...layers: Module[]): Sequential {
  return new Sequential(...layers);
}
