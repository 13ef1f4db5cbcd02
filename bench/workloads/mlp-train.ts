// W1 / W1b: training throughput of a tiny MLP 2-16-16-1 (tanh hidden, sigmoid output, BCE,
// plain SGD η = 0.1) on the XOR-quadrant task, in samples/s. W1 uses batch 16, W1b batch 1.
// Myelin: nn.sequential + losses.bce + optim.sgd (bench/myelin-mlp.ts); tfjs: the same ops.
// brain.js and synaptic only train one sample at a time, so they appear in W1b only; brain.js
// uses tanh on the output too and squared error (its only options), synaptic the same net.
import { denseInit, xorData } from "../data.js";
import { MyelinMlp } from "../myelin-mlp.js";
import { loadBrain, type BrainSample } from "../peers/brain.js";
import { loadSynaptic } from "../peers/synaptic.js";
import { loadTf, TfMlp, type TfBackend } from "../peers/tfjs.js";
import { timePerCall } from "../timing.js";
import { budget, useMyelinBackend, type Measure } from "./common.js";

const SIZES = [2, 16, 16, 1];
const LR = 0.1;
/** Samples per timed call (one pass over this many samples). */
const EPOCH = 256;

export function mlpTrainImpls(batch: number): Record<string, Measure> {
  const impls: Record<string, Measure> = {
    "myelin-js": (quick) => myelinTrain("js", batch, quick),
    "myelin-wasm": (quick) => myelinTrain("wasm", batch, quick),
    "tfjs-cpu": (quick) => tfTrain("cpu", batch, quick),
    "tfjs-wasm": (quick) => tfTrain("wasm", batch, quick),
  };
  if (batch === 1) {
    impls["brain.js"] = brainTrain;
    impls["synaptic"] = synapticTrain;
  }
  return impls;
}

/** samples/s when one call of `epoch` processes EPOCH samples. */
function throughput(epoch: () => void, quick: boolean): number {
  return EPOCH / (timePerCall(epoch, { budgetMs: budget(quick) }) / 1000);
}

async function myelinTrain(backend: "js" | "wasm", batch: number, quick: boolean) {
  useMyelinBackend(backend);
  const data = xorData(EPOCH);
  const model = new MyelinMlp(SIZES, "tanh", "sigmoid", { name: "sgd", lr: LR });
  return throughput(() => {
    for (let i = 0; i < EPOCH; i += batch) {
      const x = data.x.subarray(2 * i, 2 * (i + batch));
      const y = data.y.subarray(i, i + batch);
      model.trainStepBce(x, y, batch);
    }
  }, quick);
}

async function tfTrain(backend: TfBackend, batch: number, quick: boolean) {
  const tf = await loadTf(backend);
  const data = xorData(EPOCH);
  const model = new TfMlp(tf, SIZES, denseInit(SIZES), "tanh", "sigmoid", LR);
  return throughput(() => {
    for (let i = 0; i < EPOCH; i += batch) {
      const x = data.x.subarray(2 * i, 2 * (i + batch));
      const y = data.y.subarray(i, i + batch);
      model.trainStep(x, y, batch);
    }
  }, quick);
}

async function brainTrain(quick: boolean) {
  const brain = loadBrain();
  const data = xorData(EPOCH);
  const samples: BrainSample[] = [];
  for (let i = 0; i < EPOCH; i++) {
    samples.push({ input: [data.x[2 * i], data.x[2 * i + 1]], output: [data.y[i]] });
  }
  const net = new brain.NeuralNetwork({ hiddenLayers: [16, 16], activation: "tanh" });
  const options = { iterations: 1, errorThresh: 1e-9, learningRate: LR, log: false };
  return throughput(() => void net.train(samples, options), quick);
}

async function synapticTrain(quick: boolean) {
  const synaptic = loadSynaptic();
  const data = xorData(EPOCH);
  const net = new synaptic.Architect.Perceptron(2, 16, 16, 1);
  for (const layer of net.layers.hidden) layer.set({ squash: synaptic.Neuron.squash.TANH });
  const inputs: number[][] = [];
  for (let i = 0; i < EPOCH; i++) inputs.push([data.x[2 * i], data.x[2 * i + 1]]);
  return throughput(() => {
    for (let i = 0; i < EPOCH; i++) {
      net.activate(inputs[i]);
      net.propagate(LR, [data.y[i]]);
    }
  }, quick);
}
