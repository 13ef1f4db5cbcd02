// The article's properties of an activation function, as data: nonlinearity, saturation,
// continuity and smoothness, differentiability, monotonicity, linearity near zero, and range.
// The data is each activation's `properties` column (definitions in descriptor.ts); claims
// about the mathematical functions at their default parameters, verified numerically by
// properties.test.ts, which derives each verdict from sampled values.
import type { ActivationProperties } from "./descriptor.js";
import { descriptorOf } from "./registry.js";

export type { ActivationProperties } from "./descriptor.js";
export { GELU_MIN, SILU_MIN, MISH_MIN } from "./smooth.js";

/**
 * The properties of activation `name` (canonical name or alias such as "swish"), as defined
 * in descriptor.ts. Returns a fresh object; throws ValueError for an unknown name.
 *
 *   properties("relu")  // { nonlinear: true, saturating: false, saturatesLeft: true, …, range: [0, Infinity] }
 */
export function properties(name: string): ActivationProperties {
  const p = descriptorOf(name).properties;
  return { ...p, range: [p.range[0], p.range[1]] };
}
