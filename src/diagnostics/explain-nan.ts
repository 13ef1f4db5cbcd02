// explainNaN: where did the NaN come from? The guard (optim/non-finite.ts) sees the loss and the
// parameter gradients, so it can only name the first parameter (in iteration order) holding a
// non-finite gradient. This re-runs the failing batch layer by layer, checking each output, then
// (when the forward was finite) runs the backward sweep node by node, checking each gradient,
// and names the first layer and op that produced a non-finite value. It runs only on failure:
// a healthy training step pays nothing for it.
import { noGrad } from "../autograd/no-grad.js";
import type { Module } from "../nn/module.js";
import { Sequential } from "../nn/sequential.js";
import type { NonFiniteOrigin } from "../optim/non-finite.js";
import { globalRandom } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { firstNonFiniteOp, ownGraph } from "./graph-walk.js";
import { firstNonFiniteGradient } from "./backward-walk.js";

export type { NonFiniteOrigin } from "../optim/non-finite.js";

/** Earlier values of the model's weights (fit: the copy taken when the epoch began). */
export interface WeightBaseline {
  /** The point in words: "the start of epoch 2". */
  before: string;
  /** The earlier values of a parameter, undefined when not kept. */
  valueOf(t: Tensor): ArrayLike<number> | undefined;
}

/** A layer that does its own computation: not a Sequential, whose children are walked instead. */
interface LeafLayer {
  path: string;
  module: Module;
}

/** One leaf layer's forward run: its input, its output and what it owns of the graph. */
interface LayerRun extends LeafLayer {
  input: Tensor;
  output: Tensor;
}

/**
 * The first layer and op of `model` that produced a non-finite value on `batch`, or null when
 * the forward and backward passes of this batch are finite everywhere.
 *
 *   forward   the first leaf layer (Sequentials are walked, in order) whose output holds a
 *             NaN or ±Infinity while its input does not; then the loss
 *   backward  (forward finite) the first graph node, in backward order (from the loss toward the
 *             input), whose gradient for one of its inputs is not finite while the gradient it
 *             received is: the op that created the non-finite gradient
 *
 * The model runs in its current mode with gradients recorded; BatchNorm running statistics and
 * the global random state are restored afterwards, and no `.grad` is touched. `lossFn` is the
 * training loss (with any penalty) of the model's output and the batch's targets. With
 * `baseline`, the origin layer's weight norm is also given at that earlier point (its growth).
 */
export function explainNaN(
  model: Module,
  batch: { x: Tensor; y: Tensor },
  lossFn: (output: Tensor, target: Tensor) => Tensor,
  baseline?: WeightBaseline,
): NonFiniteOrigin | null {
  const buffers = model.namedBuffers().map(([, t]) => [t, t.data.slice()] as const);
  const randomState = globalRandom.getState();
  try {
    const origin = explainUnguarded(model, batch, lossFn);
    return origin === null || baseline === undefined ? origin : withGrowth(origin, model, baseline);
  } finally {
    for (const [t, saved] of buffers) t.data.set(saved);
    globalRandom.setState(randomState);
  }
}

function explainUnguarded(
  model: Module,
  batch: { x: Tensor; y: Tensor },
  lossFn: (output: Tensor, target: Tensor) => Tensor,
): NonFiniteOrigin | null {
  if (maxAbs(batch.x.data).nonFinite > 0) {
    const stats = { inputMaxAbs: maxAbs(batch.x.data).max, outputMaxAbs: 0 };
    return {
      phase: "forward",
      layer: "the input batch",
      ...stats,
      message: "the input batch holds a non-finite value",
    };
  }
  const runs: LayerRun[] = [];
  const owner = new Map<Tensor, string>();
  let h = batch.x;
  for (const leaf of leafLayers(model, "")) {
    const output = leaf.module.forward(h);
    const run = { ...leaf, input: h, output };
    runs.push(run);
    ownGraph(output, [h], owner, label(leaf));
    if (maxAbs(output.data).nonFinite > 0) return forwardOrigin(run, label(leaf));
    h = output;
  }
  const loss = lossFn(h, batch.y);
  ownGraph(loss, [h, batch.y], owner, "the loss");
  if (maxAbs(loss.data).nonFinite > 0) {
    const run = { path: "", module: model, input: h, output: loss };
    return forwardOrigin(run, "the loss");
  }
  if (!loss.requiresGrad) return null;
  const found = noGrad(() => firstNonFiniteGradient(loss));
  if (found === null) return null;
  const layer = owner.get(found.tensor) ?? "a tensor outside the model's layers";
  const run = runs.find((r) => label(r) === layer);
  const out = maxAbs((run?.output ?? found.tensor).data).max;
  const inp = maxAbs((run?.input ?? found.tensor).data).max;
  const weightNorm = run === undefined ? undefined : ownWeightNorm(run.module);
  const g = (v: number): string => v.toPrecision(3);
  const message =
    `${layer} backward: op ${found.op} turned a finite gradient (max |dY| ${g(found.gradMaxAbs)}) ` +
    `into ${found.value} (forward max |y| ${g(out)}, max |x| ${g(inp)}` +
    (weightNorm === undefined ? ")" : `, weights norm ${g(weightNorm)})`);
  return {
    phase: "backward",
    layer,
    ...(run === undefined ? {} : { path: run.path }),
    op: found.op,
    inputMaxAbs: inp,
    outputMaxAbs: out,
    gradMaxAbs: found.gradMaxAbs,
    ...(weightNorm === undefined ? {} : { weightNorm }),
    message,
  };
}

