// History: what fit() returns — the logs of every epoch, in order.
import type { Logs } from "./callback.js";

/** What `fit` returns: the logs of every epoch, in order (`epochs[e]` for epoch e). */
export class History {
  readonly epochs: Logs[] = [];

  /** Append one epoch's logs (a copy); `fit` calls it after each epoch. */
  push(logs: Logs): void {
    this.epochs.push({ ...logs });
  }

  /** The sequence of one logged value ("loss", "valAccuracy", …) across epochs. */
  get(key: string): number[] {
    return this.epochs.map((e) => e[key]);
  }

  /**
   * Keras's `history.history` dict: one array per logged key, one entry per epoch, keys in the
   * order they first appear. The keys are Myelin's log keys — camelCase (`loss`, `valLoss`,
   * `accuracy`, `valAccuracy`, `lr`), not Keras's snake_case `val_loss`. An epoch that did not
   * log a key has NaN there, so every array has one entry per epoch.
   *   const { loss, valLoss } = history.history;
   */
  get history(): Record<string, number[]> {
    const keys = new Set<string>();
    for (const e of this.epochs) for (const k of Object.keys(e)) keys.add(k);
    const out: Record<string, number[]> = {};
    for (const k of keys) out[k] = this.epochs.map((e) => e[k] ?? NaN);
    return out;
  }

  /** The last epoch's logs (empty before the first epoch ends). */
  get last(): Logs {
    return this.epochs[this.epochs.length - 1] ?? {};
  }

  /** The per-epoch logs, for JSON.stringify. */
  toJSON(): Logs[] {
    return this.epochs;
  }
}
