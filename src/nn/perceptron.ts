// Rosenblatt's perceptron: a single threshold unit trained by the perceptron rule, not by
// backprop (step() has no useful derivative), so it uses plain number loops and no autograd.
// Not here: multi-class or averaged perceptrons, margins, pocket algorithm.
import { ShapeError, ValueError } from "../errors.js";
import { globalRandom, type Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";

/** Options of {@link Perceptron}. */
export interface PerceptronOptions {
  /** Number of inputs d (length of w). */
  inputs: number;
  /** η in w ← w + η(t − y)x (default 1). */
  learningRate?: number;
  /** Generator for shuffling in fit({ shuffle: true }); the global one by default. */
  generator?: Random;
  /** Starting w, length `inputs` (default all zeros). */
  initialWeights?: readonly number[];
  /** Starting b (default 0). */
  initialBias?: number;
}

/** Options of `Perceptron.fit`. */
export interface PerceptronFitOptions {
  /** Maximum number of passes over the data (default 100). */
  epochs?: number;
  /** Visit the samples in a fresh random order each epoch (default false: in order). */
  shuffle?: boolean;
}

/** What `Perceptron.fit` returns: whether it converged, after how many epochs, errors per epoch. */
export interface PerceptronFitResult {
  /** True when an epoch had zero misclassifications (training stopped after it). */
  converged: boolean;
  /** Number of epochs run. */
  epochs: number;
  /** errors[e] = samples misclassified (and so updated) during epoch e. */
  errors: number[];
}

/** Samples as number[][] or a Tensor [N, d]. */
export type PerceptronInput = readonly (readonly number[])[] | Tensor;
/** Labels as number[] or a Tensor [N] (or [N, 1]), each 0 or 1. */
export type PerceptronLabels = readonly number[] | Tensor;

/**
 * The classic perceptron (the article's "output = step(w·x + b)").
 *
 *   output    y = step(w·x + b),  step(s) = 1 if s ≥ 0 else 0   (so step(0) = 1)
 *   update    for each sample (x, t) in turn:  w ← w + η(t − y)x,  b ← b + η(t − y)
 * b is the weight on a constant input 1. The update changes nothing when y = t, so training
 * stops after the first epoch with no mistakes; on linearly separable data that happens after a
 * finite number of updates (Novikoff's theorem); on XOR it never does.
 *
 *   const p = new Perceptron({ inputs: 2 });
 *   p.fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]);   // AND → { converged: true, … }
 *   p.predict([[1, 1]]);                                     // [1]
 */
export class Perceptron {
  readonly inputs: number;
  readonly learningRate: number;
  private readonly w: Float64Array;
  private b: number;
  private readonly generator: Random | undefined;

  constructor(options: PerceptronOptions) {
    const { inputs, learningRate = 1 } = options;
    if (!Number.isInteger(inputs) || inputs <= 0) {
      throw new ValueError(`Perceptron: inputs must be a positive integer, got ${inputs}`);
    }
    if (!(Number.isFinite(learningRate) && learningRate > 0)) {
      throw new ValueError(`Perceptron: learningRate must be finite and > 0, got ${learningRate}`);
    }
    this.inputs = inputs;
    this.learningRate = learningRate;
    this.generator = options.generator;
    this.w = new Float64Array(inputs);
    if (options.initialWeights !== undefined) {
      if (options.initialWeights.length !== inputs) {
        throw new ShapeError(
          `Perceptron: initialWeights has ${options.initialWeights.length} values, expected ${inputs}`,
        );
      }
      this.w.set(options.initialWeights);
    }
    this.b = options.initialBias ?? 0;
    if (!this.w.every(Number.isFinite) || !Number.isFinite(this.b)) {
      throw new ValueError("Perceptron: initial weights and bias must be finite numbers");
    }
  }

  /** A copy of w. */
  get weights(): number[] {
    return Array.from(this.w);
  }

  /** The learned bias b in y = step(w·x + b). */
  get bias(): number {
    return this.b;
  }

  /** y = step(w·x + b) for one sample x of length d. */
  private output(x: ArrayLike<number>): number {
    let s = this.b;
    for (let i = 0; i < this.inputs; i++) s += this.w[i] * x[i];
    return s >= 0 ? 1 : 0;
  }

  /**
   * Run the perceptron rule for at most `epochs` passes, stopping after an error-free epoch.
   * X: [N, d], y: [N] with labels 0 or 1 (ValueError naming the sample otherwise).
   */
  fit(
    X: PerceptronInput,
    y: PerceptronLabels,
    options: PerceptronFitOptions = {},
  ): PerceptronFitResult {
    const { epochs = 100, shuffle = false } = options;
    if (!Number.isInteger(epochs) || epochs < 0) {
      throw new ValueError(`Perceptron.fit: epochs must be a non-negative integer, got ${epochs}`);
    }
    const rows = this.rowsOf(X, "fit");
    if (rows.length === 0) throw new ValueError("Perceptron.fit: no samples (X is empty)");
    const t = labelsOf(y, rows.length);
    const eta = this.learningRate;
    const errors: number[] = [];
    for (let e = 0; e < epochs; e++) {
      const order = shuffle ? (this.generator ?? globalRandom).permutation(rows.length) : null;
      let mistakes = 0;
      for (let k = 0; k < rows.length; k++) {
        const n = order === null ? k : order[k];
        const x = rows[n];
        const delta = t[n] - this.output(x); // t − y ∈ {−1, 0, 1}
        if (delta === 0) continue;
        mistakes++;
        for (let i = 0; i < this.inputs; i++) this.w[i] += eta * delta * x[i];
        this.b += eta * delta;
      }
      errors.push(mistakes);
      if (mistakes === 0) return { converged: true, epochs: e + 1, errors };
    }
    return { converged: false, epochs: errors.length, errors };
  }

  /** Class 0 or 1 for each row of X: [N, d] → N values. */
  predict(X: PerceptronInput): number[] {
    return this.rowsOf(X, "predict").map((x) => this.output(x));
  }

  /** Rows of X as number arrays, checked for width d and finite values. */
  private rowsOf(X: PerceptronInput, where: string): ArrayLike<number>[] {
    const d = this.inputs;
    let rows: ArrayLike<number>[];
    if (X instanceof Tensor) {
      if (X.ndim !== 2 || X.shape[1] !== d) {
        throw new ShapeError(
          `Perceptron.${where}: expected X of shape [N, ${d}], got [${X.shape.join(", ")}]`,
        );
      }
      rows = Array.from({ length: X.shape[0] }, (_, n) => X.data.subarray(n * d, (n + 1) * d));
    } else {
      if (!Array.isArray(X))
        throw new ValueError(`Perceptron.${where}: X must be number[][] or a Tensor`);
      rows = X;
    }
    rows.forEach((x, n) => {
      if (x?.length !== d) {
        throw new ShapeError(
          `Perceptron.${where}: sample ${n} has ${x?.length} values, expected ${d}`,
        );
      }
      for (let i = 0; i < d; i++) {
        if (typeof x[i] !== "number" || !Number.isFinite(x[i])) {
          throw new ValueError(
            `Perceptron.${where}: sample ${n}, input ${i} is ${String(x[i])}, not a finite number`,
          );
        }
      }
    });
    return rows;
  }
}

/** Labels as numbers, each exactly 0 or 1, one per sample. */
function labelsOf(y: PerceptronLabels, count: number): number[] {
  let labels: number[];
  if (y instanceof Tensor) {
    if (!(y.ndim === 1 || (y.ndim === 2 && y.shape[1] === 1))) {
      throw new ShapeError(
        `Perceptron.fit: expected labels of shape [N] or [N, 1], got [${y.shape.join(", ")}]`,
      );
    }
    labels = Array.from(y.data);
  } else {
    if (!Array.isArray(y))
      throw new ValueError("Perceptron.fit: labels must be number[] or a Tensor");
    labels = [...y];
  }
  if (labels.length !== count) {
    throw new ShapeError(`Perceptron.fit: ${count} samples but ${labels.length} labels`);
  }
  labels.forEach((v, n) => {
    if (v !== 0 && v !== 1) {
      throw new ValueError(
        `Perceptron.fit: label of sample ${n} is ${String(v)}; labels must be 0 or 1`,
      );
    }
  });
  return labels;
}
