// The NonFiniteReport a page shows: the library's NonFiniteTrainingError (with the origin that
// diagnostics.explainNaN found) put into one plain sentence with the remedy. Not here: finding
// the NaN (optim/non-finite.ts, diagnostics/explain-nan.ts).
import type { Module } from "../nn/module.js";
import type { NonFiniteTrainingError } from "../optim/non-finite.js";
import { describeParameter } from "../train/weight-guard.js";
import type { NonFiniteReport, TrainingJob } from "./protocol.js";

/**
 * The report of `error`, raised at 1-based `epoch` and optimizer `step`:
 *   layer   the origin's layer ("layer 2 (Linear)"), else the parameter's ("layer 2 (Linear)")
 *   where   "forward: matmul" / "backward: tanh" from the origin, else "loss" | "gradient" | "weight"
 * `model` still holds the weights of the failing step (before any restore): a weight that is
 * already NaN/Inf there was set from outside training (a command), not by a step.
 */
export function describeNonFinite(
  error: NonFiniteTrainingError,
  model: Module,
  job: TrainingJob,
  epoch: number,
  step: number,
): NonFiniteReport {
  const r = error.report;
  const origin = r.origin;
  const parameterLayer =
    r.layer ?? (r.parameter === undefined ? "the loss" : describeParameter(model, r.parameter));
  const layer = origin?.layer ?? stripParameter(parameterLayer);
  const where =
    origin === undefined ? r.where : origin.op ? `${origin.phase}: ${origin.op}` : origin.phase;
  const poisoned = poisonedLayer(model);
  const back = epoch === 1 ? "the initial weights" : `the weights of the end of epoch ${epoch - 1}`;
  const value = String(r.value);
  let message: string;
  if (poisoned !== null) {
    message =
      `${poisoned} holds a ${value === "NaN" ? "NaN" : "non-finite"} weight that training did not put there, ` +
      `so ${layer} ${origin?.phase === "backward" ? "gets" : "produces"} ${value} at epoch ${epoch}, step ${step}; ` +
      `training went back to ${back}: keep training, or reset to start again.`;
  } else {
    const lr = job.optimizer.lr;
    const clip = job.clipNorm === undefined && job.clipValue === undefined;
    message =
      `Training blew up at epoch ${epoch}, step ${step}: ${layer} ${describeWhere(r.where, where)} ${value}, ` +
      `so training went back to ${back}; ` +
      `lower the learning rate (now ${lr})` +
      (clip ? ", turn on gradient clipping" : "") +
      `${job.network.batchNorm ? "" : " or add batch normalization"}, then train again.`;
  }
  return { epoch, step, layer, where, message };
}

/** "layer 2 (Linear) weight" → "layer 2 (Linear)"; other descriptions are kept. */
function stripParameter(described: string): string {
  return described.startsWith("layer ") ? described.replace(/ \w+$/, "") : described;
}

/** The first layer (in words) holding a NaN/Inf weight, or null. */
function poisonedLayer(model: Module): string | null {
  for (const [name, p] of model.namedParameters()) {
    for (let i = 0; i < p.data.length; i++) {
      if (!Number.isFinite(p.data[i])) return stripParameter(describeParameter(model, name));
    }
  }
  return null;
}

function describeWhere(guardWhere: string, where: string): string {
  if (guardWhere === "weight") return "got a weight of";
  if (where.startsWith("backward")) return "produced a gradient of";
  if (where.startsWith("forward")) return "produced";
  return guardWhere === "loss" ? "gave a loss of" : "got a gradient of";
}
