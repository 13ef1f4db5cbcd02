// Seedable pseudo-random numbers (xoshiro128**), used by every random function in Myelin.
// seed(n) makes a run reproducible bit for bit; the state can be saved and restored for checkpoints.
import { ValueError } from "../errors.js";

/** Serializable generator state: four 32-bit words plus a cached normal deviate. */
export interface RandomState {
  s: [number, number, number, number];
  spareNormal: number | null;
}

/** splitmix32: spreads a user seed over the four state words (never all zero). */
function splitmix32(seedValue: number): () => number {
  let x = seedValue >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seedable xoshiro128** generator; `globalRandom` is the one every random function uses.
 * Make your own for a stream of numbers independent of the global one.
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  constructor(seedValue = 0) {
    this.seed(seedValue);
  }

  /** Reset the state from `seedValue` (any finite number; the same seed gives the same numbers). */
  seed(seedValue: number): void {
    if (!Number.isFinite(seedValue))
      throw new ValueError(`seed: expected a finite number, got ${seedValue}`);
    const next = splitmix32(Math.floor(seedValue) ^ Math.floor(seedValue / 2 ** 32));
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = null;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal N(0, 1) by the Box–Muller transform (pairs; the second is cached). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u1 = 0;
    while (u1 === 0) u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fisher–Yates permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The generator's state. The words are always unsigned (0 ≤ w < 2^32): the xor-shift steps
   * leave signed int32 values behind, and `>>> 0` makes equal states serialise to equal bytes.
   */
  getState(): RandomState {
    const s: RandomState["s"] = [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
    return { s, spareNormal: this.spare };
  }

  /** Restore a state from getState; signed words (written by older versions) are accepted. */
  setState(state: RandomState): void {
    const ok =
      Array.isArray(state?.s) && state.s.length === 4 && state.s.every((w) => Number.isInteger(w));
    if (!ok) throw new ValueError("Random.setState: expected { s: [4 integers], spareNormal }");
    [this.s0, this.s1, this.s2, this.s3] = state.s.map((w) => w >>> 0) as [
      number,
      number,
      number,
      number,
    ];
    this.spare = typeof state.spareNormal === "number" ? state.spareNormal : null;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The global generator behind randn, rand, dropout, shuffling and initialisers. */
export const globalRandom = new Random(0);

/** Seed the global generator: the same seed gives the same numbers, bit for bit. */
export function seed(seedValue: number): void {
  globalRandom.seed(seedValue);
}
