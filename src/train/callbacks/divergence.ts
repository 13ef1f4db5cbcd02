// divergence(): notice a run that blows up while its numbers stay finite (a learning rate far too
// high: the loss climbs to 1e6…1e30 and the weights never reach NaN, so the NaN/Inf guard never
// fires). It reports; it stops training only when asked to.
import type { Callback } from "../callback.js";

/**
 * The rule, with L₀ the loss of the run's first batch (the model before any step) and L_e the
 * training loss of epoch e:
 *
 *   epoch e is blown up    ⇔  L_e > factor · max(L₀, 1e-12)
 *   the run has diverged   ⇔  `patience` consecutive epochs are blown up, or the last epoch is
 *
 * A model ten times worse than the untrained one is no longer learning; a normal run's epoch loss
 * stays below L₀ after its first epoch (checked on the default spirals, iris and xor runs).
 * Defaults: factor 10, patience 3. A resumed run takes L₀ from its first batch after resuming.
 */
export interface DivergenceOptions {
  /** An epoch is blown up when L_e > factor·L₀ (default 10). */
  factor?: number;
  /** Consecutive blown-up epochs that mean the run diverged (default 3). */
  patience?: number;
  /** Set ctx.stopTraining when the run is found diverged (default false: only report). */
  stopTraining?: boolean;
  /** Called once, when the run is found diverged. */
  onDiverge?: (report: DivergenceReport) => void;
}

/** What {@link divergence} found: the epoch, its loss L_e, the reference L₀ and the factor. */
export interface DivergenceReport {
  /** 1-based epoch at which the run was found diverged. */
  epoch: number;
  /** That epoch's training loss, L_e. */
  loss: number;
  /** L₀, the first batch's loss. */
  reference: number;
  factor: number;
}

/** The callback {@link divergence} returns; read `diverged` after fit. */
export interface DivergenceCallback extends Callback {
  /** The finding, or null while the run has not diverged. */
  readonly diverged: DivergenceReport | null;
}

/** Detect a run that blows up while staying finite (L_e > factor·L₀ for `patience` epochs). */
export function divergence(options: DivergenceOptions = {}): DivergenceCallback {
  const factor = options.factor ?? 10;
  const patience = options.patience ?? 3;
  let reference: number | null = null;
  let blownUp = 0; // consecutive blown-up epochs
  let last: { epoch: number; loss: number } | null = null;
  let found: DivergenceReport | null = null;
  const isBlownUp = (loss: number): boolean =>
    reference !== null && loss > factor * Math.max(reference, 1e-12);
  const report = (epoch: number, loss: number): void => {
    found = { epoch: epoch + 1, loss, reference: reference!, factor };
    options.onDiverge?.(found);
  };
  return {
    get diverged() {
      return found;
    },
    onTrainBegin() {
      [reference, blownUp, last, found] = [null, 0, null, null];
    },
    onBatchEnd(_batch, logs) {
      reference ??= logs.loss;
    },
    onEpochEnd(epoch, logs, ctx) {
      last = { epoch, loss: logs.loss };
      blownUp = isBlownUp(logs.loss) ? blownUp + 1 : 0;
      if (found === null && blownUp >= patience) {
        report(epoch, logs.loss);
        if (options.stopTraining) ctx.stopTraining = true;
      }
    },
    onTrainEnd() {
      if (found === null && last !== null && isBlownUp(last.loss)) report(last.epoch, last.loss);
    },
  };
}
