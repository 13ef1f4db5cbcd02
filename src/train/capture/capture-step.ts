// train.captureStep: a training step recorded once for a fixed batch size and replayed over arrays
// allocated once — no tensors, graph nodes or allocation per step, and each layer's update applied
// during the backward pass — with the weights the uncaptured step gives, bit for bit. Steps it
// cannot replay (another batch size, a changed model, targets the loss would treat otherwise) run
// the uncaptured step instead. Not here: fit's use of it (fit-capture.ts).
import { ValueError } from "../../errors.js";
import type { Module } from "../../nn/module.js";
import { Optimizer } from "../../optim/optimizer.js";
import type { Storage } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { resolveLoss, type LossFn, type LossSpec } from "../loss-by-name.js";
import { isCurrentCapture, planCapture, type CapturePlan } from "./capture-plan.js";
import { CAPTURED_LOSSES, isCapturedLoss, LossRows } from "../../ops/replay/loss-rows.js";
import { StackReplay, type GradientSink } from "../../ops/replay/stack-replay.js";

/** Options of {@link captureStep}: the loss, the optimizer and the batch size to replay. */
export interface CaptureStepOptions {
  /** "mse", "bce" or "crossEntropy" are replayed; any other loss (or a function) runs uncaptured. */
  loss: LossSpec;
  /** An optimizer over the model's parameters (optim.sgd, optim.adam, …); its lr is read each step. */
  optimizer: Optimizer;
  /** The batch size that is replayed; batches of other sizes run uncaptured. */
  batchSize: number;
}

/** What captureStep returns. */
export interface CapturedStep {
  /**
   * One training step on x [N, D] and targets y (mse/bce: [N, C]; crossEntropy: [N] class
   * indices), as Tensors or row-major Float32Arrays; returns the loss before the update.
   */
  step(x: Tensor | Float32Array, y: Tensor | Float32Array): number;
  /** Why no step can be replayed (the model, loss or optimizer), or null when they can. */
  readonly reason: string | null;
  /** Steps taken so far, replayed and uncaptured. */
  readonly counts: { captured: number; uncaptured: number };
}

/**
 * A captured training step: with fixed-size batches of N rows, each step replays
 *
 *   forward   Z_k = A_{k−1}·W_kᵀ + b_k,   A_k = f_k(Z_k),   A₀ = X,   L = loss(A_L, y)
 *   backward  dZ_k = dA_k ⊙ f_k′(Z_k),   dW_k = dZ_kᵀ·A_{k−1},   db_k = Σ_n dZ_k,
 *             dA_{k−1} = dZ_k·W_k,   then at once  θ ← optimizer update(θ, dθ) for W_k and b_k
 *
 * over arrays allocated once, with the same kernels and roundings as
 * `loss = lossFn(model.forward(x), y); opt.zeroGrad(); loss.backward(); opt.step()`, so the
 * weights, the optimizer state and the returned loss equal that step's exactly (float32 bit for
 * bit). Each W_k is updated only after dA_{k−1} used it. Replayed: a plain Sequential of Linear
 * layers each followed by at most one Tanh, Sigmoid, ReLU, LeakyReLU or Identity; losses mse,
 * bce, crossEntropy (default options); any optim.* optimizer. Everything else, and batches of
 * another size, runs that uncaptured step instead (see `reason` and `counts`). After a replayed
 * step the gradients are not kept: every `.grad` is null, as after zeroGrad().
 *
 *   const opt = optim.sgd(model.parameters(), { lr: 0.1 });
 *   const trainStep = train.captureStep(model, { loss: "bce", optimizer: opt, batchSize: 1 });
 *   for (const [x, y] of samples) trainStep.step(x, y);   // x: Float32Array(2), y: Float32Array(1)
 */
export function captureStep(model: Module, options: CaptureStepOptions): CapturedStep {
  return new ReplayedStep(model, options);
}

class ReplayedStep implements CapturedStep {
  readonly counts = { captured: 0, uncaptured: 0 };
  private readonly loss: LossSpec;
  private readonly lossFn: LossFn;
  private readonly optimizer: Optimizer;
  private readonly N: number;
  private plan: CapturePlan;
  private replay: StackReplay | null = null;
  private lossRows: LossRows | null = null;
  /** The optimizer's index of each parameter. */
  private readonly index = new Map<Tensor, number>();
  /** The update of one parameter, as soon as its gradient is known. */
  private readonly update: GradientSink = (p, g) => this.optimizer.stepOne(this.index.get(p)!, g);

