// brain.js 1.6.1 (CommonJS, no type declarations): the slice of its API the benchmark uses.
// Its NeuralNetwork trains one sample at a time (SGD with momentum) on squared error, with one
// activation for every layer; the closest match to W1b is hiddenLayers [16, 16], tanh.
import { createRequire } from "node:module";

interface BrainSample {
  input: number[];
  output: number[];
}
interface BrainNet {
  train(
    data: BrainSample[],
    options: { iterations: number; errorThresh: number; learningRate: number; log: boolean },
  ): { iterations: number; error: number };
}
interface BrainModule {
  NeuralNetwork: new (options: { hiddenLayers: number[]; activation: string }) => BrainNet;
}

export function loadBrain(): BrainModule {
  return createRequire(import.meta.url)("brain.js") as BrainModule;
}

export type { BrainNet, BrainSample };
