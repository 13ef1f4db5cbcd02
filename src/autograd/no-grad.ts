// Switch for recording the autograd graph. Inside noGrad(fn) no op records a backward node,
// which is what inference, optimizer updates and backward passes themselves need.

let gradEnabled = true;

/** False inside noGrad(fn): ops then record no graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Run `fn` without recording gradients; restores the previous mode even if `fn` throws. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}
