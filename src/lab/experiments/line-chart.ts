// A tiny self-contained SVG line chart for the labs (no DOM, no dependencies): one polyline per
// series over a shared x axis, optional log scales, a legend. Not a plotting library.

export interface Series {
  label: string;
  points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
}

const WIDTH = 560;
const HEIGHT = 320;
const MARGIN = { left: 60, right: 150, top: 30, bottom: 40 };
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function range(values: number[]): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  return [lo, hi];
}

/** An <svg> line chart; non-finite points (and ≤ 0 on a log axis) are left out. */
export function lineChart(series: readonly Series[], options: LineChartOptions): string {
  const tx = (v: number) => (options.logX ? Math.log10(v) : v);
  const ty = (v: number) => (options.logY ? Math.log10(v) : v);
  const kept = series.map((s) => ({
    label: s.label,
    points: s.points
      .map(([x, y]) => [tx(x), ty(y)] as const)
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  }));
  const all = kept.flatMap((s) => s.points);
  const [x0, x1] = range(all.length ? all.map((p) => p[0]) : [0]);
  const [y0, y1] = range(all.length ? all.map((p) => p[1]) : [0]);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotH;
  const tick = (v: number, log: boolean | undefined) =>
    log ? `1e${v.toFixed(1)}` : v.toPrecision(3);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="13">${escapeXml(options.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeXml(options.xLabel)}${options.logX ? " (log)" : ""}</text>`,
    `<text x="12" y="${MARGIN.top + plotH / 2}" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})" text-anchor="middle">${escapeXml(options.yLabel)}${options.logY ? " (log)" : ""}</text>`,
    `<text x="${MARGIN.left}" y="${HEIGHT - 22}" text-anchor="middle">${tick(x0, options.logX)}</text>`,
    `<text x="${MARGIN.left + plotW}" y="${HEIGHT - 22}" text-anchor="middle">${tick(x1, options.logX)}</text>`,
    `<text x="${MARGIN.left - 4}" y="${MARGIN.top + plotH}" text-anchor="end">${tick(y0, options.logY)}</text>`,
    `<text x="${MARGIN.left - 4}" y="${MARGIN.top + 8}" text-anchor="end">${tick(y1, options.logY)}</text>`,
  ];
  kept.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${d}"/>`);
    const ly = MARGIN.top + 12 + 16 * i;
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 10}" y1="${ly - 4}" x2="${WIDTH - MARGIN.right + 30}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${WIDTH - MARGIN.right + 34}" y="${ly}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
