// OneCycleLR (Smith & Topin's 1cycle policy), as PyTorch's OneCycleLR: warm the lr up from
// maxLr/divFactor to maxLr, then anneal it to maxLr/(divFactor·finalDivFactor); step once per batch.
// Momentum (or Adam's β₁) is cycled inversely between maxMomentum and baseMomentum by default.
import { ValueError } from "../../errors.js";
import type { HyperValue } from "../validate.js";
import {
  LRScheduler,
  checkInt,
  checkNonNegative,
  scheduleOptions,
  type LrHolder,
} from "./scheduler.js";

/** Options of {@link OneCycleLR}. */
export interface OneCycleLROptions {
  /** Share of the steps spent warming up, in [0, 1]. Default 0.3. */
  pctStart?: number;
  /** "cos" (default) or "linear" interpolation within each phase. */
  annealStrategy?: "cos" | "linear";
  /** Cycle the optimizer's `momentum` or `betas[0]` inversely to the lr. Default true (PyTorch). */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak. Default 0.85. */
  baseMomentum?: number;
  /** Momentum at the start and end. Default 0.95. */
  maxMomentum?: number;
  /** Initial lr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** Minimum lr = initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, back down to the initial lr, then to the minimum). Default false. */
  threePhase?: boolean;
}

/** Every setting of a one-cycle schedule in one object: the peak lr, the steps, the options. */
export interface OneCycleLRSettings extends OneCycleLROptions {
  /** The peak learning rate. */
  maxLr: number;
  /** Optimizer steps in the whole cycle (epochs · batches per epoch), an integer ≥ 1. */
  totalSteps: number;
}

/** What momentum cycling needs from the optimizer (the Optimizer base class provides it). */
interface MomentumHolder extends LrHolder {
  hasHyperParameter(name: string): boolean;
  setHyperParameter(name: string, value: HyperValue): void;
  readonly hyperParameters: Readonly<Record<string, HyperValue>>;
}

interface Phase {
  endStep: number;
  startLr: number;
  endLr: number;
  startMomentum: number;
  endMomentum: number;
}

/**
 * η₀ = maxLr/divFactor, ηmin = η₀/finalDivFactor, N = totalSteps, p = pctStart, step e = lastEpoch.
 * Phases (end step inclusive), two-phase:   [0, pN − 1]: η₀ → maxLr;   [pN − 1, N − 1]: maxLr → ηmin.
 * three-phase: [0, pN − 1]: η₀ → maxLr;  [pN − 1, 2pN − 2]: maxLr → η₀;  [2pN − 2, N − 1]: η₀ → ηmin.
 * Within a phase from a to b at fraction r = (e − start)/(end − start):
 *   cos:     ηₑ = b + (a − b)/2·(1 + cos(πr))        linear:  ηₑ = a + (b − a)·r
 * Momentum follows the same phases from maxMomentum → baseMomentum → maxMomentum.
 * The totalSteps-th step() (e = N) holds ηmin and maxMomentum: PyTorch extrapolates the last phase
 * there (a negative lr with "linear"); that lr is never used when step() follows each optimizer
 * step. More than totalSteps calls throw ValueError, as PyTorch.
 */
export class OneCycleLR extends LRScheduler {
  readonly maxLr: number;
  readonly totalSteps: number;
  readonly options: Required<OneCycleLROptions>;
  private readonly phases: Phase[];

