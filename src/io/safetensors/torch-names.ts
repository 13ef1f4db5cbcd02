// Parameter names as PyTorch spells them: Myelin's state names are PyTorch's with the last part
// in camelCase (BatchNorm1d's "runningMean" is PyTorch's "running_mean"); the module path
// ("0.", "2.1.") is the same, since Sequential names its children by position in both.

/** State that PyTorch keeps as int64 (Myelin keeps it as a float64 scalar). */
const INT64_STATE: ReadonlySet<string> = new Set(["numBatchesTracked"]);

function lastPart(name: string): [prefix: string, last: string] {
  const dot = name.lastIndexOf(".");
  return [name.slice(0, dot + 1), name.slice(dot + 1)];
}

/** "1.runningMean" → "1.running_mean"; "0.weight" stays. */
export function torchStateName(myelinName: string): string {
  const [prefix, last] = lastPart(myelinName);
  return prefix + last.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** "1.running_mean" → "1.runningMean" (the inverse of torchStateName). */
export function myelinStateName(torchName: string): string {
  const [prefix, last] = lastPart(torchName);
  return prefix + last.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** True for state PyTorch stores as int64 ("1.numBatchesTracked"). */
export function isInt64State(myelinName: string): boolean {
  return INT64_STATE.has(lastPart(myelinName)[1]);
}

/** True for PyTorch buffers (running statistics and counters), which are not parameters. */
export function isTorchBuffer(torchName: string): boolean {
  const last = lastPart(torchName)[1];
  return last === "running_mean" || last === "running_var" || last === "num_batches_tracked";
}
