/* eslint-disable @typescript-eslint/ban-ts-comment -- AssemblyScript source, see below */
// @ts-nocheck — AssemblyScript source (compiled by scripts/build-wasm.mjs with asc, not tsc).
//
// float32 elementwise maps, bias + activation, same-shape arithmetic, axis sums and row-wise
// softmax / log-softmax / softmax cross-entropy with WebAssembly SIMD (f32x4). Not here: matmul
// (matmul.ts). Pointers are byte offsets into linear memory; the caller (memory.ts) copies the
// operands in, rounds every region up to 16 bytes (so elementwise loops may read and write whole
// vectors past the end, inside the padding) and copies the results out. Nothing allocates.
//
// exp is vectorised: eˣ = 2ᵏ·eʳ, k = round(x·log₂e), r = x − k·ln2 (ln 2 split in two parts so
// k·ln2_hi is exact), eʳ by its Taylor series to degree 7 (|r| ≤ 0.347: truncation < 6e-9), 2ᵏ
// applied as two exponent-field factors so that results down to the subnormals round once.
// Measured error against Math.exp / Math.tanh / the stable sigmoid in float64 rounded to float32
// (bench/micro/kernel-accuracy.ts, 2M points over [−110, 90] and near 0): exp ≤ 1 ulp, tanh
// ≤ 3 ulp, sigmoid ≤ 2 ulp (relative ≤ 2.4e-7); softmax keeps x − m exact (TwoSum). The
// conformance suite (test/support/kernels.case.ts) allows relative 1e-6.

// Map kinds (wasm/elementwise.ts uses the same numbers).
const IDENTITY: i32 = 0;
const RELU: i32 = 1;
const TANH: i32 = 2;
const SIGMOID: i32 = 3;
const LEAKY_RELU: i32 = 4;
const EXP: i32 = 5;
// Binary kinds.
const ADD: i32 = 0;
const SUB: i32 = 1;
const MUL: i32 = 2;

function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** eˣ lane-wise (see the header); NaN stays NaN, x > 88.73 gives +∞, x < −103.9 gives 0. */
function expV(x: v128): v128 {
  return expSumV(x, splat(0.0));
}

/**
 * e^(x + lo) lane-wise, lo a small correction (|lo| ≤ ulp(x)) added after the range reduction:
 * so the exact difference of two floats (x − m = hi + lo by TwoSum) keeps all its bits.
 */
