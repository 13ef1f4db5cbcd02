// The playground's data and job building under Node: each data set's task, head, loss and shapes;
// extra features checked against their formulas on every row; the seeded split; the optimizer,
// penalty and clipping options; and the CSV reader's meanings and its one-sentence errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCsvPoints, CsvInputError } from "../../playground/src/data/csv.js";
import { buildJob, optimizerSpec } from "../../playground/src/job.js";
import { DATASETS, DEFAULT_SETUP, type Setup } from "../../playground/src/setup.js";

const setupOf = (patch: Partial<Setup>): Setup => ({ ...DEFAULT_SETUP, ...patch });

test("the default setup: circles, 200 points split 100/100, one logit with bceWithLogits", () => {
  const { job, train, test: held, set, outputs } = buildJob(DEFAULT_SETUP);
  assert.equal(set.task, "binary");
  assert.equal(outputs, 1);
  assert.equal(job.loss, "bceWithLogits");
  assert.deepEqual(job.network, {
    inFeatures: 2,
    hidden: [4, 2],
    outFeatures: 1,
    activation: "tanh",
    batchNorm: false,
    dropout: 0,
  });
  assert.deepEqual(job.train.x.shape, [100, 2]);
  assert.deepEqual(job.train.y.shape, [100, 1]);
  assert.deepEqual(job.test?.x.shape, [100, 2]);
  assert.equal(train.targets.length + held.targets.length, 200);
  assert.deepEqual(job.optimizer, { name: "sgd", lr: 0.03 });
  assert.deepEqual(job.metrics, ["accuracy"]);
  assert.equal(job.batchSize, 10);
  assert.equal(job.seed, 1);
  for (const key of ["l1", "l2", "clipNorm", "clipValue"]) assert.ok(!(key in job), key);
});

test("every generated data set: the head and loss fit its task, points lie in [−1, 1]", () => {
  for (const dataset of DATASETS.filter((d) => d !== "csv")) {
    const { job, set } = buildJob(setupOf({ dataset, classes: 4, noise: 20, points: 120 }));
    const expected = {
      binary: { loss: "bceWithLogits", out: 1, yRank: 2 },
      multiclass: { loss: "crossEntropy", out: 4, yRank: 1 },
      regression: { loss: "mse", out: 1, yRank: 2 },
    }[set.task];
    assert.equal(job.loss, expected.loss, dataset);
    assert.equal(job.network.outFeatures, expected.out, dataset);
    assert.equal(job.train.y.shape.length, expected.yRank, dataset);
    assert.equal(set.targets.length, 120, dataset);
    for (const v of set.points) assert.ok(Math.abs(v) <= 1 + 1e-6, `${dataset}: ${v}`);
    if (set.task === "multiclass") {
      assert.deepEqual([...new Set(set.targets)].sort(), [0, 1, 2, 3], dataset);
    }
  }
  assert.equal(buildJob(setupOf({ dataset: "moons-multi", classes: 5 })).outputs, 5);
});

test("extra features: each input column is its formula of (x1, x2), row by row", () => {
  const { job } = buildJob(setupOf({ dataset: "moons", features: ["sinx2", "x1sq", "x1x2"] }));
  const [n, width] = job.train.x.shape;
  assert.equal(width, 5);
  assert.equal(job.network.inFeatures, 5);
  const x = job.train.x.data;
  for (let i = 0; i < n; i++) {
    const [x1, x2] = [x[i * 5], x[i * 5 + 1]];
    // columns follow EXTRA_FEATURES' order (x1sq, x2sq, x1x2, sinx1, sinx2), not the click order
    assert.ok(Math.abs(x[i * 5 + 2] - x1 * x1) < 1e-6);
    assert.ok(Math.abs(x[i * 5 + 3] - x1 * x2) < 1e-6);
    assert.ok(Math.abs(x[i * 5 + 4] - Math.sin(Math.PI * x2)) < 1e-6);
  }
});

test("a 1-D curve takes only x1's features; its targets are sin(π·x) without noise", () => {
  const pj = buildJob(setupOf({ dataset: "regress-1d", features: ["x1sq", "x2sq", "sinx2"] }));
  assert.equal(pj.set.dims, 1);
  assert.deepEqual(pj.features, ["x1sq"]);
  assert.deepEqual(pj.inputNames, ["x1", "x1²"]);
  assert.equal(pj.job.network.inFeatures, 2);
  // data.sine draws x ∈ [−π, π] and y = sin x; the page shows x/π
  for (let i = 0; i < pj.set.targets.length; i++) {
    assert.ok(Math.abs(pj.set.targets[i] - Math.sin(Math.PI * pj.set.points[i])) < 1e-5);
  }
});

test("AND: label 1 exactly where both coordinates are positive", () => {
  const { set } = buildJob(setupOf({ dataset: "and", points: 60 }));
  for (let i = 0; i < 60; i++) {
    const both = set.points[2 * i] > 0 && set.points[2 * i + 1] > 0;
    assert.equal(set.targets[i], both ? 1 : 0);
  }
});

test("the split: disjoint, complete, ⌈N·(1 − ratio)⌉ test rows, the same for the same seed", () => {
  const setup = setupOf({ dataset: "xor", points: 101, trainRatio: 0.7 });
  const a = buildJob(setup);
  assert.equal(a.test.targets.length, 31);
  assert.equal(a.train.targets.length, 70);
  const key = (p: Float32Array, i: number) => `${p[2 * i]},${p[2 * i + 1]}`;
  const all = new Set(Array.from({ length: 101 }, (_, i) => key(a.set.points, i)));
  const parts = [
    ...Array.from({ length: 70 }, (_, i) => key(a.train.points, i)),
    ...Array.from({ length: 31 }, (_, i) => key(a.test.points, i)),
  ];
  assert.equal(new Set(parts).size, 101);
  assert.deepEqual(new Set(parts), all);
  const b = buildJob(setup);
  assert.deepEqual(b.job.train.x.data, a.job.train.x.data);
  const c = buildJob({ ...setup, seed: 2 });
  assert.notDeepEqual(c.job.train.x.data, a.job.train.x.data);
});

