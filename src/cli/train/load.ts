// Train step 1 (load): seed the global generator, then read the --data source once (a CSV file
// streams through one parser; synthetic sets are drawn with the run's seed).
import { seed as seedGlobal } from "../../node/index.js";
import { loadData, type LoadedData } from "../data-source.js";
import type { TrainConfig } from "./flags.js";

export async function loadTrainingData(config: TrainConfig, cwd: string): Promise<LoadedData> {
  seedGlobal(config.seed);
  return loadData(config.data, cwd, {
    seed: config.seed,
    target: config.target,
    task: config.task,
    samples: config.samples,
    noise: config.noise,
  });
}
