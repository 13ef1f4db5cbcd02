// `myelin lab losses`: the article's three loss families, each on a task it fits — regression
// with outliers (MSE vs L1 vs Huber vs smooth L1), classification (cross-entropy = NLL of
// log-softmax; multi-class hinge), and a siamese embedding trained on pairs (L1 hinge, hinge on
// the L2 distance, cosine embedding). Not a benchmark of losses in general: one seed, small sets.
import { gaussianBlobs } from "../../data/synthetic.js";
import { crossEntropy } from "../../losses/cross-entropy.js";
import { cosineEmbedding } from "../../losses/cosine-embedding.js";
import { hingeEmbedding } from "../../losses/hinge-embedding.js";
import { huber } from "../../losses/huber.js";
import { l1 } from "../../losses/l1.js";
import { l1HingeEmbedding } from "../../losses/l1-hinge-embedding.js";
import { mse } from "../../losses/mse.js";
import { multiMargin } from "../../losses/multi-margin.js";
import { nll } from "../../losses/nll.js";
import { smoothL1 } from "../../losses/smooth-l1.js";
import { noGrad } from "../../autograd/no-grad.js";
import { tanh } from "../../nn/activations.js";
import { linear, sequential } from "../../nn/layers.js";
import type { Module } from "../../nn/module.js";
import { adam } from "../../optim/adam.js";
import { logSoftmax } from "../../ops/softmax.js";
import { Random } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import type { Experiment, LabOptions, LabResult, LabVerdict } from "../experiment.js";
import { lineChart } from "../svg.js";

type Loss = (prediction: Tensor, target: Tensor) => Tensor;

/** Train `model` with Adam for `steps` full-batch steps; returns the loss per step. */
function fitSteps(model: Module, lr: number, steps: number, loss: () => Tensor): number[] {
  const opt = adam(model.parameters(), { lr });
  const curve: number[] = [];
  for (let step = 0; step < steps; step++) {
    opt.zeroGrad();
    const l = loss();
    curve.push(l.item());
    l.backward();
    opt.step();
  }
  return curve;
}

// ── regression ────────────────────────────────────────────────────────────────────────────

const TRUE_W = 2;
const TRUE_B = 1;

/** y = 2x + 1 + N(0, 0.1²) on x ~ U(−1, 1), with every 10th target moved up by 10 (outliers). */
function outlierLine(n: number, rng: Random): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 2 * rng.uniform() - 1;
    y[i] = TRUE_W * x[i] + TRUE_B + 0.1 * rng.normal() + (i % 10 === 0 ? 10 : 0);
  }
  return { x: new Tensor(x, [n, 1]), y: new Tensor(y, [n, 1]) };
}

const REGRESSION_LOSSES: [string, Loss][] = [
  ["mse", (p, t) => mse(p, t)],
  ["l1", (p, t) => l1(p, t)],
  ["huber", (p, t) => huber(p, t)],
  ["smoothL1", (p, t) => smoothL1(p, t)],
];

/** |w − 2| + |b − 1| of a line fitted with each loss. */
function regression(options: LabOptions): Record<string, { error: number; curve: number[] }> {
  const { x, y } = outlierLine(options.quick ? 100 : 400, new Random(options.seed));
  const out: Record<string, { error: number; curve: number[] }> = {};
  for (const [name, loss] of REGRESSION_LOSSES) {
    const model = linear(1, 1, { generator: new Random(options.seed) });
    const curve = fitSteps(model, 0.05, options.quick ? 400 : 1000, () =>
      loss(model.forward(x), y),
    );
    const [w, b] = [model.parameters()[0].data[0], model.parameters()[1].data[0]];
    out[name] = { error: Math.abs(w - TRUE_W) + Math.abs(b - TRUE_B), curve };
  }
  return out;
}

// ── classification ────────────────────────────────────────────────────────────────────────

function accuracy(logits: Tensor, y: Tensor): number {
  const [n, c] = logits.shape;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (logits.data[i * c + k] > logits.data[i * c + best]) best = k;
    if (best === y.data[i]) correct++;
  }
  return correct / n;
}

interface Classification {
  /** max |crossEntropy − nll(logSoftmax)| over the training run, values and gradients. */
  ceNllGap: number;
  accuracy: Record<string, number>;
}

