// `myelin lab activations`: the article's six properties of every activation measured from
// sampled values and compared with the property data, and two consequences trained for real:
// depth without non-linearity is one linear map (XOR), and "linear near zero" vs small weights.
import { names } from "../../activations/registry.js";
import { properties } from "../../activations/properties.js";
import { xor, moons } from "../../data/synthetic.js";
import { normal } from "../../nn/init.js";
import { linear, sequential } from "../../nn/layers.js";
import { identity, relu, sigmoid, tanh } from "../../nn/activations.js";
import type { Module } from "../../nn/module.js";
import { adam } from "../../optim/adam.js";
import { sgd } from "../../optim/sgd.js";
import { Random } from "../../tensor/random.js";
import type { Experiment, LabOptions, LabResult, LabTable, LabVerdict } from "../experiment.js";
import { measureProperties, PROPERTY_NAMES } from "./activation-properties.js";
import { lineChart } from "../svg.js";
import { trainBinary, type TrainCurve } from "./train-small.js";

const HIDDEN = 8;
/** Standard deviation of the "small" initial weights and biases. */
const SMALL_STD = 0.1;

/** 2 → HIDDEN → … → 1 with `depth` hidden layers, each followed by `act()`. */
function mlp(depth: number, act: () => Module, generator: Random): Module {
  const layers: Module[] = [];
  let inFeatures = 2;
  for (let i = 0; i < depth; i++) {
    layers.push(linear(inFeatures, HIDDEN, { generator }), act());
    inFeatures = HIDDEN;
  }
  layers.push(linear(inFeatures, 1, { generator }));
  return sequential(...layers);
}

/** Measured vs claimed properties of every activation; the rows where they disagree. */
function propertyTable(): { table: LabTable; disagreements: string[] } {
  const rows: (string | number)[][] = [];
  const disagreements: string[] = [];
  for (const name of names) {
    const measured = measureProperties(name);
    const claimed = properties(name);
    const cells = PROPERTY_NAMES.map((p) => {
      const same = measured[p] === claimed[p];
      if (!same) disagreements.push(`${name}.${p}: measured ${measured[p]}, data ${claimed[p]}`);
      return (measured[p] ? "yes" : "no") + (same ? "" : " (data says " + claimed[p] + ")");
    });
    rows.push([name, ...cells]);
  }
  const table = {
    title: "Properties measured from sampled values",
    columns: ["activation", ...PROPERTY_NAMES],
    rows,
  };
  return { table, disagreements };
}

/** XOR with a deep identity net vs a deep tanh net (same depth, same optimizer). */
function depthWithoutNonlinearity(options: LabOptions): Record<string, TrainCurve> {
  const ds = xor({ n: 200, seed: options.seed });
  const steps = options.quick ? 300 : 800;
  const out: Record<string, TrainCurve> = {};
  for (const [label, act] of [
    ["identity", identity],
    ["tanh", tanh],
  ] as const) {
    const generator = new Random(options.seed);
    const model = mlp(3, act, generator);
    out[label] = trainBinary(model, adam(model.parameters(), { lr: 0.02 }), ds.x, ds.y, steps);
  }
  return out;
}

/** Moons from weights ~ N(0, 0.1²) with plain SGD: tanh (f′(0) = 1) vs sigmoid vs relu. */
function smallInitialWeights(options: LabOptions): Record<string, TrainCurve> {
  const ds = moons({ n: 200, noise: 0.1, seed: options.seed });
  const steps = options.quick ? 300 : 1000;
  const out: Record<string, TrainCurve> = {};
  for (const [label, act] of [
    ["tanh", tanh],
    ["sigmoid", sigmoid],
    ["relu", relu],
  ] as const) {
    const generator = new Random(options.seed);
    const model = mlp(3, act, generator);
    for (const p of model.parameters()) normal(p, 0, SMALL_STD, { generator });
    out[label] = trainBinary(
      model,
      sgd(model.parameters(), { lr: 0.5, momentum: 0.9 }),
      ds.x,
      ds.y,
      steps,
    );
  }
  return out;
}

/** First step whose loss is at most half the initial loss (Infinity if none). */
function stepsToHalve(c: TrainCurve): number {
  const i = [...c.losses, c.finalLoss].findIndex((l) => l <= c.losses[0] / 2);
  return i < 0 ? Infinity : i;
}

/** x, or `fallback` when x is not finite (measurements stay JSON numbers: −1 means never). */
const finiteOr = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);

