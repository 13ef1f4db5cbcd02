import type { Experiment } from "../experiment.js";
import { backpropVsNumeric } from "./backprop-vs-numeric.js";
import { perceptron } from "./perceptron.js";

/** Every lab `myelin lab NAME` can run, in the order `myelin lab` lists them. */
export const EXPERIMENTS: Experiment[] = [perceptron, backpropVsNumeric];
