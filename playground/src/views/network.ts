// The network view: one column of tiles per layer (inputs, each hidden layer, outputs); each tile
// is that unit's value over the input box as a small heat map (a curve for a 1-D set), and the
// edges between tiles are the Linear weights — blue positive, orange negative, width ∝ |w|.
import type { LayerWeights } from "../grid-snapshot.js";
import { BLUE, ORANGE, css, diverging, outputColor, sigmoid } from "./colors.js";

export interface NetworkPicture {
  task: "binary" | "multiclass" | "regression";
  dims: 1 | 2;
  inputNames: string[];
  hidden: readonly number[];
  outputs: number;
  /** Side of the neuron grid (g² points for 2-D, g for 1-D). */
  side: number;
  /** Input rows of the neuron grid: [g(²), inputs]. */
  inputs: Float32Array;
  layers?: LayerWeights[];
  /** Per hidden layer: [g(²), width]. */
  neurons?: Float32Array[];
  /** Output rows on the same neuron grid: [g(²), outputs]. */
  output?: Float32Array;
}

const TILE = 30;

/** One off-screen canvas reused by every tile (making one per tile per frame is slow). */
let scratch: HTMLCanvasElement | null = null;
function scratchCanvas(side: number): CanvasRenderingContext2D {
  scratch ??= document.createElement("canvas");
  if (scratch.width !== side) scratch.width = side;
  if (scratch.height !== side) scratch.height = side;
  return scratch.getContext("2d")!;
}
const COLUMN = 96;
const ROW = 42;
const TOP = 24;

/** Value of unit j in rows [n, width], each unit scaled by its own max |value| (≥ 1e-6). */
function unitValues(rows: Float32Array, width: number, j: number): Float32Array {
  const n = rows.length / width;
  const v = new Float32Array(n);
  let m = 1e-6;
  for (let i = 0; i < n; i++) {
    v[i] = rows[i * width + j];
    if (Math.abs(v[i]) > m) m = Math.abs(v[i]);
  }
  for (let i = 0; i < n; i++) v[i] /= m;
  return v;
}

function drawTile(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  p: NetworkPicture,
  values: Float32Array | null,
  colorOf: (i: number) => [number, number, number],
): void {
  ctx.fillStyle = "#eee";
  ctx.fillRect(x, y, TILE, TILE);
  if (values !== null && p.dims === 2) {
    const tile = scratchCanvas(p.side);
    const image = tile.createImageData(p.side, p.side);
    for (let i = 0; i < p.side * p.side; i++) {
      const [r, g, b] = colorOf(i);
      image.data[4 * i] = r;
      image.data[4 * i + 1] = g;
      image.data[4 * i + 2] = b;
      image.data[4 * i + 3] = 255;
    }
    tile.putImageData(image, 0, 0);
    ctx.drawImage(tile.canvas, x, y, TILE, TILE);
  } else if (values !== null) {
    ctx.strokeStyle = "#333";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let k = 0; k < p.side; k++) {
      const px = x + ((k + 0.5) / p.side) * TILE;
      const py = y + TILE / 2 - (Math.max(-1, Math.min(1, values[k])) * TILE) / 2.2;
      if (k === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
  }
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, TILE - 1, TILE - 1);
}

/** Tile positions: column c (0 = inputs), unit j. */
function tileAt(c: number, j: number): [number, number] {
  return [16 + c * COLUMN, TOP + j * ROW];
}

function drawEdges(ctx: CanvasRenderingContext2D, layers: LayerWeights[]): void {
  let maxAbs = 1e-6;
  for (const l of layers) for (const w of l.weight) if (Math.abs(w) > maxAbs) maxAbs = Math.abs(w);
  layers.forEach((l, c) => {
    for (let o = 0; o < l.outFeatures; o++) {
      for (let i = 0; i < l.inFeatures; i++) {
        const w = l.weight[o * l.inFeatures + i];
        const [x0, y0] = tileAt(c, i);
        const [x1, y1] = tileAt(c + 1, o);
        ctx.strokeStyle = Number.isFinite(w) ? css(w >= 0 ? BLUE : ORANGE, 0.75) : "#000";
        ctx.lineWidth = Number.isFinite(w) ? 0.4 + (4 * Math.abs(w)) / maxAbs : 3;
        ctx.beginPath();
        ctx.moveTo(x0 + TILE, y0 + TILE / 2);
        ctx.bezierCurveTo(x0 + TILE + 30, y0 + TILE / 2, x1 - 30, y1 + TILE / 2, x1, y1 + TILE / 2);
        ctx.stroke();
      }
    }
  });
}

/** Resize the canvas to the network (so call only when the structure changed, or every frame). */
export function drawNetwork(canvas: HTMLCanvasElement, p: NetworkPicture): void {
  const widths = [p.inputNames.length, ...p.hidden, p.outputs];
  const width = 16 + (widths.length - 1) * COLUMN + TILE + 16;
  const height = TOP + Math.max(...widths) * ROW + 4;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = "#555";
  ctx.font = "11px sans-serif";
  ctx.fillText("inputs", 16, 12);
  p.hidden.forEach((_, l) => ctx.fillText(`hidden ${l + 1}`, 16 + (l + 1) * COLUMN, 12));
  ctx.fillText("output", 16 + (widths.length - 1) * COLUMN, 12);
  if (p.layers && p.layers.length === widths.length - 1) drawEdges(ctx, p.layers);
  const nIn = p.inputNames.length;
  p.inputNames.forEach((name, j) => {
    const v = unitValues(p.inputs, nIn, j);
    const [x, y] = tileAt(0, j);
    drawTile(ctx, x, y, p, v, (i) => diverging(v[i]));
    ctx.fillStyle = "#333";
    ctx.fillText(name, x + TILE + 3, y + 10);
  });
  p.hidden.forEach((w, l) => {
    const rows = p.neurons?.[l];
    for (let j = 0; j < w; j++) {
      const v = rows && rows.length === (p.inputs.length / nIn) * w ? unitValues(rows, w, j) : null;
      const [x, y] = tileAt(l + 1, j);
      drawTile(ctx, x, y, p, v, (i) => diverging(v![i]));
    }
  });
  for (let k = 0; k < p.outputs; k++) {
    const out = p.output;
    const ok = out && out.length === (p.inputs.length / nIn) * p.outputs;
    const v = ok ? unitValues(out, p.outputs, k) : null;
    const [x, y] = tileAt(widths.length - 1, k);
    drawTile(ctx, x, y, p, v, (i) =>
      p.task === "binary"
        ? diverging(2 * sigmoid(out![i]) - 1)
        : p.task === "multiclass"
          ? outputColor(out!.subarray(i * p.outputs, (i + 1) * p.outputs), p.task, 1)
          : diverging(v![i]),
    );
  }
}
