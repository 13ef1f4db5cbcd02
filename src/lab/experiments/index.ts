import type { Experiment } from "../experiment.js";

/** Every lab `myelin lab NAME` can run, in the order `myelin lab` lists them. */
export const EXPERIMENTS: Experiment[] = [];