/** Three Gaussian blobs: cross-entropy, NLL on log-softmax and multi-class hinge, same init. */
function classification(options: LabOptions): Classification {
  const ds = gaussianBlobs({ n: options.quick ? 150 : 300, k: 3, std: 1.5, seed: options.seed });
  const losses: [string, Loss][] = [
    ["crossEntropy", (z, t) => crossEntropy(z, t)],
    ["nll(logSoftmax)", (z, t) => nll(logSoftmax(z, -1), t)],
    ["multiMargin (hinge)", (z, t) => multiMargin(z, t)],
  ];
  const curves: Record<string, number[]> = {};
  const acc: Record<string, number> = {};
  for (const [name, loss] of losses) {
    const model = sequential(
      linear(2, 16, { generator: new Random(options.seed) }),
      tanh(),
      linear(16, 3, { generator: new Random(options.seed + 1) }),
    );
    curves[name] = fitSteps(model, 0.02, options.quick ? 150 : 400, () =>
      loss(model.forward(ds.x), ds.y),
    );
    acc[name] = noGrad(() => accuracy(model.forward(ds.x), ds.y));
  }
  const a = curves["crossEntropy"];
  const b = curves["nll(logSoftmax)"];
  const ceNllGap = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  return { ceNllGap, accuracy: acc };
}

// ── embedding (siamese) ───────────────────────────────────────────────────────────────────

interface Pairs {
  x1: Tensor;
  x2: Tensor;
  /** +1 same blob (similar), −1 different blobs (dissimilar). */
  y: Tensor;
}

/** Random pairs; similar when the two blobs share a class, class = blob mod 2 (so a class is two
 * distant blobs: raw distance does not tell similar from dissimilar, the embedding must learn it). */
function pairs(x: Tensor, blobs: Tensor, count: number, rng: Random): Pairs {
  const [n, d] = x.shape;
  const x1 = new Float32Array(count * d);
  const x2 = new Float32Array(count * d);
  const y = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    const i = rng.int(n);
    const j = rng.int(n);
    x1.set(x.data.subarray(i * d, (i + 1) * d), p * d);
    x2.set(x.data.subarray(j * d, (j + 1) * d), p * d);
    y[p] = blobs.data[i] % 2 === blobs.data[j] % 2 ? 1 : -1;
  }
  return {
    x1: new Tensor(x1, [count, d]),
    x2: new Tensor(x2, [count, d]),
    y: new Tensor(y, [count]),
  };
}

type Similarity = (e1: Tensor, e2: Tensor) => Tensor;
const l1Distance: Similarity = (e1, e2) => e1.sub(e2).abs().sum(-1).neg();
const l2Distance: Similarity = (e1, e2) => e1.sub(e2).square().sum(-1).add(1e-12).sqrt().neg();
const cosine: Similarity = (e1, e2) =>
  e1
    .mul(e2)
    .sum(-1)
    .div(e1.square().sum(-1).mul(e2.square().sum(-1)).add(1e-12).sqrt());

/** Fraction of (similar, dissimilar) pair combinations ranked right by `similarity` (AUC). */
function pairRanking(s: Tensor, y: Tensor): number {
  const sim: number[] = [];
  const dis: number[] = [];
  for (let i = 0; i < y.size; i++) (y.data[i] === 1 ? sim : dis).push(s.data[i]);
  let right = 0;
  for (const a of sim) for (const b of dis) right += a > b ? 1 : a === b ? 0.5 : 0;
  return right / (sim.length * dis.length);
}

interface EmbeddingRun {
  before: number;
  after: number;
  curve: number[];
}

function embedding(options: LabOptions): Record<string, EmbeddingRun> {
  const ds = gaussianBlobs({ n: 200, k: 4, dim: 4, std: 1.5, seed: options.seed });
  const rng = new Random(options.seed);
  const train = pairs(ds.x, ds.y, options.quick ? 300 : 1000, rng);
  const test = pairs(ds.x, ds.y, 400, rng);
  const setups: [string, Similarity, (e1: Tensor, e2: Tensor, y: Tensor) => Tensor][] = [
    ["l1HingeEmbedding", l1Distance, (e1, e2, y) => l1HingeEmbedding(e1, e2, y, { margin: 2 })],
    [
      "hingeEmbedding (L2 distance)",
      l2Distance,
      (e1, e2, y) => hingeEmbedding(l2Distance(e1, e2).neg(), y, { margin: 2 }),
    ],
    ["cosineEmbedding", cosine, (e1, e2, y) => cosineEmbedding(e1, e2, y)],
  ];
  const out: Record<string, EmbeddingRun> = {};
  for (const [name, similarity, loss] of setups) {
    const generator = new Random(options.seed);
    const net = sequential(linear(4, 16, { generator }), tanh(), linear(16, 3, { generator }));
    const rank = () =>
      noGrad(() => pairRanking(similarity(net.forward(test.x1), net.forward(test.x2)), test.y));
    const before = rank();
    const curve = fitSteps(net, 0.01, options.quick ? 150 : 400, () =>
      loss(net.forward(train.x1), net.forward(train.x2), train.y),
    );
    out[name] = { before, after: rank(), curve };
  }
  return out;
}

// ── the experiment ────────────────────────────────────────────────────────────────────────

