// `myelin train --schedule`: the learning-rate schedules the CLI offers, written as short text,
// checked before any data is read and built over fit's optimizer (fit steps it once per epoch).
// Not here: the schedules themselves (optim/schedules/).
import { optim, type train } from "../../node/index.js";
import { closest } from "../args.js";
import { UsageError } from "../output.js";

/** A parsed --schedule; every number is resolved (defaults filled in). */
export type ScheduleSpec =
  | { kind: "none" }
  | { kind: "step"; stepSize: number; gamma: number }
  | { kind: "cosine"; tMax: number }
  | { kind: "onecycle"; totalEpochs: number }
  | { kind: "plateau"; patience: number; factor: number };

/** The accepted forms, for --help and for the usage error of a malformed value. */
export const SCHEDULE_FORMS =
  "none | step:N[:G] (lr ×G every N epochs, G default 0.1) | cosine[:T] (lr → 0 along a half " +
  "cosine over T epochs, default --epochs) | onecycle (lr up from --lr/25 to --lr, then down to " +
  "--lr/25e4 over --epochs; momentum or Adam's β₁ cycles 0.95 → 0.85 → 0.95 when the optimizer " +
  "uses it) | plateau[:P[:F]] (lr ×F, default 0.1, after P epochs, default 10, without a better " +
  "validation loss — the training loss when there is no validation set)";

/** --schedule text → spec; `epochs` is the run's --epochs (cosine and onecycle span it). */
export function parseSchedule(text: string, epochs: number): ScheduleSpec {
  const [kind, ...args] = text.trim().split(":");
  const bad = (why: string): never => {
    throw new UsageError(
      `--schedule ${JSON.stringify(text)}: ${why}; accepted forms: ${SCHEDULE_FORMS}`,
      "train",
    );
  };
  const count = (max: number): void => {
    if (args.length > max) bad(`${kind} takes at most ${max} value${max === 1 ? "" : "s"}`);
  };
  const number = (i: number, what: string, ok: (v: number) => boolean, fallback?: number) => {
    if (args[i] === undefined && fallback !== undefined) return fallback;
    const v = args[i] === undefined || args[i].trim() === "" ? NaN : Number(args[i]);
    if (!Number.isFinite(v) || !ok(v)) bad(`${what}, got ${JSON.stringify(args[i] ?? "")}`);
    return v;
  };
  const positiveInt = (v: number): boolean => Number.isSafeInteger(v) && v >= 1;
  switch (kind) {
    case "none":
      count(0);
      return { kind };
    case "step":
      count(2);
      return {
        kind,
        stepSize: number(0, "N must be an integer ≥ 1", positiveInt),
        gamma: number(1, "G must be a number > 0", (v) => v > 0, 0.1),
      };
    case "cosine":
      count(1);
      return { kind, tMax: number(0, "T must be an integer ≥ 1", positiveInt, epochs) };
    case "onecycle":
      count(0);
      return { kind, totalEpochs: epochs };
    case "plateau":
      count(2);
      return {
        kind,
        patience: number(
          0,
          "P must be an integer ≥ 0",
          (v) => Number.isSafeInteger(v) && v >= 0,
          10,
        ),
        factor: number(1, "F must be a number in (0, 1)", (v) => v > 0 && v < 1, 0.1),
      };
    default: {
      const hint = closest(kind, ["none", "step", "cosine", "onecycle", "plateau"]);
      return bad(
        `unknown schedule ${JSON.stringify(kind)}${hint ? ` (did you mean ${hint}?)` : ""}`,
      );
    }
  }
}

/**
 * The spec with every value spelled out ("step:30:0.1", "cosine:150", "onecycle:150"), as the
 * model file and the checkpoint identity record it: a resume with another span is refused.
 */
export function scheduleText(spec: ScheduleSpec): string {
  switch (spec.kind) {
    case "none":
      return "none";
    case "step":
      return `step:${spec.stepSize}:${spec.gamma}`;
    case "cosine":
      return `cosine:${spec.tMax}`;
    case "onecycle":
      return `onecycle:${spec.totalEpochs}`;
    case "plateau":
      return `plateau:${spec.patience}:${spec.factor}`;
    default:
      return spec satisfies never;
  }
}

type Schedule = NonNullable<train.FitOptions["schedule"]>;
type OptimizerLike = Parameters<Extract<Schedule, (o: never) => unknown>>[0];

/** fit's `schedule` option for the spec (undefined for none); the lr starts at the optimizer's. */
export function scheduleOption(spec: ScheduleSpec): Schedule | undefined {
  switch (spec.kind) {
    case "none":
      return undefined;
    case "step":
      return (opt) => optim.stepLR(opt, spec.stepSize, spec.gamma);
    case "cosine":
      return (opt) => optim.cosineAnnealingLR(opt, spec.tMax);
    case "onecycle":
      return (opt) =>
        optim.oneCycleLR(opt, opt.lr, spec.totalEpochs, { cycleMomentum: cyclesMomentum(opt) });
    case "plateau":
      return (opt) =>
        optim.reduceLROnPlateau(opt, { patience: spec.patience, factor: spec.factor });
    default:
      return spec satisfies never;
  }
}

/** One-cycle cycles Adam-style β₁, or a momentum the run turned on (never adds momentum to sgd). */
function cyclesMomentum(opt: OptimizerLike): boolean {
  const hyper: Readonly<Record<string, optim.HyperValue>> =
    (opt as Partial<optim.Optimizer>).hyperParameters ?? {};
  const momentum = hyper.momentum;
  return "betas" in hyper || (typeof momentum === "number" && momentum > 0);
}

/** The optimizer hyper-parameters the schedule changes during a run (a resume cannot compare them). */
export function scheduledHyperParameters(spec: ScheduleSpec): readonly string[] {
  if (spec.kind === "none") return [];
  return spec.kind === "onecycle" ? ["lr", "momentum", "betas"] : ["lr"];
}
