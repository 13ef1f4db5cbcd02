// The HTML training report: one self-contained file (inline CSS and SVG, no scripts, no network)
// with per-epoch curves, final metrics, architecture, hyper-parameters, the confusion matrix and,
// for 2-D classification data, the decision boundary; with diagnostics, per-layer gradient norms
// and update ratios, the learning rate, weight histograms and the health warnings. All
// user-provided text is HTML-escaped.
import { io, Tensor, type diagnostics, type nn } from "../node/index.js";
import type { ModelMetadata } from "../io/model.js";
import { predictWithMetadata, type Scores } from "../train/inference.js";
import type { LayerRow } from "./architecture.js";
import {
  decisionBoundary,
  escapeHtml,
  histogramChart,
  lineChart,
  type Series,
} from "./report-svg.js";

type Logs = Record<string, number>;

export interface ReportInput {
  title: string;
  source: string;
  task: string;
  history: Logs[];
  scores: Record<string, Scores>;
  hyperParameters: Record<string, unknown>;
  architecture: LayerRow[];
  labelNames?: string[];
  seconds: number;
  modelPath: string;
  /** Plain-text lines shown under the data line (holdouts, early stopping). */
  notes?: string[];
  /** For 2-D classification data: the model, its metadata and the rows to draw. */
  boundary?: {
    model: nn.Module;
    meta: ModelMetadata;
    points: { x: Tensor; y: Tensor };
    trainPoints: { x: Tensor; y: Tensor };
  };
  /** diagnostics.gradientFlow's records, the healthCheck warnings and the weight histograms. */
  diagnostics?: {
    records: diagnostics.FlowRecord[];
    warnings: diagnostics.HealthWarning[];
    weightHistograms: diagnostics.GradientFlowCallback["weightHistograms"];
  };
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td.l,th.l{text-align:left}figure{display:inline-block;margin:0 1.5em 1em 0}
figcaption{font-size:.9em;color:#555;margin-bottom:.3em}code{background:#f4f4f4;padding:0 3px}`;

function cell(v: unknown): string {
  if (typeof v === "number")
    return Number.isInteger(v) ? String(v) : Number.isFinite(v) ? v.toPrecision(4) : String(v);
  if (v === null || v === undefined) return "—";
  return escapeHtml(
    Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v),
  );
}

function table(head: string[], rows: unknown[][], leftColumns = 1): string {
  const th = head
    .map((h, j) => `<th${j < leftColumns ? ' class="l"' : ""}>${escapeHtml(h)}</th>`)
    .join("");
  const trs = rows.map(
    (r) =>
      `<tr>${r.map((v, j) => `<td${j < leftColumns ? ' class="l"' : ""}>${cell(v)}</td>`).join("")}</tr>`,
  );
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs.join("")}</tbody></table>`;
}

function curves(history: Logs[]): string {
  const keys = [...new Set(history.flatMap((h) => Object.keys(h)))].filter((k) => k !== "lr");
  const series = (names: string[]): Series[] =>
    names
      .filter((k) => keys.includes(k))
      .map((k) => ({ name: k, values: history.map((h) => h[k] ?? NaN) }));
  const metricKeys = keys.filter((k) => k !== "loss" && k !== "valLoss");
  const charts = [lineChart("Loss per epoch (log scale)", series(["loss", "valLoss"]), true)];
  if (metricKeys.length > 0) charts.push(lineChart("Metrics per epoch", series(metricKeys)));
  return charts.join("");
}

/** Per-layer ‖∂L/∂W‖ and ‖ΔW‖/‖W‖ (log scale), lr per epoch, weight histograms, warnings. */
function diagnosticsSection(history: Logs[], d: ReportInput["diagnostics"]): string {
  const lr = lineChart("Learning rate per epoch", [
    { name: "lr", values: history.map((h) => h.lr ?? NaN) },
  ]);
  if (!d) return `<h2>Learning rate</h2>${lr}`;
  const perLayer = (key: "gradNorm" | "updateRatio"): Series[] =>
    (d.records[0]?.layers ?? []).map((l, k) => ({
      name: l.layer.replace(" (Linear)", ""),
      values: d.records.map((r) => r.layers[k]?.[key] ?? NaN),
    }));
  const perEpoch = d.records.length === history.length;
  const when = perEpoch ? "per epoch" : `at ${d.records.length} recorded steps`;
  const x = perEpoch ? "epoch" : "recorded step";
  const charts = [
    lineChart(
      `Gradient norm ‖∂L/∂W‖ per layer, ${when} (log scale)`,
      perLayer("gradNorm"),
      true,
      x,
    ),
    lineChart(
      `Update ratio ‖ΔW‖/‖W‖ per layer, ${when} (log scale)`,
      perLayer("updateRatio"),
      true,
      x,
    ),
    lr,
  ];
  const { start, end } = d.weightHistograms;
  if (start) charts.push(histogramChart("Weights at the start (all Linear layers)", start));
  if (end) charts.push(histogramChart("Weights at the end (all Linear layers)", end));
  const warnings =
    d.warnings.length === 0
      ? `<p>No warnings (vanishing or exploding gradients, dead ReLUs, saturated units).</p>`
      : `<ul class="health">${d.warnings.map((w) => `<li>epoch ${w.epoch}: ${escapeHtml(w.message)} — ${escapeHtml(w.remedy)}</li>`).join("")}</ul>`;
  return `<h2>Gradient flow and health</h2>${charts.join("")}<h3>Health warnings</h3>${warnings}`;
}

function metricsTable(scores: Record<string, Scores>): string {
  const keys = ["loss", "accuracy", "macroF1", "mae", "rmse", "r2"].filter((k) =>
    Object.values(scores).some((s) => typeof s[k as keyof Scores] === "number"),
  );
  const rows = Object.entries(scores).map(([part, s]) => [
    part,
    ...keys.map((k) => s[k as keyof Scores]),
  ]);
  return table(["split", ...keys], rows);
}

function confusion(scores: Record<string, Scores>, labels: string[] | undefined): string {
  const m = scores.test?.confusion;
  if (!m) return "";
  const names = m.map((_, i) => labels?.[i] ?? String(i));
  const rows = m.map((row, i) => [names[i], ...row]);
  return `<h2>Confusion matrix (test rows; rows: true class, columns: predicted)</h2>${table(["true \\ predicted", ...names], rows)}`;
}

/** Predict a G×G grid over the points' bounding box (5 % margin) in raw feature space. */
function boundary(b: NonNullable<ReportInput["boundary"]>, grid = 48): string {
  const all = [b.trainPoints.x, b.points.x];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const t of all) {
    for (let i = 0; i < t.shape[0]; i++) {
      [x0, x1] = [Math.min(x0, t.data[2 * i]), Math.max(x1, t.data[2 * i])];
      [y0, y1] = [Math.min(y0, t.data[2 * i + 1]), Math.max(y1, t.data[2 * i + 1])];
    }
  }
  const mx = (x1 - x0) * 0.05 || 1;
  const my = (y1 - y0) * 0.05 || 1;
  [x0, x1, y0, y1] = [x0 - mx, x1 + mx, y0 - my, y1 + my];
  const cells = new Float32Array(grid * grid * 2);
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      cells[2 * (r * grid + c)] = x0 + ((c + 0.5) / grid) * (x1 - x0);
      cells[2 * (r * grid + c) + 1] = y1 - ((r + 0.5) / grid) * (y1 - y0);
    }
  }
  const p = predictWithMetadata(b.model, b.meta, new Tensor(cells, [grid * grid, 2]));
  if (p.task === "regression") return "";
  return decisionBoundary({
    probabilities: p.probabilities,
    numClasses: p.numClasses,
    grid,
    box: [x0, x1, y0, y1],
    points: [
      { ...b.trainPoints, test: false },
      { ...b.points, test: true },
    ],
  });
}

/** The report as an HTML string. */
function renderReport(r: ReportInput): string {
  const hyper = Object.entries(r.hyperParameters).map(([k, v]) => [k, v]);
  const arch = r.architecture.map((l) => [
    l.index,
    l.type,
    `[${l.outputShape.join(", ")}]`,
    l.parameters,
    JSON.stringify(l.config),
  ]);
  const total = r.architecture.reduce((s, l) => s + l.parameters, 0);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(r.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(r.title)}</h1>
<p>Data: <code>${escapeHtml(r.source)}</code> · task ${escapeHtml(r.task)} · ${r.history.length} epochs in ${r.seconds.toFixed(1)} s · model file <code>${escapeHtml(r.modelPath)}</code></p>
${(r.notes ?? []).map((n) => `<p>${escapeHtml(n)}</p>`).join("\n")}
<h2>Training curves</h2>${curves(r.history)}
${diagnosticsSection(r.history, r.diagnostics)}
<h2>Final metrics</h2>${metricsTable(r.scores)}
${confusion(r.scores, r.labelNames)}
${r.boundary ? `<h2>Decision boundary</h2>${boundary(r.boundary)}` : ""}
<h2>Architecture (${total} parameters)</h2>${table(["#", "layer", "output", "parameters", "config"], arch, 2)}
<h2>Hyper-parameters</h2>${table(["name", "value"], hyper)}
${r.labelNames ? `<h2>Classes</h2><p>${r.labelNames.map((n, i) => `${i}: ${escapeHtml(n)}`).join(" · ")}</p>` : ""}
<p style="color:#777;font-size:.85em">Written by myelin train on ${escapeHtml(new Date().toISOString())}.</p>
</body></html>
`;
}

/**
 * Render and write the report atomically; `exclusive` creates it (EEXIST if it exists), `write`
 * replaces the writer (tests).
 */
export async function writeReport(
  path: string,
  r: ReportInput,
  options: {
    exclusive?: boolean;
    write?: (path: string, bytes: Uint8Array, o: { exclusive: boolean }) => Promise<void>;
  } = {},
): Promise<void> {
  const write = options.write ?? ((p, b, o) => io.writeFileAtomic(p, b, o));
  await write(path, new TextEncoder().encode(renderReport(r)), {
    exclusive: options.exclusive === true,
  });
}
