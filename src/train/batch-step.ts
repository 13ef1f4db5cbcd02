// One training step on one batch, as fit() runs it and as the worker session (src/worker) runs it:
// forward → loss (+ L1/L2 penalty) → backward → NaN/Inf guard → clip → optimizer step → finite
// weights check. Not here: the epoch loop, shuffling, metrics or callbacks (fit.ts).
import { explainNaN, type WeightBaseline } from "../diagnostics/explain-nan.js";
import type { Module } from "../nn/module.js";
import { clipGradNorm, clipGradValue } from "../optim/clip.js";
import { assertFinite } from "../optim/non-finite.js";
import * as regularization from "../regularization/index.js";
import type { Tensor } from "../tensor/tensor.js";
import type { XY } from "./batching.js";
import type { FitCapture } from "./capture/fit-capture.js";
import type { LossFn } from "./loss-by-name.js";
import type { OptimizerLike } from "./optimizer-spec.js";
import { WeightGuard } from "./weight-guard.js";

/** The parts of fit's options that shape one step. */
export interface BatchStepOptions {
  /** Add l1·Σ|w| to the loss. */
  l1?: number;
  /** Add l2·Σw² to the loss. */
  l2?: number;
  /** Clip the global L2 norm of all gradients to this value before each step. */
  clipNorm?: number;
  /** Clip every gradient element to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Check the loss, the gradients and the new weights (NonFiniteTrainingError). Default true. */
  terminateOnNaN?: boolean;
}

/**
 * The per-batch step of a model, loss and optimizer:
 *
 *   L = loss(model(x), y) + l1·Σ|w| + l2·Σw²
 *   ∂L/∂θ by backward → finite? (else NonFiniteTrainingError, weights untouched, the origin named
 *   by diagnostics.explainNaN) → clip (norm, then value) → optimizer.step() → weights finite?
 *   (else the weights captured by `weightGuard` go back, then NonFiniteTrainingError)
 */
export class BatchStep {
  /** The post-step guard (null with terminateOnNaN false); capture() it when an epoch begins. */
  readonly weightGuard: WeightGuard | null;
  private readonly namedParams: [string, Tensor][];
  private readonly params: Tensor[];

  constructor(
    private readonly model: Module,
    private readonly lossFn: LossFn,
    private readonly optimizer: OptimizerLike,
    private readonly options: BatchStepOptions = {},
    /** Replays forward, loss and backward of full batches (src/train/capture); null: never. */
    private readonly capture: FitCapture | null = null,
  ) {
    this.namedParams = model.namedParameters();
    this.params = this.namedParams.map(([, p]) => p);
    this.weightGuard = options.terminateOnNaN === false ? null : new WeightGuard(model);
  }

  /**
   * Train on one batch; returns the batch's loss (with penalty) as a number. `epoch` and `batch`
   * are 0-based and only name the place in errors; `afterBackward` sees the raw gradients
   * (before clipping) of a step that passed the guard.
   */
  run(batch: XY, epoch: number, b: number, afterBackward?: () => void): number {
    const loss =
      this.capture?.lossAndGradients(batch, this.optimizer) ?? this.lossAndGradients(batch);
    if (this.weightGuard !== null) {
      // throws NonFiniteTrainingError before the step, so the weights stay those of the last step;
      // only then does explainNaN re-run the batch to name the first layer and op that failed
      assertFinite(loss, this.namedParams, `fit, epoch ${epoch + 1}, batch ${b + 1}`, () =>
        explainNaN(this.model, batch, (out, y) => this.penalized(out, y), this.baseline()),
      );
    }
    afterBackward?.();
    if (this.options.clipNorm !== undefined) clipGradNorm(this.params, this.options.clipNorm);
    if (this.options.clipValue !== undefined) clipGradValue(this.params, this.options.clipValue);
    this.optimizer.step();
    // a non-finite weight: the captured weights go back, then NonFiniteTrainingError
    this.weightGuard?.check(epoch, b);
    return loss.item();
  }

  /** The penalized loss of `batch`, after zeroGrad() and backward(). */
  private lossAndGradients(batch: XY): Tensor {
    const loss = this.penalized(this.model.forward(batch.x), batch.y);
    this.optimizer.zeroGrad();
    loss.backward();
    return loss;
  }

  /** loss(output, y) + the L1/L2 penalties over the model's parameters. */
  private penalized(output: Tensor, y: Tensor): Tensor {
    let loss = this.lossFn(output, y);
    if (this.options.l1) loss = loss.add(regularization.l1(this.params, this.options.l1));
    if (this.options.l2) loss = loss.add(regularization.l2(this.params, this.options.l2));
    return loss;
  }

  /** The weights the guard copied when the epoch began: explainNaN compares the layer's norm. */
  private baseline(): WeightBaseline | undefined {
    const guard = this.weightGuard;
    if (guard === null) return undefined;
    const before = `the start of epoch ${guard.capturedAtEpoch + 1}`;
    return { before, valueOf: (t) => guard.captured(t) };
  }
}