test("optimizer choices map to the library's optimizers with PyTorch's option names", () => {
  assert.deepEqual(optimizerSpec("momentum", 0.1), { name: "sgd", lr: 0.1, momentum: 0.9 });
  assert.deepEqual(optimizerSpec("nesterov", 0.1), {
    name: "sgd",
    lr: 0.1,
    momentum: 0.9,
    nesterov: true,
  });
  for (const name of ["rmsprop", "adagrad", "adam", "adamw"] as const) {
    assert.deepEqual(optimizerSpec(name, 0.5), { name, lr: 0.5 });
  }
});

test("penalties and clipping reach the job only when on", () => {
  const norm = buildJob(setupOf({ l1: 0.01, l2: 0.002, clip: "norm", clipValue: 2 })).job;
  assert.equal(norm.l1, 0.01);
  assert.equal(norm.l2, 0.002);
  assert.equal(norm.clipNorm, 2);
  assert.ok(!("clipValue" in norm));
  const value = buildJob(setupOf({ clip: "value", clipValue: 0.5 })).job;
  assert.equal(value.clipValue, 0.5);
  assert.ok(!("clipNorm" in value));
});

test("dataset csv needs the file's points, and uses them as they are", () => {
  assert.throws(() => buildJob(setupOf({ dataset: "csv" })), /Pick or drop a CSV file first/);
  const { set } = readCsvPoints("a,b,label\n0,0,x\n1,1,y\n0,1,z\n1,0,x\n");
  const pj = buildJob(setupOf({ dataset: "csv", trainRatio: 0.5 }), set);
  assert.equal(pj.set, set);
  assert.equal(pj.job.loss, "crossEntropy");
  assert.equal(pj.job.network.outFeatures, 3);
});

test("CSV: text labels are classes in order of appearance; features scaled into [−1, 1]", () => {
  const csv = readCsvPoints("width,height,kind\n10,5,cat\n20,5,dog\n30,15,cat\n20,25,bird\n");
  assert.deepEqual(csv.columns, ["width", "height", "kind"]);
  assert.deepEqual(csv.set.labelNames, ["cat", "dog", "bird"]);
  assert.deepEqual([...csv.set.targets], [0, 1, 0, 2]);
  assert.equal(csv.set.task, "multiclass");
  // box: x ∈ [10, 30], y ∈ [5, 25]; mid (20, 15), half-side 10 → (x − 20)/10, (y − 15)/10
  assert.deepEqual([...csv.set.points], [-1, -1, 0, -1, 1, 0, 0, 1]);
  assert.match(csv.summary, /4 rows, 3 classes: cat, dog, bird/);
});

test("CSV: columns in different units are scaled each on its own", () => {
  // x ∈ [0, 2] (mid 1, half 1), y ∈ [100, 900] (mid 500, half 400)
  const { set } = readCsvPoints("cm,g,k\n0,100,a\n2,900,b\n1,500,a\n2,300,b\n");
  assert.deepEqual([...set.points], [-1, -1, 1, 1, 0, 0, 1, -0.5]);
});

test("CSV: integer targets with few values are classes; others a regression target", () => {
  const binary = readCsvPoints("x,y,t\n0,0,1\n1,0,0\n0,1,0\n1,1,1\n").set;
  assert.equal(binary.task, "binary");
  assert.deepEqual([...binary.targets], [1, 0, 0, 1]);
  const reg = readCsvPoints("x;y;price\n0;0;10\n1;0;20.5\n0;1;30\n1;1;15\n").set;
  assert.equal(reg.task, "regression");
  // (v − 20)/10
  assert.deepEqual([...reg.targets], [-1, 0.05, 1, -0.5].map(Math.fround));
});

test("CSV errors say what and where, in one sentence", () => {
  const cases: [string, RegExp][] = [
    ["", /data.csv is empty/],
    ["a,b\n1,2\n", /line 1: expected 3 columns \(feature 1, feature 2, target\), the header has 2/],
    ["a,b,c\n1,2,0\n1,2\n", /line 3: 2 fields, expected 3/],
    ["a,b,c\n1,2,0\n1,2,1\n1,1,0\n1,x,1\n", /line 5, column "b": "x" is not a number/],
    ["a,b,c\n1,2,0\n1,2,1\n1,1,0\n1,1.5e400,1\n", /overflows float32/],
    ["a,b,c\n1,2,0\n1,2,1\n1,1,0\n", /3 data rows; the playground takes 4–5000/],
    [
      "a,b,c\n1,2,k\n1,2,k\n1,1,k\n2,2,k\n",
      /column "c": 1 distinct labels; a class target needs 2–8/,
    ],
    ['a,b,c\n1,2,"unterminated\n', /quote/i],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => readCsvPoints(text, "data.csv"),
      (e: Error) => e instanceof CsvInputError && message.test(e.message),
      text,
    );
  }
  const many = "a,b,c\n" + Array.from({ length: 9 }, (_, i) => `${i},${i},L${i}`).join("\n");
  assert.throws(() => readCsvPoints(many), /9 distinct labels/);
});
