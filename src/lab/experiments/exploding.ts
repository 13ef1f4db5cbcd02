/**
 * `myelin lab exploding`: where NaN appears in a deep net without normalization trained with too
 * high a learning rate, and which remedy prevents it.
 *
 *   clip by norm   g ← g · min(1, c / ‖g‖₂)      clip by value   gᵢ ← max(−c, min(c, gᵢ))
 *   L2             L + λ Σ w²  (∂/∂w = 2λw)      lower lr        θ ← θ − η g with smaller η
 *
 * A run "blows up" at the first step whose loss, or any weight after the step, is not finite.
 */
import { clipGradNorm, clipGradValue } from "../../optim/clip.js";
import { sgd } from "../../optim/sgd.js";
import { bceWithLogits } from "../../losses/bce-with-logits.js";
import { l2 } from "../../regularization/penalties.js";
import { twoSpirals } from "../../data/synthetic.js";
import { Random } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Experiment, LabOptions, LabResult, LabVerdict } from "../experiment.js";
import { lineChart } from "../svg.js";
import { accuracy, deepNet } from "./deep-nets.js";

const DEPTH = 10;
const WIDTH = 32;
const HIGH_LR = 10;

interface Variant {
  label: string;
  lr: number;
  clipNorm?: number;
  clipValue?: number;
  l2?: number;
}

const VARIANTS: Variant[] = [
  { label: `lr ${HIGH_LR}, no remedy`, lr: HIGH_LR },
  { label: "clip by norm 1", lr: HIGH_LR, clipNorm: 1 },
  { label: "clip by value 0.01", lr: HIGH_LR, clipValue: 0.01 },
  { label: "lr 0.01", lr: 0.01 },
];

interface VariantRun {
  label: string;
  losses: number[];
  /** 1-based step whose loss or weights first were not finite; 0 when none. */
  nanStep: number;
  accuracy: number;
}

const EDGE_LRS = [4, 6, HIGH_LR];
const EDGE_LAMBDAS = [0, 1e-3, 1e-2, 1e-1];

/** Full-batch SGD with the variant's remedy; stops at the first non-finite loss or weight. */
function trainVariant(
  v: Variant,
  x: Tensor,
  target: Tensor,
  y: Tensor,
  steps: number,
  seed: number,
): VariantRun {
  const model = deepNet(
    { activation: "relu", he: true, batchNorm: false },
    2,
    WIDTH,
    DEPTH,
    new Random(seed),
  );
  const params = model.parameters();
  const opt = sgd(params, { lr: v.lr });
  const losses: number[] = [];
  let nanStep = 0;
  for (let s = 1; s <= steps && nanStep === 0; s++) {
    opt.zeroGrad();
    const data = bceWithLogits(model.forward(x), target);
    const loss = v.l2 === undefined ? data : data.add(l2(params, v.l2));
    losses.push(data.item());
    if (!Number.isFinite(loss.item())) {
      nanStep = s;
      break;
    }
    loss.backward();
    if (v.clipNorm !== undefined) clipGradNorm(params, v.clipNorm, 2, { errorIfNonfinite: false });
    if (v.clipValue !== undefined) clipGradValue(params, v.clipValue);
    opt.step();
    if (params.some((p) => !p.data.every(Number.isFinite))) nanStep = s;
  }
  return { label: v.label, losses, nanStep, accuracy: nanStep ? NaN : accuracy(model, x, y) };
}

/**
 * L2 helps where, at the same lr, the run without it blows up and the run with it does not.
 * Supported if every λ of the grid does so at every lr that blew up; "partly" if only some λ
 * (or only at some lr) do; not supported if none does.
 */
function l2Verdict(grid: VariantRun[][]): LabVerdict {
  const exploded = grid
    .map((row, i) => ({ lr: EDGE_LRS[i], row }))
    .filter((g) => g.row[0].nanStep > 0);
  const rescued = exploded.map(({ lr, row }) => ({
    lr,
    lambdas: EDGE_LAMBDAS.filter((l, k) => l > 0 && row[k].nanStep === 0),
  }));
  const helpedAt = rescued.filter((r) => r.lambdas.length > 0);
  const lambdas = EDGE_LAMBDAS.filter((l) => l > 0);
  const everyLambdaEverywhere = rescued.every((r) => r.lambdas.length === lambdas.length);
  // true: any λ of the grid prevents it wherever it happens; "partly": only some λ, or some lr
  const supported: LabVerdict["supported"] =
    exploded.length === 0 || helpedAt.length === 0
      ? false
      : everyLambdaEverywhere
        ? true
        : "partly";
  const where = rescued
    .map((r) =>
      r.lambdas.length > 0
        ? `at lr ${r.lr} λ ∈ {${r.lambdas.join(", ")}} kept it finite`
        : `at lr ${r.lr} no λ in {${EDGE_LAMBDAS.filter((l) => l > 0).join(", ")}} did`,
    )
    .join("; ");
  return {
    claim: "Weight regularization (L2) prevents the explosion.",
    supported,
    because:
      exploded.length === 0
        ? "no learning rate of the grid blew up without L2."
        : `${where} (finite = for every step of the run). L2 multiplies the weights by 1 − 2λη each step (at lr ${HIGH_LR}: ${EDGE_LAMBDAS.filter(
            (l) => l > 0,
          )
            .map((l) => `λ ${l} → ${(1 - 2 * l * HIGH_LR).toPrecision(2)}`)
            .join(
              ", ",
            )}): too small a λ does not hold the weights back, and 2λη ≥ 2 flips and grows them — it oscillates itself.`,
  };
}

