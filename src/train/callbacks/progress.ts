// progress(): a terminal progress bar with ETA, loss and metrics when attached to a TTY, and one
// plain line per epoch otherwise (logs, CI). Writes through a function, so it works in browsers.
import type { Callback, Logs } from "../callback.js";

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Where text goes (default: process.stdout.write when present, else console.log). */
  write?: (text: string) => void;
  /** Redraw a bar in place (default: whether stdout is a TTY). */
  tty?: boolean;
  /** Bar width in characters (default 24). */
  width?: number;
}

function defaultWrite(): (text: string) => void {
  const out = (globalThis as { process?: { stdout?: { write(s: string): void } } }).process?.stdout;
  return out ? (s) => out.write(s) : (s) => console.log(s.replace(/\n$/, ""));
}

function isTTY(): boolean {
  return Boolean(
    (globalThis as { process?: { stdout?: { isTTY?: boolean } } }).process?.stdout?.isTTY,
  );
}

/** 12.3s, 4m05s, 1h02m */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** Logs as one line, "loss 0.1234 · accuracy 0.9500" (tiny values in exponent form). */
export function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(([k, v]) => `${k} ${Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2)}`)
    .join(" · ");
}

/** A progress bar with ETA on a TTY, one plain line per epoch otherwise. */
export function progress(options: ProgressOptions = {}): Callback {
  const write = options.write ?? defaultWrite();
  const tty = options.tty ?? isTTY();
  const width = options.width ?? 24;
  let epochStart = 0;
  let lossSum = 0;
  let lastDraw = 0;
  return {
    onEpochBegin() {
      epochStart = Date.now();
      lossSum = 0;
    },
    onBatchEnd(batch, { loss }, ctx) {
      lossSum += loss;
      if (!tty) return;
      const now = Date.now();
      const done = batch + 1;
      if (now - lastDraw < 100 && done < ctx.batchesPerEpoch) return;
      lastDraw = now;
      const frac = done / ctx.batchesPerEpoch;
      const filled = Math.round(frac * width);
      const elapsed = (now - epochStart) / 1000;
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : NaN;
      write(
        `\r\x1b[2Kepoch ${ctx.history.epochs.length + 1}/${ctx.epochs} [${"█".repeat(filled)}${"·".repeat(width - filled)}] ` +
          `${done}/${ctx.batchesPerEpoch} · ETA ${formatDuration(eta)} · loss ${(lossSum / done).toFixed(4)}`,
      );
    },
    onEpochEnd(epoch, logs, ctx) {
      const secs = (Date.now() - epochStart) / 1000;
      write(
        `${tty ? "\r\x1b[2K" : ""}epoch ${epoch + 1}/${ctx.epochs} · ${formatDuration(secs)} · ${formatLogs(logs)}\n`,
      );
    },
  };
}
