// W3: inference throughput of a 784-256-128-10 ReLU MLP (logits out), batch 1024, samples/s.
// Myelin: train.predict on an nn.sequential model; tfjs: tidy'd forward + dataSync.
import { fromData } from "../../src/node/index.js";
import { denseInit, normalInputs } from "../data.js";
import { MyelinMlp } from "../myelin-mlp.js";
import { loadTf, TfMlp, type TfBackend } from "../peers/tfjs.js";
import { timePerCall } from "../timing.js";
import { budget, useMyelinBackend, type Measure, type MyelinBackend } from "./common.js";

const SIZES = [784, 256, 128, 10];
const BATCH = 1024;

export const mlpInferImpls: Record<string, Measure> = {
  "myelin-js": (quick) => myelinInfer("js", quick),
  "myelin-wasm": (quick) => myelinInfer("wasm", quick),
  "myelin-wasm-2t": (quick) => myelinInfer("wasm-2t", quick),
  "myelin-native": (quick) => myelinInfer("native", quick),
  "tfjs-cpu": (quick) => tfInfer("cpu", quick),
  "tfjs-wasm": (quick) => tfInfer("wasm", quick),
};

async function myelinInfer(backend: MyelinBackend, quick: boolean): Promise<number> {
  useMyelinBackend(backend);
  const x = fromData(normalInputs(BATCH, SIZES[0]), [BATCH, SIZES[0]]);
  const model = new MyelinMlp(SIZES, "relu", "none");
  const ms = timePerCall(() => void model.predict(x), { budgetMs: budget(quick) });
  return BATCH / (ms / 1000);
}

async function tfInfer(backend: TfBackend, quick: boolean): Promise<number> {
  const tf = await loadTf(backend);
  const x = normalInputs(BATCH, SIZES[0]);
  const model = new TfMlp(tf, SIZES, denseInit(SIZES), "relu", "none", 0.1);
  const ms = timePerCall(() => void model.predict(x, BATCH), { budgetMs: budget(quick) });
  return BATCH / (ms / 1000);
}
