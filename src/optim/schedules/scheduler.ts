// LRScheduler: the base of the epoch-indexed schedules. It counts steps (lastEpoch, as PyTorch),
// asks the subclass for the next lr, writes it into the optimizer and saves/restores its counters.
// ReduceLROnPlateau is metric-driven and does not extend it (as in PyTorch).
import { ValueError } from "../../errors.js";
import { decodeNumber, encodeNumber, isRecord, type EncodedNumber } from "../state-codec.js";

/** What a schedule needs from an optimizer: a readable, writable learning rate. */
export interface LrHolder {
  lr: number;
}

/** A value a schedule's config may hold (saved in its state dict and compared on load). */
export type ScheduleConfigValue = number | boolean | string | readonly number[];

/** Plain JSON data; config must match the schedule it is loaded into. */
export interface SchedulerStateDict {
  type: string;
  config: Record<string, ScheduleConfigValue>;
  lastEpoch: number;
  stepCount: number;
  baseLr: EncodedNumber;
  lastLr: EncodedNumber;
}

/**
 * Base of the epoch-indexed learning-rate schedules (StepLR, CosineAnnealingLR, …): each
 * step() advances lastEpoch and writes the subclass's next lr into the optimizer.
 */
export abstract class LRScheduler {
  readonly typeName: string;
  readonly optimizer: LrHolder;
  /** The optimizer's lr when the schedule was created (PyTorch's initial_lr). */
  baseLr: number;
  /** Index of the last step() (0 right after construction). */
  lastEpoch = -1;
  protected stepCount = 0;
  protected lastLr: number;

  protected constructor(typeName: string, optimizer: LrHolder) {
    if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.lr !== "number") {
      throw new ValueError(`${typeName}: expected an optimizer with a numeric lr`);
    }
    this.typeName = typeName;
    this.optimizer = optimizer;
    this.baseLr = optimizer.lr;
    this.lastLr = optimizer.lr;
  }

  /** The next learning rate, for epoch `this.lastEpoch` (already incremented). */
  protected abstract computeLr(): number;

  /** Constructor arguments, saved and compared on load. */
  protected abstract config(): Record<string, ScheduleConfigValue>;

  /** Subclasses call this last in their constructor: PyTorch's initial step to epoch 0. */
  protected initialStep(): void {
    this.step();
  }

  /** Advance one epoch (or batch) and set the optimizer's lr. Call after optimizer.step(). */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    const lr = this.computeLr();
    this.optimizer.lr = lr;
    this.lastLr = lr;
  }

  /** The lr set by the last step() (PyTorch returns one per parameter group; we have one). */
  getLastLr(): number {
    return this.lastLr;
  }

  /** Counters and config; the lr itself lives in the optimizer's stateDict (save both). */
  stateDict(): SchedulerStateDict {
    return {
      type: this.typeName,
      config: this.config(),
      lastEpoch: this.lastEpoch,
      stepCount: this.stepCount,
      baseLr: encodeNumber(this.baseLr),
      lastLr: encodeNumber(this.lastLr),
    };
  }

  /** Restore counters saved from a schedule of the same type and config (else ValueError). */
  loadStateDict(sd: unknown): void {
    const where = `${this.typeName}.loadStateDict`;
    checkHeader(sd, this.typeName, this.config(), where);
    const { lastEpoch, stepCount } = sd as Record<string, unknown>;
    for (const [k, v] of [
      ["lastEpoch", lastEpoch],
      ["stepCount", stepCount],
    ] as const) {
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
        throw new ValueError(`${where}: ${k} must be an integer ≥ 0, got ${JSON.stringify(v)}`);
      }
    }
    const baseLr = decodeNumber((sd as Record<string, unknown>).baseLr, `${where}: baseLr`);
    const lastLr = decodeNumber((sd as Record<string, unknown>).lastLr, `${where}: lastLr`);
    this.lastEpoch = lastEpoch as number;
    this.stepCount = stepCount as number;
    this.baseLr = baseLr;
    this.lastLr = lastLr;
  }
}

/** Check `type` and that the saved config equals ours (a changed schedule is a resume error). */
export function checkHeader(
  sd: unknown,
  typeName: string,
  config: Record<string, ScheduleConfigValue>,
  where: string,
): void {
  if (!isRecord(sd)) throw new ValueError(`${where}: expected an object`);
  if (sd.type !== typeName) {
    throw new ValueError(`${where}: state is for ${JSON.stringify(sd.type)}, not ${typeName}`);
  }
  // Key order is not part of the config: a state that went through a canonical (key-sorted) file
  // must still match.
  const saved = sortedJson(sd.config);
  const ours = sortedJson(config);
  if (saved !== ours) {
    throw new ValueError(`${where}: saved config ${saved} differs from this schedule's ${ours}`);
  }
}

/** JSON text of a flat config with its keys sorted. */
function sortedJson(config: unknown): string {
  if (!isRecord(config)) return JSON.stringify(config);
  return JSON.stringify(
    Object.fromEntries(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/** An integer ≥ min. */
export function checkInt(where: string, name: string, v: number, min: number): void {
  if (!(Number.isSafeInteger(v) && v >= min)) {
    throw new ValueError(`${where}: ${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

/** A finite number ≥ 0. */
export function checkNonNegative(where: string, name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new ValueError(`${where}: ${name} must be a finite number ≥ 0, got ${v}`);
  }
}

/**
 * A schedule's settings: the options object it was given, or the one its older positional form
 * (a number or an array in second place) stands for. Anything else → ValueError showing `shape`.
 */
export function scheduleOptions<O extends object>(
  who: string,
  given: unknown,
  shape: string,
  fromPositional: () => O,
): O {
  if (typeof given === "number" || Array.isArray(given)) return fromPositional();
  if (given === null || typeof given !== "object") {
    const got = typeof given === "string" ? JSON.stringify(given) : String(given);
    throw new ValueError(`${who}: expected options ${shape}, got ${got}`);
  }
  return given as O;
}
