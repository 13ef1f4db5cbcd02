// The wasm backend's non-matmul kernels (float32 in wasm, float64 on the js backend), run in
// chunks of at most CHUNK elements (whole rows where rows matter): each chunk is copied into
// wasm memory, computed and copied out. Chunks keep the wasm memory at its initial size whatever
// the tensor (it never shrinks, so one sum over a whole data set would otherwise pin that much
// memory for good) and keep the operands in cache.
import type { FullBackend, KernelName } from "../backend.js";
import { jsBackend } from "../js/index.js";
import type { Storage } from "../../tensor/dtype.js";
import type { KernelMemory } from "./memory.js";

/** Elements per chunk: 128 KiB of float32, two operands fit in L2 with room to spare. */
export const CHUNK = 1 << 15;

/** Map kind numbers of the kernel module (assembly/kernels.ts). */
const MAP = { identity: 0, relu: 1, tanh: 2, sigmoid: 3, leakyRelu: 4, exp: 5 } as const;
const BINARY = { add: 0, sub: 1, mul: 2, div: 3 } as const;

function isF32(x: Storage): x is Float32Array {
  return x instanceof Float32Array;
}

/** x[start, end) as a view (x itself when that is the whole array). */
function part<T extends Float32Array | Int32Array>(x: T, start: number, end: number): T {
  return start === 0 && end === x.length ? x : (x.subarray(start, end) as T);
}

/** Calls run(start, end) over [0, total) in steps of `step` (at least once when total is 0). */
function chunked(total: number, step: number, run: (start: number, end: number) => boolean) {
  let ok = true;
  for (let start = 0; ok && (start < total || start === 0); start += step) {
    ok = run(start, Math.min(total, start + step));
    if (total === 0) break;
  }
  return ok;
}

/** Rows per chunk for rows of `cols` elements. */
function rowStep(cols: number): number {
  return Math.max(1, Math.floor(CHUNK / Math.max(cols, 1)));
}

/**
 * The kernels, on the KernelMemory returned by `memory()`. A chunk that does not fit in a 32-bit
 * wasm memory (one row over 4 GiB) makes the whole call fall back to js.
 */
export function wasmKernels(memory: () => KernelMemory): Pick<FullBackend, KernelName> {
  /** softmax (or log-softmax) rows in wasm, chunked by whole rows; false → use the js kernel. */
  const softmaxWasm = (x: Storage, out: Storage, rows: number, cols: number, log: boolean) => {
    if (!isF32(x) || !isF32(out)) return false;
    const mem = memory();
    return chunked(rows, rowStep(cols), (r0, r1) =>
      mem.softmaxRowsF32(
        part(x, r0 * cols, r1 * cols),
        part(out, r0 * cols, r1 * cols),
        r1 - r0,
        cols,
        log,
      ),
    );
  };
  return {
    biasActivation(x, bias, out, rows, cols, act, slope) {
      if (isF32(x) && isF32(out) && (bias === null || isF32(bias))) {
        const mem = memory();
        const done = chunked(rows, rowStep(cols), (r0, r1) => {
          const [xs, os] = [part(x, r0 * cols, r1 * cols), part(out, r0 * cols, r1 * cols)];
          return bias === null
            ? mem.mapF32(MAP[act], xs, os, slope)
            : mem.biasActivationF32(xs, bias, os, r1 - r0, cols, MAP[act], slope);
        });
        if (done) return;
      }
      jsBackend.biasActivation(x, bias, out, rows, cols, act, slope);
    },
    unary(kind, x, out) {
      if (isF32(x) && isF32(out)) {
        const mem = memory();
        const n = x.length;
        const done = chunked(n, CHUNK, (s, e) =>
          mem.mapF32(MAP[kind], part(x, s, e), part(out, s, e), 0),
        );
        if (done) return;
      }
      jsBackend.unary(kind, x, out);
    },
    binary(kind, a, b, out) {
      if (isF32(a) && isF32(b) && isF32(out)) {
        const mem = memory();
        const done = chunked(out.length, CHUNK, (s, e) =>
          mem.binaryF32(BINARY[kind], part(a, s, e), part(b, s, e), part(out, s, e)),
        );
        if (done) return;
      }
      jsBackend.binary(kind, a, b, out);
    },
    sumAxis(x, out, outer, n, inner) {
      if (isF32(x) && isF32(out) && sumAxisChunked(memory(), x, out, outer, n, inner)) return;
      jsBackend.sumAxis(x, out, outer, n, inner);
    },
    softmaxRows(x, out, rows, cols) {
      if (!softmaxWasm(x, out, rows, cols, false)) jsBackend.softmaxRows(x, out, rows, cols);
    },
    logSoftmaxRows(x, out, rows, cols) {
      if (!softmaxWasm(x, out, rows, cols, true)) jsBackend.logSoftmaxRows(x, out, rows, cols);
    },
    crossEntropyRows(x, targets, loss, grad, rows, cols) {
      if (isF32(x) && isF32(loss) && (grad === null || isF32(grad))) {
        const mem = memory();
        const done = chunked(rows, rowStep(cols), (r0, r1) =>
          mem.crossEntropyRowsF32(
            part(x, r0 * cols, r1 * cols),
            part(targets, r0, r1),
            part(loss, r0, r1),
            grad === null ? null : part(grad, r0 * cols, r1 * cols),
            r1 - r0,
            cols,
          ),
        );
        if (done) return;
      }
      jsBackend.crossEntropyRows(x, targets, loss, grad, rows, cols);
    },
  };
}

/**
 * out[o, i] = Σ_k x[o, k, i] in chunks: whole [n, inner] slices when they fit in a chunk;
 * otherwise each slice in runs of rows k, whose partial sums are added into out in float32.
 */
function sumAxisChunked(
  mem: KernelMemory,
  x: Float32Array,
  out: Float32Array,
  outer: number,
  n: number,
  inner: number,
): boolean {
  const slice = n * inner;
  if (slice <= CHUNK) {
    return chunked(outer, Math.max(1, Math.floor(CHUNK / Math.max(slice, 1))), (o0, o1) =>
      mem.sumAxisF32(
        part(x, o0 * slice, o1 * slice),
        part(out, o0 * inner, o1 * inner),
        o1 - o0,
        n,
        inner,
      ),
    );
  }
  const step = Math.max(1, Math.floor(CHUNK / inner)); // rows k per chunk
  const partial = new Float32Array(inner);
  for (let o = 0; o < outer; o++) {
    const dst = part(out, o * inner, (o + 1) * inner);
    const ok = chunked(n, step, (k0, k1) => {
      const xs = part(x, o * slice + k0 * inner, o * slice + k1 * inner);
      if (k0 === 0) return mem.sumAxisF32(xs, dst, 1, k1 - k0, inner);
      if (!mem.sumAxisF32(xs, partial, 1, k1 - k0, inner)) return false;
      for (let i = 0; i < inner; i++) dst[i] += partial[i];
      return true;
    });
    if (!ok) return false;
  }
  return true;
}
