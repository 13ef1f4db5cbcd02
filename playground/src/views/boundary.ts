// The output view: the decision boundary (or regression surface) as a heat map of the network's
// output over the [lo, hi]² box, with the train points filled and the test points outlined; for
// a 1-D regression set, the predicted curve over the points. Canvas only.
import type { PointSet } from "../data/point-set.js";
import type { PlottedPoints } from "../job.js";
import { classColor, css, diverging, outputColor, type Rgb } from "./colors.js";

export interface BoundaryPicture {
  set: PointSet;
  train: PlottedPoints;
  test: PlottedPoints;
  /** The network output on the grid: [side², outputs] (2-D) or [side, 1] (1-D); absent before the first snapshot. */
  output?: Float32Array;
  side: number;
  outputs: number;
  lo: number;
  hi: number;
}

/** max |target| of a regression set (≥ 1e-6): the value that gets the full colour. */
function valueScale(set: PointSet): number {
  let m = 1e-6;
  for (const v of set.targets) m = Math.max(m, Math.abs(v));
  return m;
}

function pointColor(set: PointSet, target: number, scale: number): Rgb {
  return set.task === "regression" ? diverging(target / scale) : classColor(target);
}

/** One off-screen canvas for the heat map, reused frame after frame. */
let scratch: HTMLCanvasElement | null = null;

function drawHeatMap(ctx: CanvasRenderingContext2D, p: BoundaryPicture, scale: number): void {
  const { side, outputs, output } = p;
  if (!output) return;
  const image = new ImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const [r, g, b] = outputColor(
      output.subarray(i * outputs, (i + 1) * outputs),
      p.set.task,
      scale,
    );
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  scratch ??= document.createElement("canvas");
  if (scratch.width !== side) scratch.width = side; // resizing clears and reallocates
  if (scratch.height !== side) scratch.height = side;
  scratch.getContext("2d")!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

function drawPoints2d(ctx: CanvasRenderingContext2D, p: BoundaryPicture, scale: number): void {
  const { width, height } = ctx.canvas;
  const toX = (x: number) => ((x - p.lo) / (p.hi - p.lo)) * width;
  const toY = (y: number) => ((p.hi - y) / (p.hi - p.lo)) * height;
  const draw = (side: PlottedPoints, isTest: boolean) => {
    for (let i = 0; i < side.targets.length; i++) {
      ctx.beginPath();
      ctx.arc(toX(side.points[2 * i]), toY(side.points[2 * i + 1]), 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = css(pointColor(p.set, side.targets[i], scale));
      ctx.fill();
      ctx.lineWidth = isTest ? 2 : 1;
      ctx.strokeStyle = isTest ? "#111" : "#fff";
      ctx.stroke();
    }
  };
  draw(p.train, false);
  draw(p.test, true);
}

/** 1-D regression: points (x, y) and the predicted curve, y scaled to the targets' range. */
function drawCurve(ctx: CanvasRenderingContext2D, p: BoundaryPicture, scale: number): void {
  const { width, height } = ctx.canvas;
  ctx.fillStyle = "#fafafa";
  ctx.fillRect(0, 0, width, height);
  const yMax = scale * 1.2;
  const toX = (x: number) => ((x - p.lo) / (p.hi - p.lo)) * width;
  const toY = (y: number) => height / 2 - (y / yMax) * (height / 2);
  ctx.strokeStyle = "#ccc";
  ctx.beginPath();
  ctx.moveTo(0, toY(0));
  ctx.lineTo(width, toY(0));
  ctx.stroke();
  const draw = (side: PlottedPoints, isTest: boolean) => {
    for (let i = 0; i < side.targets.length; i++) {
      ctx.beginPath();
      ctx.arc(toX(side.points[i]), toY(side.targets[i]), 3, 0, 2 * Math.PI);
      ctx.fillStyle = css(isTest ? [255, 255, 255] : diverging(side.targets[i] / scale));
      ctx.fill();
      ctx.strokeStyle = isTest ? "#111" : "#fff";
      ctx.lineWidth = isTest ? 1.5 : 1;
      ctx.stroke();
    }
  };
  draw(p.train, false);
  draw(p.test, true);
  if (!p.output) return;
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let k = 0; k < p.side; k++) {
    const x = p.lo + ((p.hi - p.lo) * (k + 0.5)) / p.side;
    const y = Math.max(-yMax, Math.min(yMax, p.output[k]));
    if (k === 0) ctx.moveTo(toX(x), toY(y));
    else ctx.lineTo(toX(x), toY(y));
  }
  ctx.stroke();
}

export function drawBoundary(canvas: HTMLCanvasElement, p: BoundaryPicture): void {
  const ctx = canvas.getContext("2d")!;
  const scale = p.set.task === "regression" ? valueScale(p.set) : 1;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (p.set.dims === 1) {
    drawCurve(ctx, p, scale);
    return;
  }
  ctx.fillStyle = "#fafafa";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawHeatMap(ctx, p, scale);
  drawPoints2d(ctx, p, scale);
}
