// `myelin lab optimizers`: SGD, momentum, RMSprop, Adam and AdamW over a learning-rate grid on
// several synthetic tasks, to test "adaptive optimizers need less learning-rate tuning" by the
// width of each optimizer's good-learning-rate band. Not a tuning tool: one seed, fixed budget.
import { circles, moons, twoSpirals } from "../../data/synthetic.js";
import type { Dataset } from "../../data/dataset.js";
import { tanh } from "../../nn/activations.js";
import { linear, sequential } from "../../nn/layers.js";
import type { Module } from "../../nn/module.js";
import { adam } from "../../optim/adam.js";
import { adamw } from "../../optim/adamw.js";
import type { Optimizer } from "../../optim/optimizer.js";
import { rmsprop } from "../../optim/rmsprop.js";
import { sgd } from "../../optim/sgd.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Random } from "../../tensor/random.js";
import type { Experiment, LabOptions, LabResult, LabTable, LabVerdict } from "../experiment.js";
import { lineChart } from "../svg.js";
import { trainBinary } from "./train-small.js";

/** A final loss within this of the task's best (over every optimizer and rate) counts as good. */
const GOOD_MARGIN = 0.1;

type MakeOptimizer = (params: Tensor[], lr: number) => Optimizer;

const OPTIMIZERS: readonly { name: string; adaptive: boolean; make: MakeOptimizer }[] = [
  { name: "sgd", adaptive: false, make: (p, lr) => sgd(p, { lr }) },
  { name: "momentum", adaptive: false, make: (p, lr) => sgd(p, { lr, momentum: 0.9 }) },
  { name: "rmsprop", adaptive: true, make: (p, lr) => rmsprop(p, { lr }) },
  { name: "adam", adaptive: true, make: (p, lr) => adam(p, { lr }) },
  { name: "adamw", adaptive: true, make: (p, lr) => adamw(p, { lr }) },
];

/** `count` rates spaced evenly in log10 from 1e-4 to 1. */
function lrGrid(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (-4 + (4 * i) / (count - 1)));
}

function tasks(options: LabOptions): { name: string; ds: Dataset }[] {
  const n = options.quick ? 100 : 200;
  const seed = options.seed;
  const all = [
    { name: "moons", ds: moons({ n, noise: 0.1, seed }) },
    { name: "circles", ds: circles({ n, noise: 0.05, factor: 0.5, seed }) },
    { name: "spirals", ds: twoSpirals({ n, noise: 0.02, turns: 1, seed }) },
  ];
  return options.quick ? all.slice(0, 2) : all;
}

function model(generator: Random): Module {
  return sequential(
    linear(2, 16, { generator }),
    tanh(),
    linear(16, 16, { generator }),
    tanh(),
    linear(16, 1, { generator }),
  );
}

interface TaskResult {
  task: string;
  /** finalLoss[optimizer][rate index]; NaN when training diverged. */
  finalLoss: Record<string, number[]>;
  best: number;
  /** Number of good rates per optimizer. */
  goodRates: Record<string, number>;
}

function runTask(name: string, ds: Dataset, rates: number[], options: LabOptions): TaskResult {
  const steps = options.quick ? 100 : 300;
  const finalLoss: Record<string, number[]> = {};
  for (const opt of OPTIMIZERS) {
    finalLoss[opt.name] = rates.map((lr) => {
      const m = model(new Random(options.seed));
      const loss = trainBinary(m, opt.make(m.parameters(), lr), ds.x, ds.y, steps).finalLoss;
      return Number.isFinite(loss) ? loss : NaN;
    });
  }
  const best = Math.min(...Object.values(finalLoss).flat().filter(Number.isFinite));
  const goodRates: Record<string, number> = {};
  for (const opt of OPTIMIZERS)
    goodRates[opt.name] = finalLoss[opt.name].filter((l) => l <= best + GOOD_MARGIN).length;
  return { task: name, finalLoss, best, goodRates };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function bandMeans(r: TaskResult): { adaptive: number; plain: number } {
  const of = (adaptive: boolean) =>
    mean(OPTIMIZERS.filter((o) => o.adaptive === adaptive).map((o) => r.goodRates[o.name]));
  return { adaptive: of(true), plain: of(false) };
}

function verdict(results: TaskResult[], rateCount: number): LabVerdict {
  const wider = results.filter((r) => {
    const b = bandMeans(r);
    return b.adaptive >= 1.5 * b.plain && b.adaptive >= b.plain + 1;
  });
  const detail = results
    .map((r) => {
      const b = bandMeans(r);
      return `${r.task}: adaptive ${b.adaptive.toFixed(1)} vs sgd/momentum ${b.plain.toFixed(1)} good rates of ${rateCount}`;
    })
    .join("; ");
  return {
    claim: "Adaptive optimizers (RMSprop, Adam, AdamW) need less learning-rate tuning",
    supported: wider.length === results.length ? true : wider.length > 0 ? "partly" : false,
    because: `clearly wider good-lr band (≥ 1.5× and ≥ 1 more rate) on ${wider.length} of ${results.length} tasks — ${detail}`,
  };
}

export const optimizersLab: Experiment = {
  name: "optimizers",
  summary: "SGD, momentum, RMSprop, Adam, AdamW over a learning-rate grid: the good-lr band",
  async run(options: LabOptions): Promise<LabResult> {
    const rates = lrGrid(options.quick ? 5 : 10);
    const results = tasks(options).map((t) => runTask(t.name, t.ds, rates, options));
    const fmt = (lr: number) => lr.toExponential(0);
    const tables: LabTable[] = results.map((r) => ({
      title: `${r.task}: final training loss per (optimizer, lr); best ${r.best.toFixed(4)}`,
      columns: ["optimizer", ...rates.map(fmt), "good rates"],
      rows: OPTIMIZERS.map((o) => [
        o.name,
        ...r.finalLoss[o.name].map((l) => +l.toPrecision(3)),
        r.goodRates[o.name],
      ]),
    }));
    const measurements: Record<string, number> = {};
    for (const r of results) {
      const b = bandMeans(r);
      measurements[`${r.task}.bandAdaptive`] = b.adaptive;
      measurements[`${r.task}.bandSgdMomentum`] = b.plain;
      for (const o of OPTIMIZERS)
        measurements[`${r.task}.${o.name}.goodRates`] = r.goodRates[o.name];
    }
    return {
      name: "optimizers",
      claim: "Adaptive optimizers need less learning-rate tuning than SGD",
      conditions:
        `seed ${options.seed}; 2→16→16→1 tanh MLP, full-batch bceWithLogits, ${options.quick ? 100 : 300} steps; ` +
        `${rates.length} rates from 1e-4 to 1 (log-spaced); tasks ${results.map((r) => r.task).join(", ")}; ` +
        `a rate is good when its final loss is within ${GOOD_MARGIN} of the task's best; ` +
        `momentum 0.9, other hyper-parameters at PyTorch's defaults`,
      tables,
      plots: results.map((r) => ({
        title: `${r.task}: final loss vs learning rate`,
        svg: lineChart(
          {
            title: `${r.task}: final loss vs learning rate (✕: diverged)`,
            xLabel: "learning rate (log-spaced)",
            yLabel: "final loss (log)",
            xTicks: rates.map(fmt),
            logY: true,
          },
          OPTIMIZERS.map((o) => ({ name: o.name, values: r.finalLoss[o.name] })),
        ),
      })),
      verdicts: [verdict(results, rates.length)],
      measurements,
    };
  },
};
