#!/usr/bin/env node
// The `myelin` command: dispatch to train / evaluate / predict / inspect, print errors as one
// line (stack with --verbose) and exit 0 (ok), 1 (error) or 2 (usage). As a process, its stdout
// and stderr are guarded (process-io.ts): a closed or full stream stops printing, never the run.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { closest } from "./args.js";
import { runEvaluate } from "./commands/evaluate.js";
import { runExport } from "./commands/export.js";
import { runInfo } from "./commands/info.js";
import { runInspect } from "./commands/inspect.js";
import { runLab } from "./commands/lab.js";
import { runPlayground } from "./commands/playground.js";
import { runPredict } from "./commands/predict.js";
import { runTrain } from "./commands/train.js";
import { EXIT_USAGE, reportError, UsageError, type Io } from "./output.js";
import { guardedProcessIo, settleStreams } from "./process-io.js";

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  train: runTrain,
  evaluate: runEvaluate,
  predict: runPredict,
  inspect: runInspect,
  export: runExport,
  lab: runLab,
  playground: runPlayground,
  info: runInfo,
};

const MAIN_HELP = `Usage: myelin <command> [options]

Commands:
  train      train a network on built-in, CSV or IDX data; writes a model file and an HTML report
  evaluate   score a model file on data (loss, accuracy, F1, confusion matrix, MAE/RMSE/R²)
  predict    predict the rows of a CSV file; writes CSV (label and probabilities)
  inspect    show a model file's architecture, parameters, labels and training summary
  export     write a model as ONNX, or as safetensors weights with a PyTorch snippet
  lab        measure one of the article's claims (myelin lab lists them; --quick, --out FILE.html)
  playground serve the browser playground on 127.0.0.1 and open it (--port N, --no-open)
  info       show the version, the active backend and why, BLAS, CPU features and Node

Run \`myelin <command> --help\` for a command's options. \`myelin train\` alone trains two spirals.
Exit codes: 0 ok, 1 error, 2 usage. A closed stdout (| head) ends printing, not the command;
a full one (ENOSPC) makes exit code 0 a 1.
`;

/** Run the CLI on argv (without node and script); returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const verbose = rest.includes("--verbose") || argv.includes("--verbose");
  const json = rest.includes("--json");
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(MAIN_HELP);
      return command === undefined ? EXIT_USAGE : 0;
    }
    if (command === "--version") {
      io.stdout("myelin 0.1.0\n");
      return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (run === undefined) {
      const hint = closest(command, Object.keys(COMMANDS));
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}${hint ? ` (did you mean ${hint}?)` : ""}; commands: ${Object.keys(COMMANDS).join(", ")}`,
        "",
      );
    }
    return await run(rest, io);
  } catch (e) {
    const name = command !== undefined && Object.hasOwn(COMMANDS, command) ? command : "";
    return reportError(io, e, name, { verbose, json });
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const guarded = guardedProcessIo(process.stdout, process.stderr, process.cwd());
  main(process.argv.slice(2), guarded.io)
    .catch((e: unknown) => {
      guarded.io.stderr(`myelin: internal error: ${String(e)}\n`);
      return 1;
    })
    .then(async (code) => {
      await new Promise((done) => setImmediate(done)); // let a last write's error arrive
      process.exitCode = settleStreams(guarded, code);
    });
}
