// Where `myelin train` writes: the model (--out, or a fresh myelin-runs/<data>-<time>.myelin) and
// the HTML report (--report, default beside the model); and which files it reads (--data,
// --validation-data, --test-data, --resume), so output-files.ts can refuse an output that is
// another output or an input, and a holdout file that is --data or the other holdout. Checked
// before any training, so a bad path fails fast; the checks themselves are safe-path.ts's.
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { CheckpointPlan } from "../checkpointing.js";
import { dataKind } from "../data-source.js";
import type { CommandFiles, NamedFile } from "../output-files.js";
import { UsageError } from "../output.js";
import { checkOutputPath } from "../safe-path.js";
import type { TrainConfig } from "./flags.js";

export interface OutputPaths {
  /** Absolute path of the model file. */
  model: string;
  /** Absolute path of the HTML report, or null for --report none. */
  report: string | null;
}

export function outputPaths(
  config: Pick<TrainConfig, "out" | "report" | "overwrite" | "data">,
  cwd: string,
): OutputPaths {
  const overwrite = config.overwrite === true;
  const model =
    config.out !== undefined
      ? checkOutputPath(config.out, cwd, { flag: "--out", command: "train", overwrite })
      : freshDefault(config.data, cwd);
  if (config.report === "none") return { model, report: null };
  const reportPath =
    config.report ?? relative(cwd, model).replace(/\.myelin$/, "") + ".report.html";
  return {
    model,
    report: checkOutputPath(reportPath, cwd, { flag: "--report", command: "train", overwrite }),
  };
}

/** myelin-runs/<data>-<YYYYMMDD-HHMMSS>[-k].myelin that exists neither as model nor as report. */
function freshDefault(spec: string, cwd: string): string {
  const name =
    (spec.startsWith("idx:") ? "idx" : spec.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, ""))
      .replace(/[^A-Za-z0-9_-]+/g, "_")
      .slice(0, 40) || "data";
  const t = new Date();
  const p2 = (v: number): string => String(v).padStart(2, "0");
  const stamp = `${t.getFullYear()}${p2(t.getMonth() + 1)}${p2(t.getDate())}-${p2(t.getHours())}${p2(t.getMinutes())}${p2(t.getSeconds())}`;
  for (let k = 1; ; k++) {
    const base = `myelin-runs/${name}-${stamp}${k > 1 ? `-${k}` : ""}`;
    try {
      checkOutputPath(`${base}.myelin`, cwd, { flag: "--out", command: "train" });
      return checkOutputPath(`${base}.report.html`, cwd, {
        flag: "--report",
        command: "train",
      }).replace(/\.report\.html$/, ".myelin");
    } catch (e) {
      if (!(e instanceof UsageError) || !/already exists/.test(e.message)) throw e;
    }
  }
}

/** Every file the run writes and reads, by flag; --checkpoint may be the --resume file. */
export function trainFiles(
  config: Pick<TrainConfig, "data" | "resume" | "validation-data" | "test-data">,
  paths: OutputPaths,
  checkpoint: CheckpointPlan | null,
  cwd: string,
): CommandFiles {
  const outputs: NamedFile[] = [{ flag: "--out", path: paths.model }];
  if (paths.report) outputs.push({ flag: "--report", path: paths.report });
  if (checkpoint) outputs.push({ flag: "--checkpoint", path: checkpoint.path });
  const inputs = dataFiles(config.data, cwd).map((path) => ({ flag: "--data", path }));
  const holdouts: NamedFile[] = [];
  for (const flag of ["--validation-data", "--test-data"] as const) {
    const spec = config[flag === "--test-data" ? "test-data" : "validation-data"];
    if (spec !== undefined) holdouts.push({ flag, path: resolve(cwd, spec) });
  }
  refuseSharedHoldouts([...inputs, ...holdouts]);
  inputs.push(...holdouts);
  if (config.resume !== undefined)
    inputs.push({ flag: "--resume", path: resolve(cwd, config.resume) });
  return { command: "train", outputs, inputs, mayShare: [["--checkpoint", "--resume"]] };
}

/**
 * Holdout rows must be rows the model does not train on, and the test rows must not be the rows
 * early stopping chose the epoch on: --data, --validation-data and --test-data are three files.
 */
function refuseSharedHoldouts(files: NamedFile[]): void {
  files.forEach((a, i) => {
    for (const b of files.slice(0, i)) {
      if (a.path !== b.path) continue;
      throw new UsageError(
        `${a.flag} ${JSON.stringify(a.path)} is the ${b.flag} file; held-out rows must come from a file of their own`,
        "train",
      );
    }
  });
}

const IDX_FILE = /^(train|t10k)-(images-idx3|labels-idx1)-ubyte(\.gz)?$/;

/** The files a --data spec reads: none for synthetic sets, the IDX files of idx:DIR, the CSV. */
function dataFiles(spec: string, cwd: string): string[] {
  const kind = dataKind(spec);
  if (kind === "synthetic" || spec === "fashion-mnist") return [];
  if (kind === "csv") return [resolve(cwd, spec)];
  const dir = resolve(cwd, spec.slice(4));
  try {
    return readdirSync(dir)
      .filter((name) => IDX_FILE.test(name))
      .map((name) => join(dir, name));
  } catch {
    return []; // a missing directory is reported when the data is loaded
  }
}
