// Softmax and log-softmax along one axis, as activations: the ops live in src/ops/softmax.ts
// (on the backend's row kernels, with the log-sum-exp shift so exp never overflows); this file
// holds their descriptor rows.
import { logSoftmax, softmax } from "../ops/softmax.js";
import { ValueError } from "../errors.js";
import { defineActivation } from "./descriptor.js";

export { logSoftmax, softmax };

// ---- descriptor rows (properties per element, at the defaults; see ActivationProperties) ----

function checkAxis(o: { axis: number }, who: string): void {
  const axis: unknown = o.axis;
  if (typeof axis !== "number" || !Number.isInteger(axis))
    throw new ValueError(`${who}: axis must be an integer, got ${String(axis)}`);
}

export const softmaxActivation = defineActivation({
  name: "softmax",
  fn: (x) => softmax(x),
  defaults: { axis: -1 },
  apply: (x, o) => softmax(x, o.axis),
  check: checkAxis,
  layer: "Softmax",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [0, 1],
  },
});

export const logSoftmaxActivation = defineActivation({
  name: "logSoftmax",
  fn: (x) => logSoftmax(x),
  defaults: { axis: -1 },
  apply: (x, o) => logSoftmax(x, o.axis),
  check: checkAxis,
  layer: "LogSoftmax",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: false,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [-Infinity, 0],
  },
});