/** The origin report of a layer (or the loss) whose forward output is the first non-finite one. */
function forwardOrigin(run: LayerRun, layer: string): NonFiniteOrigin {
  const out = maxAbs(run.output.data);
  const inp = maxAbs(run.input.data).max;
  const op = firstNonFiniteOp(run.output, [run.input]);
  const weightNorm = layer === "the loss" ? undefined : ownWeightNorm(run.module);
  const g = (v: number): string => v.toPrecision(3);
  const what = `${layer} forward: ${op === undefined ? "output" : `op ${op}`} produced ${out.first}`;
  const message =
    layer === "the loss"
      ? `${what}; the model's outputs reach |y| ${g(inp)}`
      : `${what} (${out.nonFinite} of ${run.output.size} values non-finite); ` +
        `largest finite |z| ${g(out.max)}, input max |x| ${g(inp)}` +
        (weightNorm === undefined ? "" : `; weights norm ${g(weightNorm)}`);
  return {
    phase: "forward",
    layer,
    ...(run.path === "" ? {} : { path: run.path }),
    ...(op === undefined ? {} : { op }),
    inputMaxAbs: inp,
    outputMaxAbs: out.max,
    ...(weightNorm === undefined ? {} : { weightNorm }),
    message,
  };
}

/** The origin with its layer's weight norm at `baseline` too: "weights norm 4.10 at …". */
function withGrowth(
  origin: NonFiniteOrigin,
  model: Module,
  baseline: WeightBaseline,
): NonFiniteOrigin {
  const layer = origin.path === undefined ? undefined : moduleAt(model, origin.path);
  if (layer === undefined || origin.weightNorm === undefined) return origin;
  let s = 0;
  for (const p of layer.parameters()) {
    const values = baseline.valueOf(p);
    if (values === undefined) return origin;
    for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  }
  const weightNormBefore = Math.sqrt(s);
  const note = `; weights norm was ${weightNormBefore.toPrecision(3)} at ${baseline.before}`;
  return { ...origin, weightNormBefore, before: baseline.before, message: origin.message + note };
}

/** The module at a dotted path ("2.1"), undefined when there is none. */
function moduleAt(model: Module, path: string): Module | undefined {
  let m: Module | undefined = model;
  for (const part of path.split(".")) m = m?.namedChildren().find(([n]) => n === part)?.[1];
  return m;
}

/** Leaf layers in forward order: a Sequential is replaced by its layers, recursively. */
function leafLayers(m: Module, path: string): LeafLayer[] {
  if (!(m instanceof Sequential)) return [{ path, module: m }];
  return m.layers.flatMap((layer, i) => leafLayers(layer, path === "" ? `${i}` : `${path}.${i}`));
}

/** "layer 3 (Linear)"; the model itself when it is not a Sequential: "Linear". */
function label(leaf: LeafLayer): string {
  return leaf.path === "" ? leaf.module.typeName : `layer ${leaf.path} (${leaf.module.typeName})`;
}

/** ‖θ‖₂ over the module's parameters (its children's too), undefined when it has none. */
function ownWeightNorm(m: Module): number | undefined {
  const params = m.parameters();
  if (params.length === 0) return undefined;
  let s = 0;
  for (const p of params) for (let i = 0; i < p.data.length; i++) s += p.data[i] * p.data[i];
  return Math.sqrt(s);
}

/** Largest finite |value|, how many values are not finite, and the first of them. */
export function maxAbs(data: ArrayLike<number>): { max: number; nonFinite: number; first: number } {
  let max = 0;
  let nonFinite = 0;
  let first = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      if (nonFinite++ === 0) first = v;
    } else if (Math.abs(v) > max) max = Math.abs(v);
  }
  return { max, nonFinite, first };
}
