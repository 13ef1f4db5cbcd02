/* eslint-disable @typescript-eslint/ban-ts-comment -- AssemblyScript source, see below */
// @ts-nocheck — AssemblyScript source (compiled by scripts/build-wasm.mjs with asc, not tsc).
// It uses AssemblyScript's built-in types (f32, i32, usize, v128) and intrinsics (load, store,
// f32x4.*), which the TypeScript checker of the rest of the repository does not know.
//
// float32 matrix product C = op(A)·op(B) with WebAssembly SIMD (f32x4), op(X) ∈ {X, Xᵀ}.
//   op(A): [m, k]   op(B): [k, n]   C: [m, n]   row-major, C overwritten
//   A stored [m, k] (or [k, m] when transA); B stored [k, n] (or [n, k] when transB).
//
// Structure (the classic Goto/BLIS decomposition):
//   for jc in steps of NC over n           B block  op(B)[pc:pc+kc, jc:jc+nc] → packed Bp (L2/L3)
//     for pc in steps of KC over k
//       pack Bp as ⌈nc/NR⌉ panels of [kc, NR]          (zero-padded past n)
//       for ic in steps of MC over m       A block  op(A)[ic:ic+mc, pc:pc+kc] → packed Ap (L2)
//         pack Ap as ⌈mc/MR⌉ panels of [kc, MR]        (zero-padded past m)
//         for each NR-wide panel of Bp, each MR-tall panel of Ap:
//           micro-kernel: C[MR, NR] += Σ_p Ap[p, 0:MR]ᵀ · Bp[p, 0:NR]
// The transposes are absorbed by the packing step (it reads op(X)[r, c] with the right strides),
// so the micro-kernel only ever sees the same contiguous layout.
//
// The micro-kernel is MR×NR = 4×8: 8 f32x4 accumulators (4 rows × 2 vectors of 4 columns),
// 2 vector loads of B and 4 scalar splats of A per step p — 11 live v128 registers, which fits
// the 16 SIMD registers of x86-64 and the 32 of arm64.
//
// Memory: the caller (memory.ts) places A, B and C in linear memory and passes a scratch area
// `work` of at least workBytes() bytes for the packed blocks. Nothing here allocates.

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 512;

/** Bytes of scratch memory matmulF32 needs for its packed blocks (independent of the sizes). */
export function workBytes(): i32 {
  return (KC * NC + MC * KC + MR * NR) << 2;
}

/** First free byte after the module's static data: the caller's memory layout starts here. */
export function heapBase(): usize {
  return __heap_base;
}

/** Pack op(B)[p0:p0+kc, j0:j0+nc] into panels of [kc, NR], columns past nc padded with 0. */
function packB(
  b: usize,
  bp: usize,
  k: i32,
  n: i32,
  transB: bool,
  p0: i32,
  kc: i32,
  j0: i32,
  nc: i32,
): void {
  let dst = bp;
  for (let jr: i32 = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    for (let p: i32 = 0; p < kc; p++) {
      const row = p0 + p;
      if (!transB && cols == NR) {
        // op(B)[row, j] = B[row·n + j]: 8 contiguous floats → two vector copies
        const src = b + ((<usize>(row * n + j0 + jr)) << 2);
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
      } else {
        for (let j: i32 = 0; j < NR; j++) {
          let v: f32 = 0;
          if (j < cols) {
            const col = j0 + jr + j;
            // op(B)[row, col] = B[row·n + col]  or, transposed, B[col·k + row]
            const idx = transB ? col * k + row : row * n + col;
            v = load<f32>(b + ((<usize>idx) << 2));
          }
          store<f32>(dst + ((<usize>j) << 2), v);
        }
      }
      dst += <usize>(NR << 2);
    }
  }
}

/**
 * Pack op(A)[i0:i0+mc, p0:p0+kc] into panels of [kc, MR], rows past mc padded with 0.
 * lda is A's stored row stride: op(A)[i, p] = A[i·lda + p], or A[p·lda + i] when transposed.
 */
