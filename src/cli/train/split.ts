// Train step 2 (split): the test rows, then the validation rows, each from its own file
// (--test-data, --validation-data), from the source's own test set (IDX), or cut from --data by a
// seeded split (stratified for classes); a fraction of 0 means none. Rows stay raw here;
// preprocessing is fitted on `fit` only, in build.ts. A classification split whose training rows
// hold fewer than 2 classes is refused: the model could only learn a constant.
import { data } from "../../node/index.js";
import { CliError } from "../output.js";
import type { JsonObject } from "../../io/strict-json.js";
import type { TrainConfig } from "./flags.js";
import type { TrainingData } from "./load.js";

type Dataset = data.Dataset;

/** Where a holdout's rows came from, for the first output line and the model file. */
export type Holdout = JsonObject &
  (
    | { rows: number; from: "split"; fraction: number }
    | { rows: number; from: "file"; file: string }
    | { rows: number; from: "data" }
  );

export interface Split {
  /** The rows the model is fitted on. */
  fit: Dataset;
  val?: Dataset;
  test?: Dataset;
  /** The fraction cut from --data (0 when none, also when it rounds to no row); null with a file. */
  validationSplit: number | null;
  /** The fraction cut from --data; null when the test rows come from a file or the source. */
  testSplit: number | null;
  holdouts: { validation: Holdout | null; test: Holdout | null };
}

type SplitConfig = Pick<TrainConfig, "validation-split" | "test-split" | "seed">;

export function splitData(loaded: TrainingData, config: SplitConfig): Split {
  const test = testRows(loaded, config);
  const rest = test.rest;
  let val: { rows?: Dataset; rest: Dataset; holdout: Holdout | null; fraction: number | null };
  if (loaded.validationFile) {
    const { file, rows } = loaded.validationFile;
    val = { rows, rest, holdout: { rows: rows.x.shape[0], from: "file", file }, fraction: null };
  } else {
    // a source with its own test set (IDX) is large: all its training rows train by default
    const fraction = config["validation-split"] ?? (loaded.test ? 0 : 0.1);
    const cut = seededCut(rest, fraction, config.seed);
    const holdout: Holdout | null = cut
      ? { rows: cut.held.x.shape[0], from: "split", fraction }
      : null;
    val = cut
      ? { rows: cut.held, rest: cut.kept, holdout, fraction }
      : { rest, holdout, fraction: 0 };
  }
  const split: Split = {
    fit: val.rest,
    validationSplit: val.fraction,
    testSplit: test.fraction,
    holdouts: { validation: val.holdout, test: test.holdout },
  };
  if (val.rows) split.val = val.rows;
  if (test.rows) split.test = test.rows;
  return checked(split, loaded);
}

interface TestPart {
  rows?: Dataset;
  rest: Dataset;
  holdout: Holdout | null;
  fraction: number | null;
}

function testRows(loaded: TrainingData, config: SplitConfig): TestPart {
  if (loaded.testFile) {
    const { file, rows } = loaded.testFile;
    const holdout: Holdout = { rows: rows.x.shape[0], from: "file", file };
    return { rows, rest: loaded.all, holdout, fraction: null };
  }
  if (loaded.test) {
    // --test-split with such data was refused in flags.ts
    const holdout: Holdout = { rows: loaded.test.x.shape[0], from: "data" };
    return { rows: loaded.test, rest: loaded.all, holdout, fraction: null };
  }
  const fraction = config["test-split"] ?? 0.2;
  const cut = seededCut(loaded.all, fraction, config.seed);
  if (!cut) return { rest: loaded.all, holdout: null, fraction: 0 };
  const holdout: Holdout = { rows: cut.held.x.shape[0], from: "split", fraction };
  return { rows: cut.held, rest: cut.kept, holdout, fraction };
}

/**
 * Hold out `fraction` of the rows (seeded; stratified for classes, so a file sorted by class
 * gives every class its share), or null when the fraction rounds to no row. Both parts come out
 * shuffled.
 */
function seededCut(rows: Dataset, fraction: number, seed: number) {
  const n = rows.x.shape[0];
  if (fraction <= 0 || Math.floor(n * fraction) === 0) return null;
  const stratify = rows.task !== "regression";
  if (stratify && !hasTwoOfOneClass(rows)) return null; // every class a single row: nothing to cut
  const parts = data.trainTestSplit(rows, { testFraction: fraction, seed, stratify });
  return { kept: parts.train, held: parts.test };
}

/** Whether some class has at least 2 rows (a stratified cut then takes at least one). */
function hasTwoOfOneClass(rows: Dataset): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < rows.y.size; i++) {
    if (seen.has(rows.y.data[i])) return true;
    seen.add(rows.y.data[i]);
  }
  return false;
}

/** The split, once its training rows are known to hold ≥ 2 classes (classification only). */
function checked(split: Split, loaded: TrainingData): Split {
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
