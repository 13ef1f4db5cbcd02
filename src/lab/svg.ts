/**
 * SVG line charts for lab results: plain strings, no DOM, every text escaped — so they render
 * the same in a terminal-written HTML file and in the browser playground.
 *
 *   x: shared x values (numbers: epochs, parameter counts; strings: layer names)
 *   series: y values per x; non-finite (NaN, ±∞) and, on a log axis, non-positive points are
 *   left out of the line and drawn as a red ✕ at the top edge, so "NaN here" stays visible.
 */

/** Escape text for SVG/HTML element content and double-quoted attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Labels of the x positions 0..n−1 (at most ~12 are printed). */
  xTicks: (string | number)[];
  logY?: boolean;
}

const W = 560;
const H = 300;
const PAD = { left: 64, right: 16, top: 44, bottom: 44 };

function tickText(v: number): string {
  if (v === 0) return "0";
  return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2 ? v.toExponential(0) : String(+v.toPrecision(3));
}

/** A self-contained <svg> of the series over the x positions, with a legend. */
export function lineChart(options: ChartOptions, series: ChartSeries[]): string {
  const { title, xLabel, yLabel, xTicks, logY = false } = options;
  const plottable = (v: number): boolean => Number.isFinite(v) && (!logY || v > 0);
  const f = (v: number): number => (logY ? Math.log10(v) : v);
  const finite = series.flatMap((s) => s.values.filter(plottable).map(f));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (logY) [lo, hi] = [Math.floor(lo), Math.ceil(hi)];
  if (hi - lo < 1e-12) [lo, hi] = [lo - 0.5, hi + 0.5];
  const n = Math.max(xTicks.length, ...series.map((s) => s.values.length), 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const px = (i: number): number => PAD.left + (innerW * i) / Math.max(n - 1, 1);
  const py = (v: number): number => PAD.top + innerH * (1 - (f(v) - lo) / (hi - lo));
  const parts: string[] = [
    `<rect x="${PAD.left}" y="${PAD.top}" width="${innerW}" height="${innerH}" fill="none" stroke="#999"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${PAD.left + innerW / 2}" y="${H - 6}" text-anchor="middle" font-size="11">${escapeXml(xLabel)}</text>`,
    `<text x="12" y="${PAD.top + innerH / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${PAD.top + innerH / 2})">${escapeXml(yLabel)}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const val = lo + ((hi - lo) * k) / 4;
    const y = PAD.top + innerH * (1 - k / 4);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(
      `<text x="${PAD.left - 4}" y="${y + 4}" text-anchor="end" font-size="10">${tickText(logY ? 10 ** val : val)}</text>`,
    );
  }
  const every = Math.ceil(n / 12);
  xTicks.forEach((t, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(
      `<text x="${px(i).toFixed(1)}" y="${PAD.top + innerH + 14}" text-anchor="middle" font-size="10">${escapeXml(String(t))}</text>`,
    );
  });
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const points = s.values
      .map((v, i) => (plottable(v) ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : null))
      .filter((p) => p !== null);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`,
    );
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        parts.push(
          `<text x="${px(i).toFixed(1)}" y="${PAD.top + 4}" text-anchor="middle" font-size="11" fill="${color}">✕</text>`,
        );
      }
    });
    const lx = PAD.left + 4 + (k % 3) * 165;
    const ly = 24 + Math.floor(k / 3) * 12;
    parts.push(`<rect x="${lx}" y="${ly}" width="9" height="9" fill="${color}"/>`);
    parts.push(`<text x="${lx + 13}" y="${ly + 8}" font-size="10">${escapeXml(s.name)}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif">` +
    `<rect width="${W}" height="${H}" fill="white"/>` +
    parts.join("") +
    `</svg>`
  );
}