function expSumV(x0: v128, lo: v128): v128 {
  // min/max propagate NaN; −110 is far enough that 2ᵏ·eʳ rounds to 0
  const x = f32x4.max(f32x4.min(x0, splat(88.8)), splat(-110.0));
  const k = f32x4.nearest(f32x4.mul(x, splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(k, splat(0.693359375)));
  r = f32x4.add(f32x4.sub(r, f32x4.mul(k, splat(-2.1219444e-4))), lo);
  let p = f32x4.add(splat(1.0 / 720.0), f32x4.mul(r, splat(1.0 / 5040.0)));
  p = f32x4.add(splat(1.0 / 120.0), f32x4.mul(r, p));
  p = f32x4.add(splat(1.0 / 24.0), f32x4.mul(r, p));
  p = f32x4.add(splat(1.0 / 6.0), f32x4.mul(r, p));
  p = f32x4.add(splat(0.5), f32x4.mul(r, p));
  p = f32x4.add(splat(1.0), f32x4.mul(r, p));
  p = f32x4.add(splat(1.0), f32x4.mul(r, p));
  // 2ᵏ = 2^k1 · 2^k2 with k1 = ⌊k/2⌋: both factors are normal floats for k ∈ [−159, 128]
  const ki = i32x4.trunc_sat_f32x4_s(k);
  const k1 = i32x4.shr_s(ki, 1);
  const k2 = i32x4.sub(ki, k1);
  const s1 = i32x4.shl(i32x4.add(k1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(k2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/**
 * e^(x − m) with x − m taken exactly: d = x − m rounded, plus its rounding error (TwoSum), which
 * the float32 subtraction alone would lose (|x − m| = 16 carries an error of 1e-6 in e^(x − m)).
 */
function expDiffV(x: v128, m: v128): v128 {
  const d = f32x4.sub(x, m);
  const t = f32x4.sub(d, x); // d − x ≈ −m
  const lo = f32x4.sub(f32x4.sub(x, f32x4.sub(d, t)), f32x4.add(m, t));
  // lo is NaN when d is ±∞ or NaN; only use it where d is finite
  return expSumV(d, v128.and(lo, f32x4.eq(lo, lo)));
}

/**
 * tanh x = −m/(2 + m) with m = e^(−2|x|) − 1, sign of x restored. m by its Taylor series to
 * degree 9 when |x| < 0.3 (no cancellation near 0), else from expV. ±0, ±∞ and NaN exact.
 */
function tanhV(x: v128): v128 {
  const a = f32x4.abs(x);
  const t = f32x4.mul(a, splat(-2.0));
  let q = f32x4.add(splat(1.0 / 40320.0), f32x4.mul(t, splat(1.0 / 362880.0)));
  q = f32x4.add(splat(1.0 / 5040.0), f32x4.mul(t, q));
  q = f32x4.add(splat(1.0 / 720.0), f32x4.mul(t, q));
  q = f32x4.add(splat(1.0 / 120.0), f32x4.mul(t, q));
  q = f32x4.add(splat(1.0 / 24.0), f32x4.mul(t, q));
  q = f32x4.add(splat(1.0 / 6.0), f32x4.mul(t, q));
  q = f32x4.add(splat(0.5), f32x4.mul(t, q));
  q = f32x4.add(splat(1.0), f32x4.mul(t, q));
  const small = f32x4.mul(t, q);
  const large = f32x4.sub(expV(t), splat(1.0));
  const m = v128.bitselect(small, large, f32x4.lt(a, splat(0.3)));
  const r = f32x4.div(f32x4.neg(m), f32x4.add(splat(2.0), m));
  // |r| with the sign bit of x
  return v128.or(v128.and(r, i32x4.splat(0x7fffffff)), v128.and(x, i32x4.splat(0x80000000)));
}

/** σ(x) = 1/(1 + e^(−x)) for x ≥ 0, e^x/(1 + e^x) otherwise: e = e^(−|x|) never overflows. */
function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(splat(1.0), f32x4.add(splat(1.0), e));
  return v128.bitselect(s, f32x4.mul(e, s), f32x4.ge(x, splat(0.0)));
}

/** max(0, x) with NaN kept: x where x > 0 or x is NaN, else +0. */
function reluV(x: v128): v128 {
  return v128.and(x, v128.or(f32x4.gt(x, splat(0.0)), f32x4.ne(x, x)));
}

/** x where x > 0, else slope·x with the product in float64 and rounded once (NaN stays NaN). */
function leakyV(x: v128, slope: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(x), slope));
  const hi = f32x4.demote_f64x2_zero(
    f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)), slope),
  );
  const sx = v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
  return v128.bitselect(x, sx, f32x4.gt(x, splat(0.0)));
}

/** out[i] = f(x[i]) for i < n, whole vectors (the caller pads regions to 16 bytes). */
export function mapF32(kind: i32, x: usize, out: usize, n: i32, slope: f64): void {
  const end = x + ((<usize>n) << 2);
  const d = out - x;
  const s = f64x2.splat(slope);
  switch (kind) {
    case IDENTITY:
      if (d != 0) memory.copy(out, x, (<usize>n) << 2);
      return;
    case RELU:
      for (let p = x; p < end; p += 16) v128.store(p + d, reluV(v128.load(p)));
      return;
    case TANH:
      for (let p = x; p < end; p += 16) v128.store(p + d, tanhV(v128.load(p)));
      return;
    case SIGMOID:
      for (let p = x; p < end; p += 16) v128.store(p + d, sigmoidV(v128.load(p)));
      return;
    case LEAKY_RELU:
      for (let p = x; p < end; p += 16) v128.store(p + d, leakyV(v128.load(p), s));
      return;
    case EXP:
      for (let p = x; p < end; p += 16) v128.store(p + d, expV(v128.load(p)));
      return;
  }
}

