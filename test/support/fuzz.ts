// Shared by the parser fuzz suites: the seed and the case-count scale (CI runs the defaults; a
// nightly run sets MYELIN_FUZZ_SCALE=100 for ~1M cases and MYELIN_FUZZ_SEED to a fresh seed), a
// seeded Random, and a failure message that carries what is needed to replay the case.
import { Random } from "../../src/tensor/random.js";

/** Seed of this run: MYELIN_FUZZ_SEED or a fixed default, so CI is reproducible. */
export const FUZZ_SEED = Number(process.env.MYELIN_FUZZ_SEED ?? 20240611);

/** Multiplier on every case count: MYELIN_FUZZ_SCALE (default 1). */
export const FUZZ_SCALE = Math.max(1, Number(process.env.MYELIN_FUZZ_SCALE ?? 1));

/** A Random for one suite; `salt` keeps suites independent of each other's draw counts. */
export function fuzzRandom(salt: number): Random {
  return new Random(FUZZ_SEED * 1000 + salt);
}

/** One of `items`, uniformly. */
export function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** Failure text naming the seed, the case, and the input (JSON-escaped), to turn into a fixture. */
export function replay(suite: string, index: number, input: unknown): string {
  const shown =
    input instanceof Uint8Array
      ? `bytes ${Buffer.from(input).toString("hex")}`
      : JSON.stringify(input);
  return `${suite} case ${index} (MYELIN_FUZZ_SEED=${FUZZ_SEED}): input ${shown}`;
}

/** Wall time of the slowest case, for the summary line (reported, never asserted). */
export class SlowestCase {
  ms = 0;
  what = "";

  record(ms: number, what: string): void {
    if (ms > this.ms) {
      this.ms = ms;
      this.what = what;
    }
  }
}