  constructor(optimizer: LrHolder, settings: OneCycleLRSettings);
  /** The older form, kept: `new OneCycleLR(opt, 0.1, 1000, { pctStart: 0.25 })`. */
  constructor(optimizer: LrHolder, maxLr: number, totalSteps: number, options?: OneCycleLROptions);
  constructor(
    optimizer: LrHolder,
    settings: OneCycleLRSettings | number,
    totalStepsArg?: number,
    optionsArg: OneCycleLROptions = {},
  ) {
    super("OneCycleLR", optimizer);
    const { maxLr, totalSteps, ...options } = scheduleOptions<OneCycleLRSettings>(
      "OneCycleLR",
      settings,
      "{ maxLr, totalSteps, ...options }",
      () => ({ ...optionsArg, maxLr: settings as number, totalSteps: totalStepsArg as number }),
    );
    const o: Required<OneCycleLROptions> = {
      pctStart: 0.3,
      annealStrategy: "cos",
      cycleMomentum: true,
      baseMomentum: 0.85,
      maxMomentum: 0.95,
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: false,
      ...options,
    };
    checkNonNegative("OneCycleLR", "maxLr", maxLr);
    checkInt("OneCycleLR", "totalSteps", totalSteps, 1);
    if (!(o.pctStart >= 0 && o.pctStart <= 1)) {
      throw new ValueError(`OneCycleLR: pctStart must be in [0, 1], got ${o.pctStart}`);
    }
    if (o.annealStrategy !== "cos" && o.annealStrategy !== "linear") {
      throw new ValueError(
        `OneCycleLR: annealStrategy must be "cos" or "linear", got ${JSON.stringify(o.annealStrategy)}`,
      );
    }
    for (const k of ["divFactor", "finalDivFactor"] as const) {
      if (!(Number.isFinite(o[k]) && o[k] > 0)) {
        throw new ValueError(`OneCycleLR: ${k} must be a finite number > 0, got ${o[k]}`);
      }
    }
    this.maxLr = maxLr;
    this.totalSteps = totalSteps;
    this.options = o;
    const initialLr = maxLr / o.divFactor;
    const minLr = initialLr / o.finalDivFactor;
    this.baseLr = initialLr;
    this.phases = makePhases(o, totalSteps, initialLr, maxLr, minLr);
    if (o.cycleMomentum) this.setMomentum(o.maxMomentum);
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.options.annealStrategy === "linear") return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  private setMomentum(value: number): void {
    const opt = this.optimizer as Partial<MomentumHolder>;
    if (
      typeof opt.hasHyperParameter !== "function" ||
      typeof opt.setHyperParameter !== "function"
    ) {
      throw new ValueError("OneCycleLR: cycleMomentum needs an optimizer with hyper-parameters");
    }
    if (opt.hasHyperParameter("betas")) {
      const betas = opt.hyperParameters!.betas as readonly number[];
      opt.setHyperParameter("betas", [value, ...betas.slice(1)]);
    } else if (opt.hasHyperParameter("momentum")) {
      opt.setHyperParameter("momentum", value);
    } else {
      throw new ValueError(
        "OneCycleLR: optimizer has neither momentum nor betas; pass { cycleMomentum: false }",
      );
    }
  }

  protected computeLr(): number {
    const e = this.lastEpoch;
    if (e > this.totalSteps) {
      throw new ValueError(
        `OneCycleLR: tried to step ${e + 1} times; the specified number of total steps is ${this.totalSteps}`,
      );
    }
    if (e === this.totalSteps) {
      // the lr set by the totalSteps-th step() is never used by an optimizer step; PyTorch
      // extrapolates past the last phase (negative with "linear"), we hold the final values
      const last = this.phases[this.phases.length - 1];
      if (this.options.cycleMomentum) this.setMomentum(last.endMomentum);
      return last.endLr;
    }
    let start = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const ph = this.phases[i];
      if (e <= ph.endStep || i === this.phases.length - 1) {
        const pct = (e - start) / (ph.endStep - start);
        if (this.options.cycleMomentum) {
          this.setMomentum(this.anneal(ph.startMomentum, ph.endMomentum, pct));
        }
        return this.anneal(ph.startLr, ph.endLr, pct);
      }
      start = ph.endStep;
    }
    throw new Error("unreachable");
  }

  protected config() {
    return { maxLr: this.maxLr, totalSteps: this.totalSteps, ...this.options };
  }
}

function makePhases(
  o: Required<OneCycleLROptions>,
  n: number,
  initialLr: number,
  maxLr: number,
  minLr: number,
): Phase[] {
  const hi = o.maxMomentum;
  const lo = o.baseMomentum;
  const up = {
    endStep: o.pctStart * n - 1,
    startLr: initialLr,
    endLr: maxLr,
    startMomentum: hi,
    endMomentum: lo,
  };
  if (!o.threePhase) {
    return [
      up,
      { endStep: n - 1, startLr: maxLr, endLr: minLr, startMomentum: lo, endMomentum: hi },
    ];
  }
  return [
    up,
    {
      endStep: 2 * o.pctStart * n - 2,
      startLr: maxLr,
      endLr: initialLr,
      startMomentum: lo,
      endMomentum: hi,
    },
    { endStep: n - 1, startLr: initialLr, endLr: minLr, startMomentum: hi, endMomentum: hi },
  ];
}

/**
 * Factory: `optim.oneCycleLR(opt, { maxLr: 0.1, totalSteps: epochs * batchesPerEpoch })` (the
 * older `oneCycleLR(opt, 0.1, totalSteps, { ...options })` works too).
 */
export function oneCycleLR(optimizer: LrHolder, settings: OneCycleLRSettings): OneCycleLR;
export function oneCycleLR(
  optimizer: LrHolder,
  maxLr: number,
  totalSteps: number,
  options?: OneCycleLROptions,
): OneCycleLR;
export function oneCycleLR(
  optimizer: LrHolder,
  settings: OneCycleLRSettings | number,
  totalSteps?: number,
  options?: OneCycleLROptions,
): OneCycleLR {
  return typeof settings === "number"
    ? new OneCycleLR(optimizer, settings, totalSteps as number, options)
    : new OneCycleLR(optimizer, settings);
}
