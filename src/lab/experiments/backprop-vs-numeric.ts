/**
 * `myelin lab backprop-vs-numeric`: one backward pass against per-weight central differences.
 *
 *   backprop  ∂L/∂θ for all P weights: 1 forward + 1 backward pass (≈ 3 forward passes of work)
 *   numeric   ∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h: 1 + 2·P forward passes
 *
 * Net: 8 → H → 1 (tanh), float64, 16 samples, MSE; H grows so P = 10·H + 1 goes 11 → 100 001.
 * Above 1 000 weights the numeric gradient is computed for a sample of weights only and its
 * time extrapolated (time per pass × (1 + 2P)); the pass count is exact either way.
 */
import { noGrad } from "../../autograd/no-grad.js";
import { mse } from "../../losses/mse.js";
import { Tanh } from "../../nn/activations.js";
import { Linear } from "../../nn/linear.js";
import { Sequential } from "../../nn/sequential.js";
import { randn } from "../../tensor/create.js";
import { Random } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Experiment, LabOptions, LabResult } from "../experiment.js";
import { lineChart } from "../svg.js";

const INPUTS = 8;
const SAMPLES = 16;
const H_STEP = 1e-5;
/** Numeric gradients of more weights than this are sampled (and their time extrapolated). */
const FULL_LIMIT = 1_001;
const SAMPLED = 300;

export interface SizeRow {
  parameters: number;
  backpropForwardPasses: number;
  backpropBackwardPasses: number;
  numericForwardPasses: number;
  numericChecked: number;
  backpropMs: number;
  numericMs: number;
  numericExtrapolated: boolean;
  maxRelDiff: number;
}

function measure(hidden: number, seed: number): SizeRow {
  const generator = new Random(seed);
  const model = new Sequential(
    new Linear(INPUTS, hidden, { dtype: "float64", generator }),
    new Tanh(),
    new Linear(hidden, 1, { dtype: "float64", generator }),
  );
  const x = randn([SAMPLES, INPUTS], { dtype: "float64", generator });
  const t = randn([SAMPLES, 1], { dtype: "float64", generator });
  let forwards = 0;
  const loss = (): Tensor => {
    forwards++;
    return mse(model.forward(x), t);
  };
  const params = model.parameters();
  const P = params.reduce((s, p) => s + p.size, 0);

  loss().backward(); // warm-up (JIT, allocation): not timed, not counted
  for (const p of params) p.grad = null;
  forwards = 0;
  const t0 = performance.now();
  loss().backward();
  const backpropMs = performance.now() - t0;
  const backpropForwardPasses = forwards;
  const analytic = params.map((p) => Float64Array.from(p.grad?.data ?? []));

  // which weights: all, or a fixed sample of (parameter, index) pairs
  const all = P <= FULL_LIMIT;
  const picks: [number, number][] = [];
  params.forEach((p, k) => {
    for (let i = 0; i < p.size; i++) picks.push([k, i]);
  });
  const rng = new Random(seed + 1);
  const chosen = all ? picks : Array.from({ length: SAMPLED }, () => picks[rng.int(picks.length)]);
  forwards = 0;
  let maxRelDiff = 0;
  const t1 = performance.now();
  noGrad(() => {
    loss(); // the unperturbed loss: the "1" of 1 + 2P
    for (const [k, i] of chosen) {
      const w = params[k].data;
      const saved = w[i];
      w[i] = saved + H_STEP;
      const plus = loss().item();
      w[i] = saved - H_STEP;
      const minus = loss().item();
      w[i] = saved;
      const numeric = (plus - minus) / (2 * H_STEP);
      const a = analytic[k][i];
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-6);
      maxRelDiff = Math.max(maxRelDiff, rel);
    }
  });
  const measuredMs = performance.now() - t1;
  const numericForwardPasses = 1 + 2 * P;
  return {
    parameters: P,
    backpropForwardPasses,
    backpropBackwardPasses: 1,
    numericForwardPasses,
    numericChecked: chosen.length,
    backpropMs,
    numericMs: all ? measuredMs : (measuredMs / forwards) * numericForwardPasses,
    numericExtrapolated: !all,
    maxRelDiff,
  };
}

