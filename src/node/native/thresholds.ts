// Where the native backend starts to pay, per kernel (dispatch.ts routes smaller calls to the js
// loops). Measured float32 on this 2-core machine with bench/native-kernels.ts, one
// N-API call ≈ 0.3 µs: the native call beats js from 128 elements (relu/identity/leaky, add,
// sums) and from m·k·n ≈ 128 for matmul. exp, tanh, sigmoid and the softmax rows are not native
// here: glibc's scalar expf/tanhf lose to wasm's SIMD polynomials at every size (tanh 4096:
// 113 µs native vs 20 µs wasm), so the registered backend hands them to wasm (index.ts) at the
// wasm thresholds.
import { kernels, type KernelThresholds } from "../../backend/index.js";

const W = kernels.WASM_THRESHOLDS;

export const NATIVE_THRESHOLDS: Readonly<KernelThresholds> = Object.freeze({
  matmul: 128,
  linear: W.linear, // the fused batch-1 layers of W1b stay on the js loops, as with wasm
  biasActivation: { ...W.biasActivation, identity: 128, relu: 128, leakyRelu: 128 },
  unary: { ...W.unary, relu: 128 },
  binary: 128,
  sumAxis: 128,
  softmaxRows: W.softmaxRows,
  logSoftmaxRows: W.logSoftmaxRows,
  crossEntropyRows: W.crossEntropyRows,
});