function verdicts(
  reg: Record<string, { error: number }>,
  cls: Classification,
  emb: Record<string, EmbeddingRun>,
): LabVerdict[] {
  const mseError = reg.mse.error;
  const robust = ["l1", "huber", "smoothL1"].filter((k) => reg[k].error < mseError / 3);
  const ce = cls.accuracy["crossEntropy"];
  const hinge = cls.accuracy["multiMargin (hinge)"];
  const separated = Object.entries(emb).filter(([, r]) => r.after >= 0.9 && r.after > r.before);
  const fmt = (x: number) => x.toFixed(3);
  return [
    {
      claim: "L1 and Huber losses are robust to outliers; MSE is pulled by them",
      supported: robust.length === 3 ? true : robust.length > 0 ? "partly" : false,
      because:
        `|w − 2| + |b − 1| with 10% outliers: ` +
        Object.entries(reg)
          .map(([k, r]) => `${k} ${fmt(r.error)}`)
          .join(", ") +
        ` (robust = below a third of MSE's: ${robust.join(", ") || "none"})`,
    },
    {
      claim: "Cross-entropy on logits is NLL on log-softmax",
      supported: cls.ceNllGap <= 1e-5,
      because: `largest gap between the two loss curves over training: ${cls.ceNllGap.toExponential(1)}`,
    },
    {
      claim: "A hinge (margin) loss trains a classifier as well as cross-entropy",
      supported: hinge >= ce - 0.05 ? true : hinge >= ce - 0.15 ? "partly" : false,
      because: `training accuracy on 3 blobs: cross-entropy ${fmt(ce)}, multi-class hinge ${fmt(hinge)}`,
    },
    {
      claim: "Embedding losses on pairs make similar pairs closer than dissimilar ones",
      supported: separated.length === 3 ? true : separated.length > 0 ? "partly" : false,
      because:
        `held-out pairs ranked right (AUC), before → after: ` +
        Object.entries(emb)
          .map(([k, r]) => `${k} ${fmt(r.before)} → ${fmt(r.after)}`)
          .join(", "),
    },
  ];
}

export const lossesLab: Experiment = {
  name: "losses",
  summary: "regression, classification and embedding losses, each on a task it fits",
  async run(options: LabOptions): Promise<LabResult> {
    const reg = regression(options);
    const cls = classification(options);
    const emb = embedding(options);
    const measurements: Record<string, number> = { ceNllGap: cls.ceNllGap };
    for (const [k, r] of Object.entries(reg)) measurements[`regression.${k}.paramError`] = r.error;
    for (const [k, a] of Object.entries(cls.accuracy))
      measurements[`classification.${k}.accuracy`] = a;
    for (const [k, r] of Object.entries(emb)) {
      measurements[`embedding.${k}.aucBefore`] = r.before;
      measurements[`embedding.${k}.aucAfter`] = r.after;
    }
    const chart = (title: string, runs: Record<string, { curve: number[] }>, logY: boolean) =>
      lineChart(
        {
          title,
          xLabel: "step",
          yLabel: "training loss",
          logY,
          xTicks: Object.values(runs)[0].curve.map((_, i) => i),
        },
        Object.entries(runs).map(([name, r]) => ({ name, values: r.curve })),
      );
    return {
      name: "losses",
      claim:
        "Each loss family fits its task: robust regression losses resist outliers, cross-entropy " +
        "is NLL of log-softmax, hinge losses classify, embedding losses separate similar from dissimilar pairs",
      conditions:
        `seed ${options.seed}; Adam; regression y = 2x + 1 + N(0, 0.1²), every 10th target +10, one Linear; ` +
        `classification 3 Gaussian blobs (std 1.5), 2→16→3 tanh; embedding 4 blobs in 4-D (std 1.5), 4→16→3 tanh ` +
        `siamese net on random pairs (similar = blobs of the same parity), margin 2 for the hinge losses; ` +
        `${options.quick ? "quick" : "full"} run`,
      tables: [
        {
          title: "Regression with 10% outliers: error of the fitted line",
          columns: ["loss", "|w − 2| + |b − 1|"],
          rows: Object.entries(reg).map(([k, r]) => [k, r.error]),
        },
        {
          title: "Classification on 3 blobs",
          columns: ["loss", "training accuracy"],
          rows: Object.entries(cls.accuracy).map(([k, a]) => [k, a]),
        },
        {
          title: "Siamese embedding: held-out pairs ranked right (AUC)",
          columns: ["loss", "before training", "after training"],
          rows: Object.entries(emb).map(([k, r]) => [k, r.before, r.after]),
        },
      ],
      plots: [
        {
          title: "Regression loss curves",
          svg: chart("Regression with outliers", reg, true),
        },
        {
          title: "Embedding loss curves",
          svg: chart("Siamese embedding", emb, false),
        },
      ],
      verdicts: verdicts(reg, cls, emb),
      measurements,
    };
  },
};
