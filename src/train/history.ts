// History: what fit() returns — the logs of every epoch, in order.
import type { Logs } from "./callback.js";

export class History {
  readonly epochs: Logs[] = [];

  push(logs: Logs): void {
    this.epochs.push({ ...logs });
  }

  /** The sequence of one logged value ("loss", "valAccuracy", …) across epochs. */
  get(key: string): number[] {
    return this.epochs.map((e) => e[key]);
  }

  /** The last epoch's logs (empty before the first epoch ends). */
  get last(): Logs {
    return this.epochs[this.epochs.length - 1] ?? {};
  }

  toJSON(): Logs[] {
    return this.epochs;
  }
}
