// Train step 2 (split): test rows first (seeded, stratified for classes) unless the source has its
// own test set, then the last fraction of the remaining rows for validation. Rows stay raw here;
// preprocessing is fitted on `fit` only, in build.ts. A classification split whose training rows
// hold fewer than 2 classes is refused: the model could only learn a constant.
import { data } from "../../node/index.js";
import { CliError } from "../output.js";
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
  if (nVal === 0) return checked({ fit: rest, test, validationSplit: 0, testSplit }, loaded);
  const index = (from: number, to: number): number[] =>
    Array.from({ length: to - from }, (_, i) => from + i);
  const split = {
    fit: data.take(rest, index(0, n - nVal)),
    val: data.take(rest, index(n - nVal, n)),
    test,
    validationSplit,
    testSplit,
  };
  return checked(split, loaded);
}

/** The split, once its training rows are known to hold ≥ 2 classes (classification only). */
function checked(split: Split, loaded: LoadedData): Split {
  const { fit } = split;
  if (fit.task === "regression") return split;
  const first = fit.y.data[0];
  for (let i = 1; i < fit.y.size; i++) if (fit.y.data[i] !== first) return split;
  const name = loaded.all.labelNames?.[first] ?? String(first);
  const target =
    loaded.target === undefined ? "the target" : `target ${JSON.stringify(loaded.target)}`;
  throw new CliError(
    `the ${fit.y.size} training rows (after the test/validation split) all have one class of ${target}: ${JSON.stringify(name)}`,
    "a classification target needs at least 2 classes in its training rows: add rows of the other classes or lower --test-split/--validation-split (or use --task regression if the column is numeric)",
  );
}
