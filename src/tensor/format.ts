// Readable printing of tensors, in the style of PyTorch: nested brackets, aligned numbers,
// long axes elided with "...". Used by Tensor.toString().
import type { Tensor } from "./tensor.js";

const EDGE = 3; // elements shown at each end of a long axis
const LONG = 8; // axes longer than this are elided

function fmtNumber(v: number, decimals: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return v.toFixed(decimals);
}

export function formatTensor(t: Tensor): string {
  const vals = Array.from(t.data);
  const finite = vals.filter(Number.isFinite);
  const maxAbs = finite.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const allInts = finite.every((v) => Number.isInteger(v));
  const scientific = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4);
  const cell = (v: number): string =>
    scientific ? v.toExponential(4) : allInts ? fmtNumber(v, 0) + "." : fmtNumber(v, 4);
  const width = vals.reduce((w, v) => Math.max(w, cell(v).length), 1);
  const pad = (v: number) => cell(v).padStart(width);

  const render = (axis: number, offset: number, indent: string): string => {
    if (t.ndim === 0) return pad(t.data[0]);
    const n = t.shape[axis];
    const stride = t.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    const pick = n > LONG ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (axis === t.ndim - 1) {
      return "[" + pick.map((i) => (i < 0 ? "..." : pad(t.data[offset + i]))).join(", ") + "]";
    }
    const sep = ",\n" + "\n".repeat(Math.max(0, t.ndim - axis - 2)) + indent + " ";
    return (
      "[" +
      pick
        .map((i) => (i < 0 ? "..." : render(axis + 1, offset + i * stride, indent + " ")))
        .join(sep) +
      "]"
    );
  };
  const extras = [
    t.dtype !== "float32" ? `dtype=${t.dtype}` : "",
    t.requiresGrad ? "requiresGrad=true" : "",
    t.size === 0 ? `shape=[${t.shape.join(", ")}]` : "",
  ].filter(Boolean);
  return `tensor(${render(0, 0, "       ")}${extras.length ? ", " + extras.join(", ") : ""})`;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
