// Shared "is this epoch better?" logic for callbacks that watch a logged value.
import { ValueError } from "../../errors.js";
import type { Logs } from "../callback.js";

/**
 * Whether a smaller ("min") or larger ("max") value is better; "auto": max for names with acc, f1 or r2.
 */
export type MonitorMode = "min" | "max" | "auto";

interface Monitor {
  key: string;
  /** Value of the watched key in these logs; throws if it is missing. */
  read(logs: Logs): number;
  /** True when `value` beats `best` by more than minDelta. */
  improves(value: number, best: number): boolean;
  initial: number;
}

export function makeMonitor(
  key: string,
  mode: MonitorMode,
  minDelta: number,
  who: string,
): Monitor {
  const resolved = mode === "auto" ? (/acc|f1|r2/i.test(key) ? "max" : "min") : mode;
  if (resolved !== "min" && resolved !== "max")
    throw new ValueError(`${who}: mode must be "min", "max" or "auto", got ${mode}`);
  const delta = Math.abs(minDelta);
  return {
    key,
    initial: resolved === "min" ? Infinity : -Infinity,
    read(logs) {
      const v = logs[key];
      if (v === undefined) {
        throw new ValueError(
          `${who}: monitored value "${key}" is not in the logs (have: ${Object.keys(logs).join(", ")})`,
        );
      }
      return v;
    },
    improves: (value, best) => (resolved === "min" ? value < best - delta : value > best + delta),
  };
}