function packA(
  a: usize,
  ap: usize,
  lda: i32,
  transA: bool,
  i0: i32,
  mc: i32,
  p0: i32,
  kc: i32,
): void {
  let dst = ap;
  for (let ir: i32 = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    for (let p: i32 = 0; p < kc; p++) {
      const col = p0 + p;
      if (transA && rows == MR) {
        // op(A)[i, col] = A[col·lda + i]: 4 contiguous floats → one vector copy
        v128.store(dst, v128.load(a + ((<usize>(col * lda + i0 + ir)) << 2)));
      } else {
        for (let i: i32 = 0; i < MR; i++) {
          let v: f32 = 0;
          if (i < rows) {
            const row = i0 + ir + i;
            const idx = transA ? col * lda + row : row * lda + col;
            v = load<f32>(a + ((<usize>idx) << 2));
          }
          store<f32>(dst + ((<usize>i) << 2), v);
        }
      }
      dst += <usize>(MR << 2);
    }
  }
}

/**
 * C[rows, cols] += Ap[kc, MR]ᵀ·Bp[kc, NR] for one tile; ldc is C's row stride in elements.
 * Full tiles update C directly; edge tiles go through the scratch tile `t` [MR, NR].
 */
function microKernel(
  ap: usize,
  bp: usize,
  kc: i32,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  t: usize,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  let pa = ap;
  let pb = bp;
  for (let p: i32 = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = f32x4.splat(load<f32>(pa));
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = f32x4.splat(load<f32>(pa, 4));
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = f32x4.splat(load<f32>(pa, 8));
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = f32x4.splat(load<f32>(pa, 12));
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  const ldcBytes = (<usize>ldc) << 2;
  if (rows == MR && cols == NR) {
    let r = c;
    v128.store(r, f32x4.add(v128.load(r), c00));
    v128.store(r, f32x4.add(v128.load(r, 16), c01), 16);
    r += ldcBytes;
    v128.store(r, f32x4.add(v128.load(r), c10));
    v128.store(r, f32x4.add(v128.load(r, 16), c11), 16);
    r += ldcBytes;
    v128.store(r, f32x4.add(v128.load(r), c20));
    v128.store(r, f32x4.add(v128.load(r, 16), c21), 16);
    r += ldcBytes;
    v128.store(r, f32x4.add(v128.load(r), c30));
    v128.store(r, f32x4.add(v128.load(r, 16), c31), 16);
    return;
  }
  v128.store(t, c00);
  v128.store(t, c01, 16);
  v128.store(t, c10, 32);
  v128.store(t, c11, 48);
  v128.store(t, c20, 64);
  v128.store(t, c21, 80);
  v128.store(t, c30, 96);
  v128.store(t, c31, 112);
  for (let i: i32 = 0; i < rows; i++) {
    const ci = c + <usize>i * ldcBytes;
    const ti = t + ((<usize>(i * NR)) << 2);
    for (let j: i32 = 0; j < cols; j++) {
      const o = (<usize>j) << 2;
      store<f32>(ci + o, load<f32>(ci + o) + load<f32>(ti + o));
    }
  }
}

/**
 * C = op(A)·op(B) in float32; a, b, c, work are byte offsets into this module's memory.
 * C is overwritten (zeroed first, so k = 0 gives C = 0); m = 0 or n = 0 touches nothing.
 * lda is A's stored row stride — k, or (transA) the full row count of op(A) — so that a caller
 * can hand a band of rows of op(A) and C to each thread: a → first row, c → its C row, m → band.
 */
export function matmulF32(
  a: usize,
  b: usize,
  c: usize,
  m: i32,
  k: i32,
  n: i32,
  lda: i32,
  transA: bool,
  transB: bool,
  work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  memory.fill(c, 0, (<usize>m * <usize>n) << 2);
  if (k <= 0) return;
  const bp = work;
  const ap = bp + ((<usize>(KC * NC)) << 2);
  const tile = ap + ((<usize>(MC * KC)) << 2);
  for (let jc: i32 = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc: i32 = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(b, bp, k, n, transB, pc, kc, jc, nc);
      for (let ic: i32 = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a, ap, lda, transA, ic, mc, pc, kc);
        for (let jr: i32 = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bPanel = bp + ((<usize>(jr * kc)) << 2);
          for (let ir: i32 = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const aPanel = ap + ((<usize>(ir * kc)) << 2);
            const cTile = c + ((<usize>((ic + ir) * n + jc + jr)) << 2);
            microKernel(aPanel, bPanel, kc, cTile, n, rows, cols, tile);
          }
        }
      }
    }
  }
}
