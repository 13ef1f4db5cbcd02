// One benchmark measurement as the child process reports it to run.ts.
export interface BenchResult {
  workload: string;
  impl: string;
  /** Higher is better: GFLOP/s or samples/s. */
  value: number;
  unit: "GFLOP/s" | "samples/s" | "m·k·n";
  /** Peak resident set size of the process that measured it, MiB. */
  peakRssMiB: number;
  /** W2: test-set accuracy after the epoch. */
  accuracy?: number;
  /** W2-memory: RSS after each epoch (MiB) and the data set's float32 size (MiB). */
  rssByEpochMiB?: number[];
  datasetMiB?: number;
  /** W2-memory: largest RSS sampled after any training batch (the process peak includes loading). */
  trainingPeakMiB?: number;
  /** W2-memory: largest RSS sampled after a batch of epoch 2 or later. */
  steadyPeakMiB?: number;
  /** W2-bn: median samples/s without BN, with fused BN, with BN op by op, and every round. */
  batchNorm?: { plain: number; bn: number; bnOpByOp: number; rounds: Record<string, number[]> };
  note?: string;
}

/** Peak RSS of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
