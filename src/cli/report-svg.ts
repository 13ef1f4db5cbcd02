// Inline SVG for the training report: line charts of per-epoch values, histograms and a
// decision-boundary map for 2-D classification data. Plain strings, no DOM; every text passes through escapeHtml.
import type { Tensor } from "../node/index.js";

/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const PALETTE = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

export interface Series {
  name: string;
  values: number[];
}

const W = 520;
const H = 260;
const PAD = { left: 56, right: 16, top: 28, bottom: 40 };

function tick(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)
    ? v.toExponential(1)
    : v.toPrecision(3);
}

/** A line chart of several series over points 1..E (epochs unless xLabel says otherwise). */
export function lineChart(title: string, series: Series[], logY = false, xLabel = "epoch"): string {
  const finite = series
    .flatMap((s) => s.values)
    .filter((v) => Number.isFinite(v) && (!logY || v > 0));
  if (finite.length === 0) return `<p>${escapeHtml(title)}: no finite values to plot.</p>`;
  const f = (v: number): number => (logY ? Math.log10(v) : v);
  let lo = Math.min(...finite.map(f));
  let hi = Math.max(...finite.map(f));
  if (hi - lo < 1e-12) [lo, hi] = [lo - 0.5, hi + 0.5];
  const epochs = Math.max(...series.map((s) => s.values.length));
  const px = (i: number): number =>
    PAD.left + ((W - PAD.left - PAD.right) * i) / Math.max(epochs - 1, 1);
  const py = (v: number): number =>
    PAD.top + (H - PAD.top - PAD.bottom) * (1 - (f(v) - lo) / (hi - lo));
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const val = lo + ((hi - lo) * k) / 4;
    const y = PAD.top + (H - PAD.top - PAD.bottom) * (1 - k / 4);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(
      `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${tick(logY ? 10 ** val : val)}</text>`,
    );
  }
  parts.push(
    `<text x="${(W + PAD.left) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${escapeHtml(xLabel)} (1–${epochs})</text>`,
  );
  series.forEach((s, k) => {
    const pts = s.values
      .map((v, i) =>
        Number.isFinite(v) && (!logY || v > 0) ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : null,
      )
      .filter((p) => p !== null);
    const color = PALETTE[k % PALETTE.length];
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(" ")}"/>`,
    );
    parts.push(
      `<rect x="${PAD.left + 8 + k * 120}" y="${PAD.top - 20}" width="10" height="10" fill="${color}"/>`,
    );
    parts.push(
      `<text x="${PAD.left + 22 + k * 120}" y="${PAD.top - 11}" font-size="11">${escapeHtml(s.name)}</text>`,
    );
  });
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#999"/>` +
    parts.join("") +
    `</svg></figure>`
  );
}

export interface BoundaryInput {
  /** Probabilities [G·G, C] for the grid cells, row-major from the top-left. */
  probabilities: Float64Array;
  numClasses: number;
  grid: number;
  /** Raw-feature box covered by the grid: [x0, x1] × [y0, y1]. */
  box: [number, number, number, number];
  /** Points to draw: x [N, 2] raw features, y [N] classes, and whether they are test rows. */
  points: { x: Tensor; y: Tensor; test: boolean }[];
}

/** The predicted class of each grid cell as a coloured rect (opacity = confidence), plus points. */
export function decisionBoundary(b: BoundaryInput): string {
  const size = 360;
  const cell = size / b.grid;
  const [x0, x1, y0, y1] = b.box;
  const rects: string[] = [];
  for (let r = 0; r < b.grid; r++) {
    for (let c = 0; c < b.grid; c++) {
      const i = r * b.grid + c;
      let best = 0;
      for (let k = 1; k < b.numClasses; k++)
        if (b.probabilities[i * b.numClasses + k] > b.probabilities[i * b.numClasses + best])
          best = k;
      const conf = b.probabilities[i * b.numClasses + best];
      const opacity = (0.15 + (0.5 * (conf - 1 / b.numClasses)) / (1 - 1 / b.numClasses)).toFixed(
        2,
      );
      rects.push(
        `<rect x="${(c * cell).toFixed(1)}" y="${(r * cell).toFixed(1)}" width="${(cell + 0.5).toFixed(1)}" height="${(cell + 0.5).toFixed(1)}" fill="${PALETTE[best % PALETTE.length]}" fill-opacity="${opacity}"/>`,
      );
    }
  }
  const dots: string[] = [];
  for (const set of b.points) {
    for (let i = 0; i < set.x.shape[0]; i++) {
      const px = ((set.x.data[2 * i] - x0) / (x1 - x0)) * size;
      const py = ((y1 - set.x.data[2 * i + 1]) / (y1 - y0)) * size;
      const color = PALETTE[Math.round(set.y.data[i]) % PALETTE.length];
      dots.push(
        `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${set.test ? 3.5 : 2.5}" fill="${color}" stroke="${set.test ? "#000" : "#fff"}" stroke-width="${set.test ? 1 : 0.5}"/>`,
      );
    }
  }
  return (
    `<figure><figcaption>Decision boundary (cells: predicted class, darker = more confident; dots: training rows, outlined: test rows)</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="decision boundary">` +
    rects.join("") +
    dots.join("") +
    `</svg></figure>`
  );
}

/** A histogram of counts in equal bins over [min, max], drawn as bars. */
export function histogramChart(
  title: string,
  h: { min: number; max: number; counts: number[] },
): string {
  const top = Math.max(...h.counts, 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const barW = plotW / Math.max(h.counts.length, 1);
  const bars = h.counts.map((c, i) => {
    const barH = (plotH * c) / top;
    const x = (PAD.left + i * barW).toFixed(1);
    const y = (PAD.top + plotH - barH).toFixed(1);
    return `<rect class="bar" x="${x}" y="${y}" width="${Math.max(barW - 1, 0.5).toFixed(1)}" height="${barH.toFixed(1)}" fill="${PALETTE[0]}"/>`;
  });
  const labels = [
    `<text x="${PAD.left}" y="${H - 22}" text-anchor="middle" font-size="11">${tick(h.min)}</text>`,
    `<text x="${W - PAD.right}" y="${H - 22}" text-anchor="middle" font-size="11">${tick(h.max)}</text>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11">${top}</text>`,
    `<text x="${(W + PAD.left) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">weight value</text>`,
  ];
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>` +
    bars.join("") +
    labels.join("") +
    `</svg></figure>`
  );
}