/** out[r, c] = f(x[r, c] + bias[c]): the rows get the bias (stored), then the map runs. */
export function biasActivationF32(
  x: usize,
  bias: usize,
  out: usize,
  rows: i32,
  cols: i32,
  kind: i32,
  slope: f64,
): void {
  const cols4 = cols & ~3;
  const rowBytes = (<usize>cols) << 2;
  for (let r: i32 = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    let c: i32 = 0;
    for (; c < cols4; c += 4) {
      const o = (<usize>c) << 2;
      v128.store(or + o, f32x4.add(v128.load(xr + o), v128.load(bias + o)));
    }
    for (; c < cols; c++) {
      const o = (<usize>c) << 2;
      store<f32>(or + o, load<f32>(xr + o) + load<f32>(bias + o));
    }
  }
  mapF32(kind, out, out, rows * cols, slope);
}

/** out[i] = a[i] ∘ b[i] for i < n (whole vectors; exact IEEE float32 results). */
export function binaryF32(kind: i32, a: usize, b: usize, out: usize, n: i32): void {
  const bytes = (<usize>n) << 2;
  for (let o: usize = 0; o < bytes; o += 16) {
    const u = v128.load(a + o);
    const v = v128.load(b + o);
    let w: v128;
    if (kind == ADD) w = f32x4.add(u, v);
    else if (kind == SUB) w = f32x4.sub(u, v);
    else if (kind == MUL) w = f32x4.mul(u, v);
    else w = f32x4.div(u, v);
    v128.store(out + o, w);
  }
}

/** Σ of a contiguous run of n floats: four lanes, then the lanes and the tail. */
function sumRun(x: usize, n: i32): f32 {
  const n4 = n & ~3;
  let acc = splat(0.0);
  for (let k: i32 = 0; k < n4; k += 4) acc = f32x4.add(acc, v128.load(x + ((<usize>k) << 2)));
  let s: f32 =
    f32x4.extract_lane(acc, 0) +
    f32x4.extract_lane(acc, 1) +
    (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (let k = n4; k < n; k++) s += load<f32>(x + ((<usize>k) << 2));
  return s;
}

/** out[o, i] = Σ_k x[o, k, i] (x viewed as [outer, n, inner]); out must not overlap x. */
export function sumAxisF32(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (inner == 1) {
    for (let o: i32 = 0; o < outer; o++) {
      store<f32>(out + ((<usize>o) << 2), sumRun(x + ((<usize>(o * n)) << 2), n));
    }
    return;
  }
  const inner4 = inner & ~3;
  const rowBytes = (<usize>inner) << 2;
  for (let o: i32 = 0; o < outer; o++) {
    const ob = out + <usize>o * rowBytes;
    const xb = x + <usize>o * <usize>n * rowBytes;
    memory.fill(ob, 0, rowBytes);
    for (let k: i32 = 0; k < n; k++) {
      const xr = xb + <usize>k * rowBytes;
      let i: i32 = 0;
      for (; i < inner4; i += 4) {
        const b = (<usize>i) << 2;
        v128.store(ob + b, f32x4.add(v128.load(ob + b), v128.load(xr + b)));
      }
      for (; i < inner; i++) {
        const b = (<usize>i) << 2;
        store<f32>(ob + b, load<f32>(ob + b) + load<f32>(xr + b));
      }
    }
  }
}

/** max of a row of n floats (NaN if any is NaN, −∞ when n = 0). */
function rowMax(x: usize, n: i32): f32 {
  const n4 = n & ~3;
  let acc = splat(-Infinity);
  for (let k: i32 = 0; k < n4; k += 4) acc = f32x4.max(acc, v128.load(x + ((<usize>k) << 2)));
  let m = max(
    max(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)),
    max(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)),
  );
  for (let k = n4; k < n; k++) m = max(m, load<f32>(x + ((<usize>k) << 2)));
  return m;
}

