// A user's Node program against the installed tarball (import "myelin"): type-checked strictly
// under moduleResolution nodenext and bundler, then compiled and run by run.ts. It trains an
// iris-like 3-class problem and XOR, saves and loads the model through a file, and prints one
// JSON line that run.ts asserts on. It can only see the package, never the repo's sources.
import { readFileSync } from "node:fs";
import { data, io, nn, seed, tensor, train, losses, optim, type Tensor } from "myelin";

/** Row-wise argmax of logits [N, C] → class indices [N]. */
function argmaxRows(logits: Tensor): number[] {
  const [rows, cols] = logits.shape;
  const out: number[] = [];
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++)
      if (logits.data[i * cols + j] > logits.data[i * cols + best]) best = j;
    out.push(best);
  }
  return out;
}

/** Fraction of rows whose predicted class equals the label, computed here, not by Myelin. */
function accuracyOf(logits: Tensor, labels: Tensor): number {
  const predicted = argmaxRows(logits);
  let hits = 0;
  predicted.forEach((c, i) => (hits += c === labels.data[i] ? 1 : 0));
  return hits / predicted.length;
}

seed(1);
// iris-like: three Gaussian clusters in 4 dimensions, 75/25 split
const blobs = data.gaussianBlobs({ n: 300, k: 3, dim: 4, std: 1.5, seed: 5 });
const { train: trainSet, test: testSet } = data.trainTestSplit(blobs, {
  testFraction: 0.25,
  seed: 0,
  stratify: true,
});
const model = nn.sequential(nn.linear(4, 16), nn.tanh(), nn.linear(16, 3));
const history = await train.fit(model, trainSet, {
  loss: "crossEntropy",
  optimizer: { name: "adam", lr: 0.02 },
  epochs: 30,
  batchSize: 16,
  seed: 3,
});
const testAccuracy = accuracyOf(train.predict(model, testSet.x), testSet.y);

// save and load through a file; the loaded model must predict the same logits, bit for bit
await io.save(model, "blobs.myelin", { task: "multiclass", labelNames: ["a", "b", "c"] });
const { model: loaded, meta } = await io.load("blobs.myelin");
const before = Array.from(train.predict(model, testSet.x).data);
const after = Array.from(train.predict(loaded, testSet.x).data);
const sameAfterLoad = before.length > 0 && before.every((v, i) => Object.is(v, after[i]));

// XOR by hand: the README's loop
const x = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const t = tensor([[0], [1], [1], [0]]);
const xorNet = nn.sequential(nn.linear(2, 8), nn.tanh(), nn.linear(8, 1));
const opt = optim.adam(xorNet.parameters(), { lr: 0.05 });
for (let step = 0; step < 500; step++) {
  opt.zeroGrad();
  losses.bceWithLogits(xorNet.forward(x), t).backward();
  opt.step();
}
const xorPredicted = Array.from(xorNet.forward(x).data, (z) => (z > 0 ? 1 : 0));

// the types are real, not `any`: a wrong call is a compile error (tsc fails if it is not)
// @ts-expect-error io.save needs a path, not a number
if (Number.isNaN(0)) await io.save(model, 42);

console.log(
  JSON.stringify({
    firstLoss: history.get("loss")[0],
    lastLoss: history.last.loss,
    testAccuracy,
    testRows: testSet.x.shape[0],
    sameAfterLoad,
    labelNames: meta.labelNames,
    fileBytes: readFileSync("blobs.myelin").length,
    xorPredicted,
  }),
);
