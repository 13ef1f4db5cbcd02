// The training that runs inside the worker: one job's model, trained one epoch at a time with
// fit's own per-batch step (train/batch-step.ts) and fit's seeded shuffling, so N epochs here give
// the weights train.fit gives with the same options and seed. Not here: messages or timing (serve.ts).
import { noGrad } from "../autograd/no-grad.js";
import { gradientNorms } from "../diagnostics/grad-stats.js";
import type { Sequential } from "../nn/sequential.js";
import { checkFiniteWeights, NonFiniteTrainingError } from "../optim/non-finite.js";
import { Random, globalRandom, type RandomState } from "../tensor/random.js";
import { BatchStep } from "../train/batch-step.js";
import { batchRows } from "../train/batching.js";
import { evaluateWith, isLogitsLoss } from "../train/fit.js";
import type { LossName } from "../train/loss-by-name.js";
import { buildJob, type BuiltJob } from "./job.js";
import { linearsOf } from "../nn/init-by-name.js";
import { describeNonFinite } from "./non-finite-report.js";
import type { EpochRecord, NonFiniteReport, TrainingJob } from "./protocol.js";

/** What one epoch ended with: its record, or the report of the NaN/Inf that stopped it. */
export type EpochOutcome =
  { kind: "record"; record: EpochRecord } | { kind: "nonFinite"; report: NonFiniteReport };

/**
 * One job's model, optimizer and data, trained epoch by epoch:
 *
 *   each epoch   order = permutation(N) from Random(seed); for each batch of `batchSize` rows in
 *                that order: BatchStep.run (forward, loss + L1/L2, backward, guard, clip, step)
 *   after it     loss and metrics on train and test (eval mode), ‖W‖₂ per Linear
 *
 * The global generator (dropout) is this session's own while it trains: its state is swapped in
 * and out, so two sessions in one thread do not disturb each other, and a job seeded s draws what
 * `seed(s); const m = train.mlp(…); await train.fit(m, …, { seed: s })` draws. Between epochs the
 * model is in eval mode, holding finite weights.
 */
export class TrainingSession {
  readonly model: Sequential;
  /** Epochs completed. */
  epoch = 0;
  /** Optimizer steps that count (those of completed epochs). */
  steps = 0;
  private readonly built: BuiltJob;
  private readonly step: BatchStep;
  private readonly shuffler: Random;
  private randomState: RandomState;
  /** Indices (in namedParameters order) of each Linear's weight. */
  private readonly linearWeights: number[];
  private readonly logits: boolean;

  constructor(readonly job: TrainingJob) {
    const outer = globalRandom.getState();
    try {
      this.built = buildJob(job);
      this.randomState = globalRandom.getState();
    } finally {
      globalRandom.setState(outer);
    }
    const { model, lossFn, optimizer } = this.built;
    this.model = model;
    this.step = new BatchStep(model, lossFn, optimizer, { ...job, terminateOnNaN: true });
    this.shuffler = new Random(job.seed);
    const params = model.namedParameters().map(([, p]) => p);
    this.linearWeights = linearsOf(model).map((l) => params.indexOf(l.weight));
    this.logits = isLogitsLoss(job.loss as LossName);
    this.step.weightGuard!.capture(0);
    model.eval();
    this.probe();
  }

  /**
   * Forward the first batch and its loss once (eval mode, no gradients, no random draws), so a
   * target that does not fit the network's output is a ShapeError at reset, not at the first step.
   */
  private probe(): void {
    const { model, lossFn, train } = this.built;
    const rows = Math.min(train.x.shape[0], this.job.batchSize);
    const batch = batchRows(train, null, 0, rows);
    noGrad(() => lossFn(model.forward(batch.x), batch.y));
  }

  /**
   * Train one epoch. On a NaN/Inf (reported) or any other error (thrown) the weights go back to
   * those at the end of the last completed epoch.
   */
  trainEpoch(): EpochOutcome {
    const outer = globalRandom.getState();
    globalRandom.setState(this.randomState);
    try {
      return this.trainEpochWithOwnRandom();
    } finally {
      this.randomState = globalRandom.getState();
      globalRandom.setState(outer);
    }
  }

  /**
   * After a command changed the model from outside training: finite weights become the new
   * point that a NaN/Inf brings training back to; non-finite ones stay for training to find.
   */
  acceptWeights(): void {
    const named = [...this.model.namedParameters(), ...this.model.namedBuffers()];
    if (checkFiniteWeights(named) === null) this.step.weightGuard!.capture(this.epoch);
  }

  private trainEpochWithOwnRandom(): EpochOutcome {
    const { model, train } = this.built;
    const guard = this.step.weightGuard!;
    const n = train.x.shape[0];
    const batchSize = this.job.batchSize;
    const gradSums = this.linearWeights.map(() => 0);
    const order = this.shuffler.permutation(n);
    let taken = 0;
    const addGradNorms = (): void => {
      const stats = gradientNorms(model);
      this.linearWeights.forEach((k, i) => (gradSums[i] += stats[k].gradNorm));
    };
    model.train();
    try {
      for (let b = 0; b * batchSize < n; b++) {
        const batch = batchRows(train, order, b * batchSize, Math.min(n, (b + 1) * batchSize));
        this.step.run(batch, this.epoch, b, addGradNorms);
        taken++;
      }
    } catch (e) {
      model.eval();
      // the report reads the weights of the failing step, before they go back
      const report =
        e instanceof NonFiniteTrainingError
          ? describeNonFinite(e, model, this.job, this.epoch + 1, this.steps + taken + 1)
          : null;
      guard.restore(); // the weights at the end of the last completed epoch (or the last command)
      if (report === null) throw e;
      return { kind: "nonFinite", report };
    }
    this.epoch++;
    this.steps += taken;
    guard.capture(this.epoch);
    model.eval();
    return { kind: "record", record: this.record(gradSums.map((s) => s / taken)) };
  }

  /** The epoch's record: losses and metrics (eval mode, no penalty), norms per Linear. */
  private record(gradNorms: number[]): EpochRecord {
    const { model, lossFn, train, test, metrics } = this.built;
    const options = { logits: this.logits };
    const { loss: trainLoss, ...trainMetrics } = evaluateWith(
      model,
      train,
      lossFn,
      metrics,
      256,
      options,
    );
    const stats = gradientNorms(model);
    const record: EpochRecord = {
      epoch: this.epoch,
      steps: this.steps,
      trainLoss,
      trainMetrics,
      gradNorms,
      weightNorms: this.linearWeights.map((k) => stats[k].weightNorm),
    };
    if (test !== null) {
      const { loss: testLoss, ...testMetrics } = evaluateWith(
        model,
        test,
        lossFn,
        metrics,
        256,
        options,
      );
      record.testLoss = testLoss;
      record.testMetrics = testMetrics;
    }
    return record;
  }
}
