// `myelin train`: load → split → build → fit → write, each step in src/cli/train/. This file only
// composes them: paths (distinct, writable), stale temps and backend are settled before any data
// is read, so a bad flag fails fast. Exit 1 when an output could not be written as asked.
// Defaults train two spirals in seconds.
import { selectBackend } from "../backend.js";
import { csvNotes } from "../csv-file.js";
import { checkpointPlan } from "../checkpointing.js";
import { SIGINT_EXIT } from "../interrupt.js";
import { refuseSharedFiles } from "../output-files.js";
import { EXIT_ERROR, type Io } from "../output.js";
import { removeStaleTemps } from "../stale-temp-cleanup.js";
import { buildRun, chooseLoss } from "../train/build.js";
import { fitRun } from "../train/fit.js";
import { parseTrainConfig, TRAIN_HELP } from "../train/flags.js";
import { loadTrainingData } from "../train/load.js";
import { outputPaths, trainFiles } from "../train/paths.js";
import { splitData } from "../train/split.js";
import {
  firstLine,
  networkLine,
  preprocessingLine,
  trainingLine,
} from "../train/run-description.js";
import { printTrainSummary } from "../train/summary.js";
import { writeRun } from "../train/write.js";

export async function runTrain(argv: string[], stdio: Io): Promise<number> {
  const config = parseTrainConfig(argv);
  if (config === "help") {
    stdio.stdout(TRAIN_HELP);
    return 0;
  }
  const paths = outputPaths(config, stdio.cwd);
  const checkpoint = checkpointPlan(config, paths.model, stdio.cwd);
  const files = trainFiles(config, paths, checkpoint, stdio.cwd);
  refuseSharedFiles(files);
  await removeStaleTemps(
    files.outputs.map((f) => f.path),
    stdio,
    "train",
  );
  const backend = selectBackend(config.backend);
  const loaded = await loadTrainingData(config, stdio.cwd);
  const loss = chooseLoss(config.loss, loaded.all.task);
  const split = splitData(loaded, config);
  const run = buildRun(config, loaded, split, { loss, backend });
  const json = config.json === true;
  const log = json ? stdio.stderr : stdio.stdout;
  log(firstLine(loaded, split, backend));
  log(networkLine(run, run.scaler?.outputWidth ?? split.fit.x.shape[1])); // one-hot widens x
  log(trainingLine(run, config["no-early-stopping"] === true));
  log(preprocessingLine(config.preprocess));
  for (const note of csvNotes(loaded.all)) log(`${note}\n`);
  const outcome = await fitRun({ config, loaded, split, run, checkpoint }, stdio, log);
  const written = await writeRun(loaded, split, run, outcome, paths, stdio.cwd, {
    overwrite: config.overwrite === true,
  });
  printTrainSummary(stdio, json, { loaded, split, outcome, paths, written });
  for (const failure of written.failures) stdio.stderr(`myelin train: ${failure}\n`);
  if (written.failures.length > 0) return EXIT_ERROR;
  return outcome.interrupted ? SIGINT_EXIT : outcome.stopped ? 1 : 0;
}
