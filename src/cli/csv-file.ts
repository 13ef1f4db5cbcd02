// Reading CSV files for the CLI, each exactly once: streamCsvFile pushes the decoded text into a
// parser-backed builder (training rows, or a model's feature columns). No whole-file text.
import { data, type Tensor } from "../node/index.js";
import { streamCsvFile } from "../node/data/stream-csv.js";

export interface TrainingCsv {
  all: data.Dataset;
  /** The target column: the one asked for, else the header's last column. */
  target?: string;
}

/**
 * A training CSV in one pass: the dataset builder parses every row while a second parser watches
 * only for the header, whose last name is the target when none was given.
 */
export async function readTrainingCsv(
  path: string,
  display: string,
  options: { target?: string; task: "auto" | "classification" | "regression" },
): Promise<TrainingCsv> {
  const builder = new data.CsvDatasetBuilder({ ...options, file: display });
  let header: string[] | undefined;
  const headerWatch = new data.CsvParser((record) => (header ??= record.fields));
  const sink = {
    push(chunk: string): void {
      builder.push(chunk); // throws first on any malformed text
      if (header === undefined) headerWatch.push(chunk);
    },
    get currentLine(): number {
      return builder.currentLine;
    },
  };
  await streamCsvFile(path, sink, { file: display });
  return { all: builder.finish(), target: options.target ?? header?.at(-1) };
}

/** A CSV's feature columns (by the model's featureNames) and optionally its target. */
export async function readCsvFeatures(
  path: string,
  display: string,
  options: { featureNames: string[]; target?: string; readTarget: boolean; labelNames?: string[] },
): Promise<{ x: Tensor; y?: Tensor }> {
  const builder = new data.CsvFeaturesBuilder({ ...options, file: display });
  await streamCsvFile(path, builder, { file: display });
  return builder.finish();
}
