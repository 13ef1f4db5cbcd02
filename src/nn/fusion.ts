// Switch for the fused Linear-stack path, on by default. Off, every Sequential runs its layers
// one op at a time; benchmarks and the equivalence tests use it to compare the two paths.

let enabled = true;

/** Whether Sequential may run fusable stacks as one op. */
export function fusionEnabled(): boolean {
  return enabled;
}

/** Turn the fused path on or off (global); returns the previous setting. */
export function setFusionEnabled(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}
