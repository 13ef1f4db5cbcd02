// The pure-TypeScript backend: always available, readable, the reference for conformance tests.
import type { FullBackend } from "../backend.js";
import { biasActivationJs, unaryJs } from "./activation.js";
import { rows } from "./elementwise.js";
import { matmulJs } from "./matmul.js";
import { sumAxis } from "./reduce.js";
import { crossEntropyRowsJs, logSoftmaxRowsJs, softmaxRowsJs } from "./softmax.js";

export const jsBackend: FullBackend = {
  name: "js",
  matmul: matmulJs,
  biasActivation: biasActivationJs,
  unary: unaryJs,
  binary: (kind, a, b, out) => rows(kind, a, 0, b, 0, out, 0, out.length),
  sumAxis,
  softmaxRows: softmaxRowsJs,
  logSoftmaxRows: logSoftmaxRowsJs,
  crossEntropyRows: crossEntropyRowsJs,
};
