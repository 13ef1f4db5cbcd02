// mlp(): a multi-layer perceptron as a Sequential, from layer sizes and names — the network the CLI
// and the playground build from flags. Not here: choosing the output width or loss for a task
// (see task-head.ts).
import { ValueError } from "../errors.js";
import { BatchNorm1d } from "../nn/batch-norm.js";
import { activation as activationLayer } from "../nn/activations.js";
import { Dropout } from "../nn/dropout.js";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";

/** Options of {@link mlp}: input width, hidden widths, output width and activation. */
export interface MlpOptions {
  /** D, the input width. */
  inFeatures: number;
  /** Widths of the hidden layers, e.g. [16, 16]. May be empty (a linear model). */
  hidden: readonly number[];
  /** Output width: C classes, 1 for a binary logit, K regression targets. */
  outFeatures: number;
  /** Hidden activation name (see activations.names). Default "relu". */
  activation?: string;
  /** Insert BatchNorm1d after each hidden Linear (before the activation). Default false. */
  batchNorm?: boolean;
  /**
   * Dropout probability after each hidden activation: one for every hidden layer, or one per
   * hidden layer (as many as `hidden`); 0 (default) adds no Dropout layer.
   */
  dropout?: number | readonly number[];
  /** Activation after the last Linear (e.g. "logSoftmax" for an nll loss). Default none. */
  outputActivation?: string;
}

/**
 * For each hidden width h: Linear(prev, h) → [BatchNorm1d(h)] → activation → [Dropout(p)];
 * then Linear(prev, outFeatures) → [outputActivation].
 *   x [N, D] → [N, outFeatures]
 *   mlp({ inFeatures: 2, hidden: [16, 16], outFeatures: 1, activation: "tanh" })
 */
export function mlp(options: MlpOptions): Sequential {
  const { inFeatures, hidden, outFeatures } = options;
  for (const [what, v] of [
    ["inFeatures", inFeatures],
    ["outFeatures", outFeatures],
    ...hidden.map((h, i) => [`hidden[${i}]`, h] as const),
  ] as const) {
    if (!Number.isInteger(v) || (v as number) < 1)
      throw new ValueError(`mlp: ${what} must be a positive integer, got ${v}`);
  }
  const dropout = options.dropout ?? 0;
  const ps = typeof dropout === "number" ? hidden.map(() => dropout) : [...dropout];
  if (ps.length !== hidden.length) {
    throw new ValueError(
      `mlp: dropout lists ${ps.length} probabilities for ${hidden.length} hidden layers; give one number, or one per hidden layer`,
    );
  }
  for (const p of typeof dropout === "number" ? [dropout] : ps) {
    if (!(p >= 0 && p < 1)) throw new ValueError(`mlp: dropout must be in [0, 1), got ${p}`);
  }
  const net = new Sequential();
  let width = inFeatures;
  for (const [i, h] of hidden.entries()) {
    net.append(new Linear(width, h));
    if (options.batchNorm) net.append(new BatchNorm1d(h));
    net.append(activationLayer(options.activation ?? "relu"));
    if (ps[i] > 0) net.append(new Dropout(ps[i]));
    width = h;
  }
  net.append(new Linear(width, outFeatures));
  if (options.outputActivation) net.append(activationLayer(options.outputActivation));
  return net;
}
