// A small line chart on a <canvas> for the teaching views: axes with a few ticks, an optional
// log₁₀ y axis, one polyline per series. Drawing only; the views own their data and legends.

export interface Series {
  color: string;
  /** [x, y] points in data units; non-finite y values break the line. */
  points: readonly (readonly [number, number])[];
  /** Dashed line (e.g. f′ beside f). */
  dashed?: boolean;
}

export interface ChartOptions {
  xLabel: string;
  yLabel: string;
  /** Plot log₁₀(y); y ≤ 0 is left out. */
  logY?: boolean;
  /** Fixed x range; default: the data's. */
  xRange?: readonly [number, number];
  /** Fixed y range (in data units); default: the data's. */
  yRange?: readonly [number, number];
}

/** Line colors, distinguishable on white and for the common color-vision deficiencies (Okabe–Ito). */
export const PALETTE = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
  "#000000",
] as const;

/** A legend entry: a short line of the series' colour, then its name (as text, never HTML). */
export function legendItem(color: string, text: string, dashed = false): HTMLLIElement {
  const item = document.createElement("li");
  const swatch = document.createElement("span");
  swatch.className = "swatch";
  // CSSOM properties, not a style attribute: allowed under the page's strict CSP
  swatch.style.display = "inline-block";
  swatch.style.width = "18px";
  swatch.style.height = "0";
  swatch.style.borderTop = `3px ${dashed ? "dashed" : "solid"} ${color}`;
  swatch.style.marginRight = "6px";
  swatch.style.verticalAlign = "middle";
  item.append(swatch, text);
  return item;
}

const MARGIN = { left: 52, right: 12, top: 10, bottom: 34 };

/** A canvas of css size w×h, drawn at the device's pixel ratio. */
export function createCanvas(w: number, h: number, label: string): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  return canvas;
}

/** Clear the canvas and draw the axes and every series. */
export function drawChart(
  canvas: HTMLCanvasElement,
  series: readonly Series[],
  o: ChartOptions,
): void {
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  const ratio = canvas.width / (parseFloat(canvas.style.width) || canvas.width);
  const w = canvas.width / ratio;
  const h = canvas.height / ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  const ty = (y: number): number => (o.logY ? Math.log10(y) : y);
  const usable = (y: number): boolean => Number.isFinite(ty(y));
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.filter((p) => usable(p[1])).map((p) => ty(p[1])));
  const [x0, x1] = o.xRange ?? padded(xs, 0);
  const [y0, y1] = o.yRange ? [ty(o.yRange[0]), ty(o.yRange[1])] : padded(ys, 0.05);
  const plotW = w - MARGIN.left - MARGIN.right;
  const plotH = h - MARGIN.top - MARGIN.bottom;
  const px = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (v: number): number => MARGIN.top + (1 - (v - y0) / (y1 - y0)) * plotH;
  drawAxes(ctx, { x0, x1, y0, y1, px, py, w, h }, o);
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, plotW, plotH);
  ctx.clip();
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dashed ? [6, 4] : []);
    ctx.beginPath();
    let pen = false;
    for (const [x, y] of s.points) {
      if (!usable(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px(x), py(ty(y)));
      else ctx.moveTo(px(x), py(ty(y)));
      pen = true;
    }
    // a single point still shows, as a dot
    if (s.points.length === 1 && usable(s.points[0][1])) {
      ctx.arc(px(s.points[0][0]), py(ty(s.points[0][1])), 2, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  ctx.restore();
  ctx.setLineDash([]);
}

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  px: (x: number) => number;
  py: (v: number) => number;
  w: number;
  h: number;
}

function drawAxes(ctx: CanvasRenderingContext2D, f: Frame, o: ChartOptions): void {
  ctx.strokeStyle = "#888888";
  ctx.fillStyle = "#333333";
  ctx.lineWidth = 1;
  ctx.font = "11px sans-serif";
  ctx.beginPath();
  ctx.moveTo(MARGIN.left, MARGIN.top);
  ctx.lineTo(MARGIN.left, f.h - MARGIN.bottom);
  ctx.lineTo(f.w - MARGIN.right, f.h - MARGIN.bottom);
  ctx.stroke();
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const x of ticks(f.x0, f.x1)) {
    ctx.fillText(tickText(x, false), f.px(x), f.h - MARGIN.bottom + 4);
  }
  ctx.fillText(o.xLabel, MARGIN.left + (f.w - MARGIN.left - MARGIN.right) / 2, f.h - 14);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  const yTicks = o.logY ? logTicks(f.y0, f.y1) : ticks(f.y0, f.y1);
  for (const v of yTicks) {
    ctx.fillText(tickText(v, o.logY === true), MARGIN.left - 4, f.py(v));
    ctx.strokeStyle = "#eeeeee";
    ctx.beginPath();
    ctx.moveTo(MARGIN.left + 1, f.py(v));
    ctx.lineTo(f.w - MARGIN.right, f.py(v));
    ctx.stroke();
  }
  ctx.save();
  ctx.translate(12, MARGIN.top + (f.h - MARGIN.top - MARGIN.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.fillText(o.yLabel, 0, 0);
  ctx.restore();
}

/** [min, max] of the values, widened by `pad` of the span; [0, 1] when there are none. */
function padded(values: number[], pad: number): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-12) [lo, hi] = [lo - 1, hi + 1];
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

/** About five round ticks in [lo, hi] (1, 2 or 5 × 10ⁿ apart). */
function ticks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(t);
  return out;
}

/** Integer powers of ten in [lo, hi] (log₁₀ units), thinned to at most six. */
function logTicks(lo: number, hi: number): number[] {
  const all: number[] = [];
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) all.push(e);
  const stride = Math.max(1, Math.ceil(all.length / 6));
  return all.filter((_, i) => i % stride === 0);
}

function tickText(v: number, isLog: boolean): string {
  if (isLog) return `1e${v}`;
  const r = Math.round(v * 1e6) / 1e6;
  return Math.abs(r) >= 1e4 ? r.toExponential(0) : String(r);
}
