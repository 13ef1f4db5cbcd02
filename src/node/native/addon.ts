// The shape of the compiled addon (native/src/addon.cc) as JavaScript sees it, and the numeric
// codes its kernels take for activations, maps and operations (native/src/kernels.h).
import type { ActivationKind, BinaryKind, UnaryKind } from "../../backend/index.js";

type Float = Float32Array | Float64Array;

/** What `require("myelin_native.node")` returns. */
export interface NativeAddon {
  matmul(
    a: Float,
    b: Float,
    c: Float,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): void;
  biasActivation(
    x: Float,
    bias: Float | null,
    out: Float,
    rows: number,
    cols: number,
    act: number,
    slope: number,
  ): void;
  unary(kind: number, x: Float, out: Float): void;
  binary(kind: number, a: Float, b: Float, out: Float): void;
  sumAxis(x: Float, out: Float, outer: number, n: number, inner: number): void;
  softmaxRows(x: Float, out: Float, rows: number, cols: number): void;
  logSoftmaxRows(x: Float, out: Float, rows: number, cols: number): void;
  crossEntropyRows(
    x: Float,
    targets: Int32Array,
    loss: Float,
    grad: Float | null,
    rows: number,
    cols: number,
  ): void;
  /** OpenBLAS's build string, the kernel ("core") it chose for this CPU, and its thread count. */
  blasInfo(): { config: string; core: string; threads: number };
  setBlasThreads(threads: number): void;
  /** Instruction sets the CPU offers (the compiler's run-time check), e.g. "avx2", "avx512f". */
  cpuFeatures(): string[];
}

export const ACT_CODE: Record<ActivationKind, number> = {
  identity: 0,
  relu: 1,
  tanh: 2,
  sigmoid: 3,
  leakyRelu: 4,
};
export const UNARY_CODE: Record<UnaryKind, number> = { exp: 0, tanh: 1, sigmoid: 2, relu: 3 };
export const BINARY_CODE: Record<BinaryKind, number> = { add: 0, sub: 1, mul: 2, div: 3 };

/** The functions a loaded module must export (checked before it is trusted as the addon). */
export const ADDON_FUNCTIONS = [
  "matmul",
  "biasActivation",
  "unary",
  "binary",
  "sumAxis",
  "softmaxRows",
  "logSoftmaxRows",
  "crossEntropyRows",
  "blasInfo",
  "setBlasThreads",
  "cpuFeatures",
] as const satisfies readonly (keyof NativeAddon)[];
