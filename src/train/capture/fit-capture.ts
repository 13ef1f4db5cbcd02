// fit's captured batches: for every full batch, forward, loss and backward are replayed over
// arrays allocated once (src/ops/replay) instead of building a graph, and each gradient lands in
// a fresh `.grad` array, bit-identical to what backward() would leave there. Everything after
// backward — the NaN/Inf guard, callbacks' view of the gradients (gradientFlow), clipping,
// optimizer.step() with its current lr — runs unchanged in BatchStep. Not here: the update during
// backward (capture-step.ts), which fit does not use because the guard must see every gradient
// before any weight changes.
import { Arena } from "../../ops/arena.js";
import type { Module } from "../../nn/module.js";
import { isCapturedLoss, LossRows } from "../../ops/replay/loss-rows.js";
import { StackReplay, type GradientSink } from "../../ops/replay/stack-replay.js";
import { allocStorage } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import type { XY } from "../batching.js";
import type { LossSpec } from "../loss-by-name.js";
import type { OptimizerLike } from "../optimizer-spec.js";
import { isCurrentCapture, planCapture, type CapturePlan } from "./capture-plan.js";
import { rowsOf, targetsOf } from "./capture-step.js";

/** The fit options that decide whether batches are captured. */
export interface FitCaptureOptions {
  loss: LossSpec;
  batchSize: number;
  l1?: number;
  l2?: number;
  /** false: never capture. */
  capture?: boolean;
}

export class FitCapture {
  private plan: CapturePlan;
  private replay: StackReplay | null = null;
  private lossRows: LossRows | null = null;
  private arena: Arena | null = null;
  /** Batches replayed and batches run uncaptured (partial batches, refused targets). */
  readonly counts = { captured: 0, uncaptured: 0 };
  private readonly keep: GradientSink = (p, g) => (p.grad = new Tensor(g, p.shape));

  private constructor(
    private readonly model: Module,
    private readonly lossName: "mse" | "bce" | "crossEntropy",
    private readonly N: number,
  ) {
    this.plan = this.planFor();
  }

  /**
   * The capture fit uses, or null when no batch can be captured: capture false, a loss function or
   * a loss other than mse/bce/crossEntropy, an L1/L2 penalty, or a model that is not one fused
   * Linear stack (see planCapture).
   */
  static for(model: Module, options: FitCaptureOptions): FitCapture | null {
    if (options.capture === false || !isCapturedLoss(options.loss)) return null;
    if (options.l1 || options.l2) return null;
    const capture = new FitCapture(model, options.loss, options.batchSize);
    return capture.plan.ok ? capture : null;
  }

  /**
   * optimizer.zeroGrad(), then L = loss(model(x), y) and every ∂L/∂θ into θ.grad (fresh arrays),
   * as `loss.backward()` leaves them; returns L as a scalar tensor without a graph. Null — nothing
   * changed — when this batch must run uncaptured (another size, targets the replay refuses).
   */
  lossAndGradients(batch: XY, optimizer: OptimizerLike): Tensor | null {
    const value = this.replayed(batch, optimizer);
    if (value === null) {
      this.counts.uncaptured++;
      return null;
    }
    this.counts.captured++;
    const loss = allocStorage(batch.x.dtype, 1);
    loss[0] = value;
    return new Tensor(loss, []);
  }

  private replayed({ x, y }: XY, optimizer: OptimizerLike): number | null {
    if (!this.plan.ok) return null;
    if (!isCurrentCapture(this.model, this.plan)) {
      this.plan = this.planFor();
      if (!this.plan.ok) return null;
    }
    const replay = this.replay!;
    const lossRows = this.lossRows!;
    const xs = rowsOf(x, this.N, replay.inFeatures, this.plan.dtype);
    if (xs === null || !lossRows.targets(targetsOf(y, lossRows))) return null;
    const out = replay.forward(xs);
    const value = lossRows.run(out, replay.dOut);
    if (value === null) return null;
    optimizer.zeroGrad();
    // fresh gradient arrays each batch: a callback may keep a .grad, as after backward()
    const arena = this.arena!;
    replay.layers.forEach(({ b, D, H }, k) => {
      replay.dW[k] = arena.take(H * D);
      replay.db[k] = b === null ? null : arena.take(H);
    });
    replay.backward(xs, this.keep);
    return value;
  }

  private planFor(): CapturePlan {
    const plan = planCapture(this.model);
    if (plan.ok) {
      this.replay = new StackReplay(plan.layers, this.N, plan.dtype);
      this.lossRows = new LossRows(this.lossName, this.N, this.replay.outFeatures, plan.dtype);
      this.arena = new Arena(plan.dtype);
    }
    return plan;
  }
}
