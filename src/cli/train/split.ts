// Train step 2 (split): test rows first (seeded, stratified for classes) unless the source has its
// own test set, then the last fraction of the remaining rows for validation. Rows stay raw here;
// preprocessing is fitted on `fit` only, in build.ts.
import { data } from "../../node/index.js";
import type { LoadedData } from "../data-source.js";
import type { TrainConfig } from "./flags.js";

type Dataset = data.Dataset;

export interface Split {
  /** The rows the model is fitted on. */
  fit: Dataset;
  val?: Dataset;
  test: Dataset;
  /** The fraction actually held out: 0 when it rounds to no row. */
  validationSplit: number;
  /** null when the source brought its own test set. */
  testSplit: number | null;
}

export function splitData(
  loaded: LoadedData,
  config: Pick<TrainConfig, "validation-split" | "test-split" | "seed">,
): Split {
  // a source with its own test set (IDX) is large: all its training rows train by default
  const validationSplit = config["validation-split"] ?? (loaded.test ? 0 : 0.1);
  let rest: Dataset;
  let test: Dataset;
  let testSplit: number | null = null;
  if (loaded.test) {
    // --test-split with such data was refused in flags.ts
    [rest, test] = [loaded.all, loaded.test];
  } else {
    testSplit = config["test-split"] ?? 0.2;
    const parts = data.trainTestSplit(loaded.all, {
      testFraction: testSplit,
      seed: config.seed,
      stratify: loaded.all.task !== "regression",
    });
    [rest, test] = [parts.train, parts.test];
  }
  const n = rest.x.shape[0];
  const nVal = Math.floor(n * validationSplit);
  if (nVal === 0) return { fit: rest, test, validationSplit: 0, testSplit };
  const index = (from: number, to: number): number[] =>
    Array.from({ length: to - from }, (_, i) => from + i);
  return {
    fit: data.take(rest, index(0, n - nVal)),
    val: data.take(rest, index(n - nVal, n)),
    test,
    validationSplit,
    testSplit,
  };
}