export const exploding: Experiment = {
  name: "exploding",
  summary: "where NaN appears with a high learning rate, and what prevents it",
  async run({ quick, seed }: LabOptions): Promise<LabResult> {
    const steps = quick ? 40 : 300;
    const { x, y } = twoSpirals({ n: quick ? 128 : 400, noise: 0.05, seed });
    const target = y.reshape([y.size, 1]);
    const train = (v: Variant): VariantRun => trainVariant(v, x, target, y, steps, seed);
    const runs = VARIANTS.map(train);
    // L2 near the edge of stability: the same net at lr just above the stable range, λ grid
    const grid = EDGE_LRS.map((lr) =>
      EDGE_LAMBDAS.map((l2) => train({ label: `lr ${lr} λ ${l2}`, lr, ...(l2 > 0 ? { l2 } : {}) })),
    );
    const [base, byNorm, byValue, lowLr] = runs;
    const finite = (r: VariantRun): boolean => r.nanStep === 0;
    return {
      name: "exploding",
      claim:
        "Too high a learning rate in a deep network without normalization makes the gradients explode into NaN; gradient clipping (by norm or by value), a lower learning rate or weight regularization prevent it.",
      conditions: `${DEPTH} ReLU layers of ${WIDTH} units (He init, no normalization), two spirals, full-batch SGD for up to ${steps} steps, BCE, seed ${seed}. NaN step = first step whose loss or updated weights are not finite.`,
      tables: [
        {
          title: "Each variant",
          columns: ["variant", "first non-finite step", "last finite loss", "accuracy"],
          rows: runs.map((r) => [
            r.label,
            r.nanStep === 0 ? "none" : r.nanStep,
            r.losses.filter(Number.isFinite).at(-1) ?? NaN,
            finite(r) ? r.accuracy : "-",
          ]),
        },
        {
          title: "L2 near the edge of stability: first non-finite step (none = finite throughout)",
          columns: ["lr", ...EDGE_LAMBDAS.map((l) => (l === 0 ? "no L2" : `L2 λ ${l}`))],
          rows: grid.map((row, i) => [
            EDGE_LRS[i],
            ...row.map((r) => (r.nanStep === 0 ? "none" : r.nanStep)),
          ]),
        },
      ],
      plots: [
        {
          title: "Training loss per step (✕ = not finite)",
          svg: lineChart(
            {
              title: "Loss per SGD step, deep ReLU net",
              xLabel: "step",
              yLabel: "BCE loss",
              xTicks: Array.from({ length: steps }, (_, s) => s + 1),
              logY: true,
            },
            runs.map((r) => ({ name: r.label, values: r.losses })),
          ),
        },
      ],
      verdicts: [
        {
          claim: `Learning rate ${HIGH_LR} without normalization produces NaN.`,
          supported: !finite(base),
          because: finite(base)
            ? `the run stayed finite for all ${steps} steps.`
            : `the loss or weights became non-finite at step ${base.nanStep}.`,
        },
        {
          claim: "Clipping the gradient (by norm, by value) keeps the run finite.",
          supported:
            finite(byNorm) && finite(byValue)
              ? true
              : finite(byNorm) || finite(byValue)
                ? "partly"
                : false,
          because: `clip by norm: ${finite(byNorm) ? `finite, accuracy ${byNorm.accuracy.toFixed(2)}` : `NaN at step ${byNorm.nanStep}`}; clip by value: ${finite(byValue) ? `finite, accuracy ${byValue.accuracy.toFixed(2)}` : `NaN at step ${byValue.nanStep}`}.`,
        },
        {
          claim: "A lower learning rate keeps the run finite.",
          supported: finite(lowLr),
          because: finite(lowLr)
            ? `lr 0.01 stayed finite (accuracy ${lowLr.accuracy.toFixed(2)}).`
            : `lr 0.01 became non-finite at step ${lowLr.nanStep}.`,
        },
        l2Verdict(grid),
      ],
      measurements: Object.fromEntries(
        [...runs, ...grid.flat()].flatMap((r) => {
          const k = r.label.replace(/[^a-z0-9]+/gi, "_").replace(/_$/, "");
          return [[`${k}_nanStep`, r.nanStep]];
        }),
      ),
    };
  },
};
