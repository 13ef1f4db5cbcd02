// Train step 1 (load): seed the global generator, then read the --data source once (a CSV file
// streams through one parser; synthetic sets are drawn with the run's seed), then the holdout
// files (--validation-data, --test-data), each read against the training file's columns and classes.
import { seed as seedGlobal, type data } from "../../node/index.js";
import { loadData, type LoadedData } from "../data-source.js";
import { csvReadOptions, type TrainConfig } from "./flags.js";
import { readHoldoutCsv } from "./holdout-file.js";

/** A holdout file: its spelling on the command line and its rows. */
export interface HoldoutFile {
  file: string;
  rows: data.Dataset;
}

export interface TrainingData extends LoadedData {
  /** --validation-data, when given. */
  validationFile?: HoldoutFile;
  /** --test-data, when given. */
  testFile?: HoldoutFile;
}

export async function loadTrainingData(config: TrainConfig, cwd: string): Promise<TrainingData> {
  seedGlobal(config.seed);
  const loaded: TrainingData = await loadData(config.data, cwd, {
    seed: config.seed,
    target: config.target,
    task: config.task,
    samples: config.samples,
    noise: config.noise,
    csv: csvReadOptions(config),
  });
  const validation = config["validation-data"];
  if (validation !== undefined) {
    const rows = await readHoldoutCsv("--validation-data", validation, cwd, loaded);
    loaded.validationFile = { file: validation, rows };
  }
  const test = config["test-data"];
  if (test !== undefined) {
    loaded.testFile = { file: test, rows: await readHoldoutCsv("--test-data", test, cwd, loaded) };
  }
  return loaded;
}
