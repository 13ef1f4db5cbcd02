// The native backend: the Backend interface (src/backend/backend.ts) over the addon's kernels,
// which work on the typed arrays' own memory (no copies). Every kernel of the interface is
// native; which sizes reach it is dispatch.ts's choice (NATIVE_THRESHOLDS in thresholds.ts).
import type { FullBackend } from "../../backend/index.js";
import { ACT_CODE, BINARY_CODE, UNARY_CODE, type NativeAddon } from "./addon.js";

/** A FullBackend named "native" whose kernels call `addon`. */
export function createNativeBackend(addon: NativeAddon): FullBackend {
  return {
    name: "native",
    matmul: (a, b, c, m, k, n, transA, transB) => addon.matmul(a, b, c, m, k, n, transA, transB),
    biasActivation: (x, bias, out, rows, cols, act, slope) =>
      addon.biasActivation(x, bias, out, rows, cols, ACT_CODE[act], slope),
    unary: (kind, x, out) => addon.unary(UNARY_CODE[kind], x, out),
    binary: (kind, a, b, out) => addon.binary(BINARY_CODE[kind], a, b, out),
    sumAxis: (x, out, outer, n, inner) => addon.sumAxis(x, out, outer, n, inner),
    softmaxRows: (x, out, rows, cols) => addon.softmaxRows(x, out, rows, cols),
    logSoftmaxRows: (x, out, rows, cols) => addon.logSoftmaxRows(x, out, rows, cols),
    crossEntropyRows: (x, targets, loss, grad, rows, cols) =>
      addon.crossEntropyRows(x, targets, loss, grad, rows, cols),
  };
}
