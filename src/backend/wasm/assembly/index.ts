/* eslint-disable @typescript-eslint/ban-ts-comment -- AssemblyScript source */
// @ts-nocheck — AssemblyScript entry (compiled by scripts/build-wasm.mjs with asc, not tsc):
// one module holding the matmul kernel and the elementwise, reduction and softmax kernels.
export * from "./matmul";
export * from "./kernels";