  constructor(
    private readonly model: Module,
    options: CaptureStepOptions,
  ) {
    const { batchSize, optimizer, loss } = options;
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new ValueError(`captureStep: batchSize must be a positive integer, got ${batchSize}`);
    }
    if (!(optimizer instanceof Optimizer)) {
      throw new ValueError("captureStep: optimizer must be an optim.* optimizer instance");
    }
    this.loss = loss;
    this.lossFn = resolveLoss(loss);
    this.optimizer = optimizer;
    this.N = batchSize;
    optimizer.params.forEach((p, i) => this.index.set(p, i));
    this.plan = this.planFor(loss);
  }

  get reason(): string | null {
    return this.plan.ok ? null : this.plan.reason;
  }

  step(x: Tensor | Float32Array, y: Tensor | Float32Array): number {
    const value = this.replayed(x, y);
    if (value !== null) {
      this.counts.captured++;
      return value;
    }
    this.counts.uncaptured++;
    return this.uncaptured(x, y);
  }

  /** The replayed step, or null (nothing changed) when this step must run uncaptured. */
  private replayed(x: Tensor | Float32Array, y: Tensor | Float32Array): number | null {
    if (!this.plan.ok) return null;
    if (!isCurrentCapture(this.model, this.plan)) {
      this.plan = this.planFor(this.loss);
      if (!this.plan.ok) return null;
    }
    const replay = this.replay!;
    const lossRows = this.lossRows!;
    const xs = rowsOf(x, this.N, replay.inFeatures, this.plan.dtype);
    if (xs === null || !lossRows.targets(targetsOf(y, lossRows))) return null;
    const out = replay.forward(xs);
    const value = lossRows.run(out, replay.dOut);
    if (value === null) return null;
    this.optimizer.zeroGrad();
    replay.backward(xs, this.update);
    return value;
  }

  /** loss = lossFn(model(x), y); zeroGrad; backward; step — the step being replayed. */
  private uncaptured(x: Tensor | Float32Array, y: Tensor | Float32Array): number {
    const xt = x instanceof Tensor ? x : asRows(x, this.width(x, "in"), "x");
    const yt =
      y instanceof Tensor
        ? y
        : this.loss === "crossEntropy"
          ? new Tensor(y, [y.length])
          : asRows(y, this.width(y, "out"), "y");
    const loss = this.lossFn(this.model.forward(xt), yt);
    this.optimizer.zeroGrad();
    loss.backward();
    this.optimizer.step();
    return loss.item();
  }

  /**
   * The row width of a Float32Array x ("in") or y ("out"): the first Linear-like weight [H, D]'s
   * D, the last one's H; without one, the array holds batchSize rows.
   */
  private width(data: Float32Array, side: "in" | "out"): number {
    const weights = this.model.parameters().filter((p) => p.ndim === 2);
    const W = side === "in" ? weights[0] : weights[weights.length - 1];
    if (W !== undefined) return side === "in" ? W.shape[1] : W.shape[0];
    return Math.max(1, Math.floor(data.length / this.N));
  }

  /** Plan the model and allocate the replay's arrays; a reason when it cannot be captured. */
  private planFor(loss: LossSpec): CapturePlan {
    this.replay = null;
    this.lossRows = null;
    if (!isCapturedLoss(loss)) {
      const name = typeof loss === "string" ? `loss "${loss}"` : "a loss function";
      return { ok: false, reason: `${name} is not captured (only ${CAPTURED_LOSSES.join(", ")})` };
    }
    const stepOwn: unknown = Optimizer.prototype.step;
    const step: unknown = this.optimizer.step;
    if (step !== stepOwn) return { ok: false, reason: "the optimizer overrides step()" };
    const plan = planCapture(this.model);
    if (!plan.ok) return plan;
    if (plan.layers.some((l) => !this.index.has(l.W) || (l.b !== null && !this.index.has(l.b)))) {
      return { ok: false, reason: "the optimizer does not hold every parameter of the model" };
    }
    this.replay = new StackReplay(plan.layers, this.N, plan.dtype);
    this.lossRows = new LossRows(loss, this.N, this.replay.outFeatures, plan.dtype);
    return plan;
  }
}

/** x's N·D values when it is [N, D] (or N·D long) in the model's dtype, else null. */
export function rowsOf(
  x: Tensor | Float32Array,
  N: number,
  D: number,
  dtype: string,
): Storage | null {
  if (x instanceof Tensor) {
    const [n, d] = x.shape;
    return x.ndim === 2 && n === N && d === D && x.dtype === dtype ? x.data : null;
  }
  return x.length === N * D && dtype === "float32" ? x : null;
}

/**
 * The target values as stored for mse/bce — a Float32Array, or a tensor of the model's dtype
 * shaped [N, C] or of another rank with N·C values (fit reshapes those) — else null. The class
 * indices of crossEntropy are read as numbers: a tensor must be [N].
 */
export function targetsOf(y: Tensor | Float32Array, lossRows: LossRows): Storage | null {
  if (!(y instanceof Tensor)) return lossRows.dtype === "float32" ? y : null;
  if (lossRows.name === "crossEntropy") return y.ndim === 1 ? y.data : null;
  if (y.dtype !== lossRows.dtype) return null;
  const { N, C } = lossRows;
  const sameShape = y.ndim === 2 && y.shape[0] === N && y.shape[1] === C;
  return sameShape || y.ndim !== 2 ? y.data : null;
}

/** A row-major array as a tensor [rows, width] (width null: [length]). */
function asRows(data: Float32Array, width: number | null, what: string): Tensor {
  if (width === null) return new Tensor(data, [data.length]);
  if (data.length % width !== 0) {
    throw new ValueError(
      `captureStep: ${what} has ${data.length} values, not a multiple of the ${width} per row`,
    );
  }
  return new Tensor(data, [data.length / width, width]);
}
