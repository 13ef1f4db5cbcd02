// W2: Fashion-MNIST training, MLP 784-256-128-10 (ReLU), softmax cross-entropy, Adam lr 1e-3,
// batch 128, 1 epoch over the 60 000 training images (shuffled), then accuracy on the 10 000
// test images. Throughput = 60 000 / wall time of the epoch (JIT warm-up included, as a user
// sees it; data loading excluded). Every library starts from its own default initialisation.
//   Myelin: nn.sequential + train.fit({ loss: "crossEntropy", optimizer: optim.adam }) +
//           train.evaluate — the public API.
//   tfjs:   tf.sequential of dense layers (softmax last) + model.fit with
//           sparseCategoricalCrossentropy and tf.train.adam(1e-3).
// tfjs-cpu needs minutes for an epoch, so it trains on the first CPU_ROWS rows only (same
// batches; its accuracy is not reported) and is skipped under --quick.
// W2-memory trains Myelin for N epochs and reports RSS after each.
import type * as TF from "@tensorflow/tfjs";
import { data, nn, optim, seed, train, type Tensor } from "../../src/node/index.js";
import { loadTf, type TfBackend } from "../peers/tfjs.js";
import { peakRssMiB } from "../result.js";
import { useMyelinBackend, type Measure, type MyelinBackend } from "./common.js";

const SIZES = [784, 256, 128, 10];
const BATCH = 128;
const LR = 1e-3;
const CPU_ROWS = 40 * BATCH;

export const fashionImpls: Record<string, Measure> = {
  "myelin-wasm": (quick) => myelinFashion("wasm", quick),
  "myelin-wasm-2t": (quick) => myelinFashion("wasm-2t", quick),
  "myelin-native": (quick) => myelinFashion("native", quick),
  "tfjs-cpu": (quick) => tfFashion("cpu", quick),
  "tfjs-wasm": (quick) => tfFashion("wasm", quick),
};

/** The data set's size as float32 (x and y of train and test), MiB: the memory target's base. */
export function datasetMiB(sets: { x: Tensor; y: Tensor }[]): number {
  let elements = 0;
  for (const s of sets) elements += s.x.size + s.y.size;
  return (4 * elements) / 2 ** 20;
}

function myelinModel(): nn.Sequential {
  seed(1);
  return nn.sequential(
    nn.linear(SIZES[0], SIZES[1]),
    nn.relu(),
    nn.linear(SIZES[1], SIZES[2]),
    nn.relu(),
    nn.linear(SIZES[2], SIZES[3]),
  );
}

async function loadData(quick: boolean) {
  const sets = await data.loadFashionMnist();
  if (!quick) return sets;
  // --quick: a tenth of the training set (the test set stays whole)
  const rows = 6000;
  return {
    train: { ...sets.train, x: sets.train.x.slice(0, 0, rows), y: sets.train.y.slice(0, 0, rows) },
    test: sets.test,
  };
}

async function myelinFashion(backend: MyelinBackend, quick: boolean) {
  useMyelinBackend(backend);
  const { train: trainSet, test } = await loadData(quick);
  const model = myelinModel();
  const optimizer = optim.adam(model.parameters(), { lr: LR });
  const n = trainSet.x.shape[0];
  const t0 = performance.now();
  await train.fit(model, trainSet, {
    loss: "crossEntropy",
    optimizer,
    epochs: 1,
    batchSize: BATCH,
    seed: 1,
  });
  const seconds = (performance.now() - t0) / 1000;
  const logs = train.evaluate(model, test, {
    loss: "crossEntropy",
    metrics: ["accuracy"],
    batchSize: 1000,
  });
  return { value: n / seconds, accuracy: logs.accuracy };
}

async function tfFashion(backend: TfBackend, quick: boolean) {
  if (backend === "cpu" && quick) {
    return { skip: "tfjs-cpu W2 skipped under --quick (minutes per epoch)" };
  }
  const tf = await loadTf(backend);
  const { train: trainSet, test } = await loadData(quick);
  const rows = backend === "cpu" ? CPU_ROWS : trainSet.x.shape[0];
  const x = tf.tensor2d(trainSet.x.data.subarray(0, rows * SIZES[0]) as Float32Array, [
    rows,
    SIZES[0],
  ]);
  const y = tf.tensor1d(trainSet.y.data.subarray(0, rows) as Float32Array);
  const model = tfModel(tf);
  const t0 = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - t0) / 1000;
  let accuracy: number | undefined;
  if (backend !== "cpu") {
    const predicted = tf.tidy(() => {
      const xt = tf.tensor2d(test.x.data as Float32Array, [test.x.shape[0], SIZES[0]]);
      return (model.predict(xt) as TF.Tensor2D).argMax(1);
    });
    const classes = predicted.dataSync();
    let right = 0;
    for (let i = 0; i < classes.length; i++) right += +(classes[i] === test.y.data[i]);
    accuracy = right / classes.length;
    predicted.dispose();
  }
  return {
    value: rows / seconds,
    accuracy,
    note: backend === "cpu" ? `first ${rows} rows only (1 partial epoch)` : undefined,
  };
}

function tfModel(tf: typeof TF): TF.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [SIZES[0]], units: SIZES[1], activation: "relu" }),
      tf.layers.dense({ units: SIZES[2], activation: "relu" }),
      tf.layers.dense({ units: SIZES[3], activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LR), loss: "sparseCategoricalCrossentropy" });
  return model;
}

/** Myelin on W2 for `epochs` epochs: RSS (MiB) after each, growth after epoch 2, peak. */
export async function fashionMemory(
  epochs: number,
  quick: boolean,
  log: (line: string) => void,
): Promise<{
  rssMiB: number[];
  datasetMiB: number;
  peakMiB: number;
  trainingPeakMiB: number;
  steadyPeakMiB: number;
  samplesPerSecond: number;
}> {
  const { train: trainSet, test } = await loadData(quick);
  const model = myelinModel();
  const rssMiB: number[] = [];
  // the process peak includes reading the gzip files; the training peak is sampled after every
  // batch (no gc() calls: the loader's garbage counts until V8 collects it); the steady peak
  // only from epoch 2 on
  let trainingPeak = 0;
  let steadyPeak = 0;
  let currentEpoch = 0;
  const t0 = performance.now();
  await train.fit(model, trainSet, {
    loss: "crossEntropy",
    optimizer: optim.adam(model.parameters(), { lr: LR }),
    epochs,
    batchSize: BATCH,
    seed: 1,
    callbacks: [
      {
        onEpochBegin(epoch) {
          currentEpoch = epoch;
        },
        onBatchEnd() {
          const rss = process.memoryUsage.rss();
          trainingPeak = Math.max(trainingPeak, rss);
          if (currentEpoch >= 1) steadyPeak = Math.max(steadyPeak, rss);
        },
        onEpochEnd(epoch, logs) {
          const m = process.memoryUsage();
          const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
          rssMiB.push(m.rss / 2 ** 20);
          log(
            `epoch ${epoch + 1}: loss ${logs.loss.toFixed(4)}, RSS ${mib(m.rss)} MiB (JS heap ${mib(m.heapUsed)}, array buffers ${mib(m.arrayBuffers)})`,
          );
        },
      },
    ],
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    rssMiB,
    datasetMiB: datasetMiB([trainSet, test]),
    peakMiB: peakRssMiB(),
    trainingPeakMiB: trainingPeak / 2 ** 20,
    steadyPeakMiB: steadyPeak / 2 ** 20,
    samplesPerSecond: (epochs * trainSet.x.shape[0]) / seconds,
  };
}