export const backpropVsNumeric: Experiment = {
  name: "backprop-vs-numeric",
  summary: "one backward pass vs per-weight finite differences as the network grows",
  async run({ quick, seed }: LabOptions): Promise<LabResult> {
    const hiddens = quick ? [1, 10, 100, 1000] : [1, 10, 100, 1000, 10000];
    const rows = hiddens.map((h) => measure(h, seed));
    const first = rows[0];
    const last = rows[rows.length - 1];
    const growth = last.parameters / first.parameters;
    const numericGrowth = last.numericForwardPasses / first.numericForwardPasses;
    const backpropFlat = rows.every(
      (r) => r.backpropForwardPasses === 1 && r.backpropBackwardPasses === 1,
    );
    const numericLinear = rows.every((r) => r.numericForwardPasses === 1 + 2 * r.parameters);
    const agreement = Math.max(...rows.map((r) => r.maxRelDiff));
    return {
      name: "backprop-vs-numeric",
      claim:
        "Backpropagation gets every weight's gradient from one forward and one backward pass; the numeric alternative needs two forward passes per weight, so its cost grows with the number of weights.",
      conditions: `Net ${INPUTS} → H → 1 (tanh), float64, ${SAMPLES} samples, MSE, seed ${seed}; central differences with h = ${H_STEP}. Above ${FULL_LIMIT} weights, ${SAMPLED} sampled weights are differenced and the time extrapolated to all (time per pass × (1 + 2P)). Times are this machine's wall clock; the pass counts are exact.`,
      tables: [
        {
          title: "Cost and agreement per network size",
          columns: [
            "weights P",
            "backprop passes (fwd+bwd)",
            "numeric fwd passes",
            "backprop ms",
            "numeric ms",
            "weights differenced",
            "max rel. diff",
          ],
          rows: rows.map((r) => [
            r.parameters,
            `${r.backpropForwardPasses}+${r.backpropBackwardPasses}`,
            r.numericForwardPasses,
            r.backpropMs,
            r.numericExtrapolated ? `${r.numericMs.toPrecision(3)} (extrapolated)` : r.numericMs,
            r.numericChecked,
            r.maxRelDiff,
          ]),
        },
      ],
      plots: [
        {
          title: "Forward passes to get every gradient (log scale)",
          svg: lineChart(
            {
              title: "Passes for all gradients: backprop vs central differences",
              xLabel: "weights P",
              yLabel: "passes",
              xTicks: rows.map((r) => r.parameters),
              logY: true,
            },
            [
              { name: "backprop (fwd + bwd)", values: rows.map(() => 2) },
              { name: "numeric (1 + 2P fwd)", values: rows.map((r) => r.numericForwardPasses) },
            ],
          ),
        },
      ],
      verdicts: [
        {
          claim: "Backprop's cost in passes is flat while the numeric cost grows linearly with P.",
          supported: backpropFlat && numericLinear,
          because: `from ${first.parameters} to ${last.parameters} weights (×${growth.toFixed(0)}), backprop stayed at 1 forward + 1 backward pass while the numeric gradient went from ${first.numericForwardPasses} to ${last.numericForwardPasses} forward passes (×${numericGrowth.toFixed(0)}); wall time ${first.backpropMs.toFixed(2)} → ${last.backpropMs.toFixed(2)} ms (one pass gets bigger) vs ${first.numericMs.toFixed(2)} → ${last.numericMs.toFixed(0)} ms.`,
        },
        {
          claim: "The two methods compute the same gradient.",
          supported: agreement < 1e-3,
          because: `the largest relative difference over every differenced weight was ${agreement.toExponential(2)} (float64, h = ${H_STEP}; relative to max(|analytic|, |numeric|, 1e-6)); the bar is 1e-3.`,
        },
      ],
      measurements: {
        ...Object.fromEntries(
          rows.flatMap((r) => [
            [`backpropPasses_${r.parameters}`, r.backpropForwardPasses + r.backpropBackwardPasses],
            [`numericForwardPasses_${r.parameters}`, r.numericForwardPasses],
            [`numericMs_${r.parameters}`, r.numericMs],
            [`backpropMs_${r.parameters}`, r.backpropMs],
          ]),
        ),
        maxRelDiff: agreement,
        largestParameters: last.parameters,
      },
    };
  },
};