/**
 * e[k] = e^(x[k] − m) written to `e` (when e ≠ 0) and Σ_k e[k] returned, summed in float64.
 * The tail is computed as a vector from one lane, so every element gets the same rounding.
 */
function expShiftSum(x: usize, e: usize, n: i32, m: f32): f64 {
  const n4 = n & ~3;
  const mv = splat(m);
  let acc = f64x2.splat(0.0);
  for (let k: i32 = 0; k < n4; k += 4) {
    const b = (<usize>k) << 2;
    const v = expDiffV(v128.load(x + b), mv);
    if (e != 0) v128.store(e + b, v);
    acc = f64x2.add(acc, f64x2.promote_low_f32x4(v));
    acc = f64x2.add(acc, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (let k = n4; k < n; k++) {
    const b = (<usize>k) << 2;
    const v = f32x4.extract_lane(expDiffV(splat(load<f32>(x + b)), mv), 0);
    if (e != 0) store<f32>(e + b, v);
    s += <f64>v;
  }
  return s;
}

/** out[k] *= c for k < n (whole vectors). */
function scaleRow(out: usize, n: i32, c: f32): void {
  const end = out + ((<usize>n) << 2);
  const cv = splat(c);
  let p = out;
  for (; p + 16 <= end; p += 16) v128.store(p, f32x4.mul(v128.load(p), cv));
  for (; p < end; p += 4) store<f32>(p, load<f32>(p) * c);
}

/**
 * Row-wise softmax (log = 0) or log-softmax (log = 1) of x [rows, cols] into out:
 *   softmax      out = e^(x − m) · (1/s),  s = Σ e^(x − m) (float64)
 *   log-softmax  out = (x − m) − ln s
 */
export function softmaxRowsF32(x: usize, out: usize, rows: i32, cols: i32, log: i32): void {
  const rowBytes = (<usize>cols) << 2;
  for (let r: i32 = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    const m = rowMax(xr, cols);
    if (log == 0) {
      const s = expShiftSum(xr, or, cols, m);
      scaleRow(or, cols, <f32>(1.0 / s));
      continue;
    }
    const logS = <f32>Math.log(expShiftSum(xr, 0, cols, m));
    for (let k: i32 = 0; k < cols; k++) {
      const b = (<usize>k) << 2;
      store<f32>(or + b, load<f32>(xr + b) - m - logS);
    }
  }
}

/**
 * loss[r] = ln s − (x[r, t_r] − m) (float64, rounded once);  grad[r, :] = softmax − onehot(t_r)
 * when hasGrad. targets are int32 class indices, assumed in [0, cols).
 */
export function crossEntropyRowsF32(
  x: usize,
  targets: usize,
  loss: usize,
  grad: usize,
  rows: i32,
  cols: i32,
  hasGrad: i32,
): void {
  const rowBytes = (<usize>cols) << 2;
  for (let r: i32 = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const gr = hasGrad != 0 ? grad + <usize>r * rowBytes : 0;
    const t = load<i32>(targets + ((<usize>r) << 2));
    const m = rowMax(xr, cols);
    const s = expShiftSum(xr, gr, cols, m);
    const xt = load<f32>(xr + ((<usize>t) << 2));
    // ln s − (x_t − m): both terms ≥ 0, so no cancellation when x_t is the max
    store<f32>(loss + ((<usize>r) << 2), <f32>(Math.log(s) - (<f64>xt - <f64>m)));
    if (hasGrad == 0) continue;
    scaleRow(gr, cols, <f32>(1.0 / s));
    const gt = gr + ((<usize>t) << 2);
    store<f32>(gt, load<f32>(gt) - 1.0);
  }
}