function verdicts(
  disagreements: string[],
  xorRuns: Record<string, TrainCurve>,
  small: Record<string, TrainCurve>,
): LabVerdict[] {
  const id = xorRuns.identity.accuracy;
  const th = xorRuns.tanh.accuracy;
  const [ht, hs, hr] = [
    stepsToHalve(small.tanh),
    stepsToHalve(small.sigmoid),
    stepsToHalve(small.relu),
  ];
  // another activation "stalls" when it needs ≥ 3× tanh's steps to halve the loss, or never does
  const stalled = [hs, hr].filter((h) => h >= 3 * ht).length;
  const steps = (h: number) => (Number.isFinite(h) ? `${h} steps` : "never");
  return [
    {
      claim: "The property data in src/activations agrees with the measured properties",
      supported: disagreements.length === 0,
      because:
        disagreements.length === 0
          ? `all ${names.length} activations × ${PROPERTY_NAMES.length} properties agree`
          : `disagreements: ${disagreements.join("; ")}`,
    },
    {
      claim: "Without a non-linear activation a deep net is one linear layer (XOR unsolvable)",
      supported: id < 0.8 && th > 0.95,
      because: `3 hidden layers on XOR: identity reaches accuracy ${id.toFixed(2)}, tanh ${th.toFixed(2)}`,
    },
    {
      claim:
        "An activation linear near zero (tanh) trains from small initial weights; others stall",
      supported: !Number.isFinite(ht) || stalled === 0 ? false : stalled === 2 ? true : "partly",
      because:
        `weights ~ N(0, 0.1²), SGD momentum, ${small.tanh.losses.length} steps: the loss halved after ` +
        `${steps(ht)} with tanh, ${steps(hs)} with sigmoid, ${steps(hr)} with relu`,
    },
  ];
}

export const activationsLab: Experiment = {
  name: "activations",
  summary: "the six properties of every activation, measured; non-linearity and small weights",
  async run(options: LabOptions): Promise<LabResult> {
    const { table, disagreements } = propertyTable();
    const xorRuns = depthWithoutNonlinearity(options);
    const small = smallInitialWeights(options);
    const chart = (title: string, runs: Record<string, TrainCurve>) =>
      lineChart(
        {
          title,
          xLabel: "step",
          yLabel: "training loss",
          xTicks: Object.values(runs)[0].losses.map((_, i) => i),
        },
        Object.entries(runs).map(([name, c]) => ({ name, values: c.losses })),
      );
    const runTable = (title: string, runs: Record<string, TrainCurve>): LabTable => ({
      title,
      columns: ["activation", "initial loss", "final loss", "accuracy", "steps to halve the loss"],
      rows: Object.entries(runs).map(([k, c]) => {
        const h = stepsToHalve(c);
        return [k, c.losses[0], c.finalLoss, c.accuracy, Number.isFinite(h) ? h : "never"];
      }),
    });
    return {
      name: "activations",
      claim:
        "Activations differ in six properties, and two of them have consequences: without " +
        "non-linearity depth adds nothing; linearity near zero lets training start from small weights",
      conditions:
        `seed ${options.seed}; properties from float64 samples on [−8, 8] (tails to ±1e8); ` +
        `XOR n=200, 2→8→8→8→1, Adam lr 0.02; moons n=200 noise 0.1, same shape, ` +
        `weights N(0, 0.1²), SGD lr 0.5 momentum 0.9; ${options.quick ? "quick" : "full"} run`,
      tables: [
        table,
        runTable("XOR, 3 hidden layers", xorRuns),
        runTable("Moons from small initial weights", small),
      ],
      plots: [
        {
          title: "XOR training loss: identity vs tanh",
          svg: chart("XOR: depth without non-linearity", xorRuns),
        },
        {
          title: "Training loss from small initial weights",
          svg: chart("Moons from weights ~ N(0, 0.1²)", small),
        },
      ],
      verdicts: verdicts(disagreements, xorRuns, small),
      measurements: {
        propertyDisagreements: disagreements.length,
        xorAccuracyIdentity: xorRuns.identity.accuracy,
        xorAccuracyTanh: xorRuns.tanh.accuracy,
        smallInitFinalLossTanh: small.tanh.finalLoss,
        smallInitFinalLossSigmoid: small.sigmoid.finalLoss,
        smallInitFinalLossRelu: small.relu.finalLoss,
        smallInitAccuracyTanh: small.tanh.accuracy,
        smallInitAccuracySigmoid: small.sigmoid.accuracy,
        smallInitAccuracyRelu: small.relu.accuracy,
        smallInitStepsToHalveTanh: finiteOr(stepsToHalve(small.tanh), -1),
        smallInitStepsToHalveSigmoid: finiteOr(stepsToHalve(small.sigmoid), -1),
        smallInitStepsToHalveRelu: finiteOr(stepsToHalve(small.relu), -1),
      },
    };
  },
};
