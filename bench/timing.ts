// Wall-clock timing for benchmarks: warm up, then repeat until a time budget is spent, and
// report the median of several rounds (robust to a GC pause or a noisy neighbour).

export interface TimingOptions {
  /** Total time budget in milliseconds for the measured rounds. */
  budgetMs: number;
  /** Measured rounds (the median round is reported). */
  rounds?: number;
  /** Calls before measuring (JIT warm-up, memory growth). */
  warmup?: number;
}

/** Median milliseconds per call of `fn`. */
export function timePerCall(fn: () => void, options: TimingOptions): number {
  const rounds = options.rounds ?? 5;
  for (let i = 0; i < (options.warmup ?? 2); i++) fn();
  // calibrate: how many calls fit in one round
  let t0 = performance.now();
  fn();
  const single = Math.max(performance.now() - t0, 1e-3);
  const perRound = Math.max(1, Math.floor(options.budgetMs / rounds / single));
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    samples.push((performance.now() - t0) / perRound);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Async variant for APIs that return promises (tfjs data(), worker round trips). */
export async function timePerCallAsync(
  fn: () => Promise<void>,
  options: TimingOptions,
): Promise<number> {
  const rounds = options.rounds ?? 5;
  for (let i = 0; i < (options.warmup ?? 2); i++) await fn();
  let t0 = performance.now();
  await fn();
  const single = Math.max(performance.now() - t0, 1e-3);
  const perRound = Math.max(1, Math.floor(options.budgetMs / rounds / single));
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    for (let i = 0; i < perRound; i++) await fn();
    samples.push((performance.now() - t0) / perRound);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
