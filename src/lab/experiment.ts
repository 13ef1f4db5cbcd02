/**
 * An experiment: one of the article's claims, measured.
 *
 * Each experiment states the claim and the conditions it runs under, runs with
 * a fixed seed, and ends with verdicts computed from its own numbers — so a
 * claim the article overstates comes out "not supported under these
 * conditions" instead of being asserted.
 *
 * This module is core (browser-safe): the CLI prints a LabResult, the
 * playground can render the same tables and plots.
 */

/** quick: a smaller run (under 10 s); seed: every random draw derives from it. */
export interface LabOptions {
  quick: boolean;
  seed: number;
}

export interface LabTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** A self-contained <svg>…</svg>. */
export interface LabPlot {
  title: string;
  svg: string;
}

/** A verdict on one claim, decided from the lab's own measurements. */
export interface LabVerdict {
  claim: string;
  supported: boolean | "partly";
  because: string;
}

export interface LabResult {
  name: string;
  claim: string;
  conditions: string;
  tables: LabTable[];
  plots: LabPlot[];
  verdicts: LabVerdict[];
  measurements: Record<string, number>;
}

export interface Experiment {
  name: string;
  summary: string;
  run(options: LabOptions): Promise<LabResult>;
}
