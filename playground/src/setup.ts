// The playground's whole setup: everything a link must carry to reproduce what the learner sees.
// JSON-safe; url-state.ts turns it into a query string and back (validating every field).
// User-supplied CSV data is not part of the URL (only its name); everything else is.

export const DATASETS = [
  "circles",
  "xor",
  "blobs",
  "spirals",
  "moons",
  "moons-multi", // 3–5 classes (see `classes`)
  "blobs-multi", // 3–5 gaussian blobs
  "regress-1d", // y = f(x), plotted as a curve
  "regress-2d", // y = f(x1, x2), plotted as a surface heat map
  "and", // the perceptron presets: 4 points (plus noise copies)
  "csv", // a user-dropped CSV: 2 numeric features + a target
] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Extra inputs computed from (x1, x2), as in TensorFlow Playground. */
export const EXTRA_FEATURES = ["x1sq", "x2sq", "x1x2", "sinx1", "sinx2"] as const;
export type ExtraFeature = (typeof EXTRA_FEATURES)[number];

export const OPTIMIZERS = [
  "sgd",
  "momentum",
  "nesterov",
  "rmsprop",
  "adagrad",
  "adam",
  "adamw",
] as const;
export type OptimizerChoice = (typeof OPTIMIZERS)[number];

export type ClipMode = "off" | "norm" | "value";

export interface Setup {
  dataset: DatasetName;
  /** Number of classes for the multi-class variants (3–5). */
  classes: number;
  /** Noise level, 0–50 (percent of the data's scale). */
  noise: number;
  /** Number of points generated, 50–1000. */
  points: number;
  /** Fraction of points used for training, 0.1–0.9; the rest is the test set. */
  trainRatio: number;
  /** Seed of the data generator and of the initial weights. */
  seed: number;
  /** Extra input features beside x1, x2 (x1 and x2 are always inputs). */
  features: ExtraFeature[];
  /** Widths of the hidden layers; 0–6 layers (a perceptron has none), 1–8 neurons each. */
  hidden: number[];
  /** Hidden activation: any name in activations.names except "step". */
  activation: string;
  /** Weight initialization of the Linear layers (e.g. "default" = PyTorch's, "xavier", "he"). */
  init: string;
  batchNorm: boolean;
  /** Dropout probability after each hidden activation, 0–0.9. */
  dropout: number;
  optimizer: OptimizerChoice;
  learningRate: number;
  batchSize: number;
  l1: number;
  l2: number;
  clip: ClipMode;
  /** Max gradient norm (clip "norm") or max |element| (clip "value"). */
  clipValue: number;
  /** Optimizers trained side by side in the optimizer race (empty = no race). */
  race: OptimizerChoice[];
}

/** The page's default: two spirals would be slow to converge for a first look, so circles, 2-4-2. */
export const DEFAULT_SETUP: Setup = {
  dataset: "circles",
  classes: 3,
  noise: 0,
  points: 200,
  trainRatio: 0.5,
  seed: 1,
  features: [],
  hidden: [4, 2],
  activation: "tanh",
  init: "default",
  batchNorm: false,
  dropout: 0,
  optimizer: "sgd",
  learningRate: 0.03,
  batchSize: 10,
  l1: 0,
  l2: 0,
  clip: "off",
  clipValue: 1,
  race: [],
};
