// --test-data / --validation-data: a CSV of held-out rows read against the training file. Its
// header must hold exactly the --data columns (in any order; picked by name, as predict does);
// the target is read with the training file's classes, so a class the training file lacks is a
// DataFormatError naming the cell. Not the training reader: a holdout discovers no classes.
import { resolve } from "node:path";
import { data } from "../../node/index.js";
import { streamCsvFile } from "../../node/data/stream-csv.js";
import { IoError } from "../../io/errors.js";
import { dropsMissing, provisionalEncoder } from "../csv-file.js";
import type { LoadedData } from "../data-source.js";
import { CliError } from "../output.js";

/** A holdout file's rows, as a Dataset like the training rows (same task, names and classes). */
export async function readHoldoutCsv(
  flag: "--test-data" | "--validation-data",
  spec: string,
  cwd: string,
  training: LoadedData,
): Promise<data.Dataset> {
  const { all, target, source } = training;
  const featureNames = all.featureNames ?? [];
  const builder = new data.CsvFeaturesBuilder({
    file: spec,
    featureNames,
    target,
    readTarget: true,
    labelNames: all.labelNames,
    encoder: provisionalEncoder(all),
    dropMissing: dropsMissing(all), // --impute drop: its rows with a gap are dropped too
  });
  const expected = new Set([...featureNames, target]);
  const headerCheck = new data.CsvParser(
    (record) => {
      if (headerSeen) return; // later records of the same chunk
      headerSeen = true;
      checkHeader(record.fields, expected, { spec, source, line: record.line });
    },
    { delimiter: "auto" },
  ); // as the rows' reader: ";" and tab detected from the header
  let headerSeen = false;
  const sink = {
    push(chunk: string): void {
      if (!headerSeen) headerCheck.push(chunk); // first: a wrong header is named before a cell
      builder.push(chunk);
    },
    get currentLine(): number {
      return builder.currentLine;
    },
  };
  try {
    await streamCsvFile(resolve(cwd, spec), sink, { file: spec });
  } catch (e) {
    throw friendlyOpenError(e, flag, spec);
  }
  const { x, y } = builder.finish();
  if (y === undefined) throw new Error("unreachable: readTarget is set");
  const rows: data.Dataset = { x, y, task: all.task, featureNames: all.featureNames };
  if (all.labelNames) rows.labelNames = all.labelNames;
  return rows;
}

/** Every header name is a --data column, once; missing ones are the features builder's error. */
function checkHeader(
  names: string[],
  expected: Set<string | undefined>,
  where: { spec: string; source: string; line: number },
): void {
  const seen = new Set<string>();
  names.forEach((name, j) => {
    const at = { file: where.spec, line: where.line, column: j + 1, fault: "header" as const };
    if (!expected.has(name)) {
      throw new data.DataFormatError(
        `column ${JSON.stringify(name)} is not in --data ${where.source}; a holdout file has the columns of the training file`,
        at,
      );
    }
    if (seen.has(name)) {
      throw new data.DataFormatError(`column ${JSON.stringify(name)} appears twice`, at);
    }
    seen.add(name);
  });
}

/** A missing file or a directory, said as for --data; other errors stay as they are. */
function friendlyOpenError(e: unknown, flag: string, spec: string): unknown {
  if (!(e instanceof IoError) || e.step === "read") return e;
  if (e.code === "ENOENT") return new CliError(`${flag} ${JSON.stringify(spec)}: no such file`);
  if (e.code === "EISDIR") {
    return new CliError(`${flag} ${JSON.stringify(spec)} is a directory`, "give a CSV file");
  }
  return e;
}
