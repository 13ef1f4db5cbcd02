import type { Experiment } from "../experiment.js";
import { backpropVsNumeric } from "./backprop-vs-numeric.js";
import { exploding } from "./exploding.js";
import { perceptron } from "./perceptron.js";
import { activationsLab } from "./activations.js";
import { optimizersLab } from "./optimizers.js";
import { lossesLab } from "./losses.js";
import { vanishing } from "./vanishing.js";

/** Every lab `myelin lab NAME` can run, in the order `myelin lab` lists them. */
export const EXPERIMENTS: Experiment[] = [
  perceptron,
  backpropVsNumeric,
  vanishing,
  exploding,
  activationsLab,
  optimizersLab,
  lossesLab,
];
