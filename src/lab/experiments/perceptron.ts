/**
 * `myelin lab perceptron`: the perceptron rule on AND, OR and XOR.
 *
 *   y = step(w·x + b),   w ← w + η(t − y)x,   b ← b + η(t − y)
 *
 * AND and OR are linearly separable, so the rule stops after finitely many updates (Novikoff);
 * XOR is not — no line w·x + b = 0 separates {(0,1),(1,0)} from {(0,0),(1,1)} — so some sample is
 * misclassified in every epoch, forever.
 */
import { Perceptron } from "../../nn/perceptron.js";
import { Random } from "../../tensor/random.js";
import type { Experiment, LabOptions, LabResult } from "../experiment.js";
import { lineChart } from "../svg.js";

const INPUTS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const GATES: Record<string, number[]> = { AND: [0, 0, 0, 1], OR: [0, 1, 1, 1], XOR: [0, 1, 1, 0] };

interface GateRun {
  gate: string;
  converged: boolean;
  epochs: number;
  errors: number[];
  weights: number[];
  bias: number;
  accuracy: number;
}

function runGate(gate: string, epochs: number, seed: number): GateRun {
  const p = new Perceptron({ inputs: 2, learningRate: 1, generator: new Random(seed) });
  const labels = GATES[gate];
  const fit = p.fit(INPUTS, labels, { epochs, shuffle: true });
  const predicted = p.predict(INPUTS);
  const hits = predicted.filter((v, i) => v === labels[i]).length;
  return { gate, ...fit, weights: p.weights, bias: p.bias, accuracy: hits / INPUTS.length };
}

/** "w₁·x₁ + w₂·x₂ + b = 0" with the learned numbers, signs folded in ("x1 + 2·x2 − 3 = 0"). */
function lineText(r: GateRun): string {
  const terms: string[] = [];
  const add = (c: number, name: string): void => {
    if (c === 0) return;
    const size = Math.abs(c);
    const body = name === "" ? String(size) : size === 1 ? name : `${size}·${name}`;
    terms.push(terms.length === 0 ? (c < 0 ? `−${body}` : body) : `${c < 0 ? "−" : "+"} ${body}`);
  };
  add(r.weights[0], "x1");
  add(r.weights[1], "x2");
  add(r.bias, "");
  return `${terms.length === 0 ? "0" : terms.join(" ")} = 0`;
}

export const perceptron: Experiment = {
  name: "perceptron",
  summary: "the perceptron rule learns AND and OR but never XOR",
  async run({ quick, seed }: LabOptions): Promise<LabResult> {
    const epochs = quick ? 50 : 1000;
    const runs = Object.keys(GATES).map((g) => runGate(g, epochs, seed));
    const byGate = Object.fromEntries(runs.map((r) => [r.gate, r]));
    const [and, or, xor] = [byGate.AND, byGate.OR, byGate.XOR];
    const xorMin = Math.min(...xor.errors);
    const shown = Math.max(and.epochs, or.epochs, Math.min(xor.epochs, 30));
    return {
      name: "perceptron",
      claim:
        "A single perceptron learns any linearly separable function (AND, OR) in finitely many updates, and cannot learn XOR.",
      conditions: `Rosenblatt's rule, η = 1, w and b start at 0, the 4 points in a fresh random order each epoch (seed ${seed}), at most ${epochs} epochs; training stops after an error-free epoch.`,
      tables: [
        {
          title: "Result per gate",
          columns: ["gate", "converged", "epochs", "updates", "accuracy", "learned line"],
          rows: runs.map((r) => [
            r.gate,
            r.converged ? "yes" : "no",
            r.epochs,
            r.errors.reduce((a, b) => a + b, 0),
            r.accuracy,
            lineText(r),
          ]),
        },
        {
          title: "Misclassified samples per epoch",
          columns: ["epoch", ...runs.map((r) => r.gate)],
          rows: Array.from({ length: shown }, (_, e) => [
            e + 1,
            ...runs.map((r) => (e < r.errors.length ? r.errors[e] : "-")),
          ]),
        },
      ],
      plots: [
        {
          title: "Perceptron errors per epoch (0 = converged)",
          svg: lineChart(
            {
              title: "Perceptron: misclassified samples per epoch",
              xLabel: "epoch",
              yLabel: "errors (of 4)",
              xTicks: Array.from({ length: shown }, (_, e) => e + 1),
            },
            runs.map((r) => ({ name: r.gate, values: r.errors.slice(0, shown) })),
          ),
        },
      ],
      verdicts: [
        {
          claim: "The perceptron rule converges on AND and OR.",
          supported: and.converged && or.converged,
          because: `AND ${and.converged ? `converged after ${and.epochs} epochs` : `did not converge in ${and.epochs} epochs`}, OR ${or.converged ? `converged after ${or.epochs} epochs` : `did not converge in ${or.epochs} epochs`}, both at accuracy ${and.accuracy} / ${or.accuracy}.`,
        },
        {
          claim: "The perceptron rule never converges on XOR.",
          supported: !xor.converged && xorMin > 0,
          because: xor.converged
            ? `XOR converged after ${xor.epochs} epochs.`
            : `every one of ${xor.epochs} epochs misclassified at least ${xorMin} of the 4 points; final accuracy ${xor.accuracy} (a line separates at most 3 of XOR's 4 points).`,
        },
      ],
      measurements: {
        andConverged: Number(and.converged),
        andEpochs: and.epochs,
        orConverged: Number(or.converged),
        orEpochs: or.epochs,
        xorConverged: Number(xor.converged),
        xorEpochs: xor.epochs,
        xorMinErrors: xorMin,
        xorAccuracy: xor.accuracy,
      },
    };
  },
};
