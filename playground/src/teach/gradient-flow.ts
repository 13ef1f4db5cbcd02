// Gradient flow view: ‖∂L/∂W‖₂ of every Linear layer per epoch, on a log scale, one line per layer,
// with a legend and the plain-language warning of health.ts (vanishing or exploding gradients).
// It draws what the worker measured; it computes no gradients itself.
import type { worker } from "../../../src/index.js";
import { createCanvas, drawChart, legendItem, PALETTE, type Series } from "./chart.js";
import { flowWarnings, type FlowWarning } from "./health.js";

/** Records kept for drawing; older ones are dropped (a long run's start is still in the warnings). */
const MAX_RECORDS = 20_000;
/** healthCheck's exploding window: how many earlier records a new one is compared with. */
const CONTEXT_RECORDS = 10;

export interface GradientFlowView {
  /**
   * Add records. Either each Progress's new records or the whole history may be passed: a record
   * whose epoch is not after the last one kept replaces the history from that epoch on.
   */
  update(records: readonly worker.EpochRecord[], layerNames: readonly string[]): void;
  /** Forget every record and warning (a new run). */
  reset(): void;
}

export function mountGradientFlow(el: HTMLElement): GradientFlowView {
  const section = document.createElement("section");
  section.className = "teach gradient-flow";
  const heading = document.createElement("h3");
  heading.textContent = "Gradient flow";
  const canvas = createCanvas(360, 200, "Gradient norm of each layer per epoch, log scale");
  const legend = document.createElement("ul");
  legend.className = "legend";
  const warning = document.createElement("p");
  warning.className = "teach-warning";
  warning.setAttribute("role", "status");
  warning.hidden = true;
  section.append(heading, canvas, legend, warning);
  el.append(section);

  let records: worker.EpochRecord[] = [];
  let names: string[] = [];
  let warnings: FlowWarning[] = [];
  let frame = 0;

  const draw = (): void => {
    frame = 0;
    const series: Series[] = names.map((_, k) => ({
      color: PALETTE[k % PALETTE.length],
      points: thin(records).map((r) => [r.epoch, r.gradNorms[k]] as const),
    }));
    drawChart(canvas, series, { xLabel: "epoch", yLabel: "‖∂L/∂W‖ (log)", logY: true });
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  const showLegend = (): void => {
    legend.replaceChildren(
      ...names.map((name, k) => legendItem(PALETTE[k % PALETTE.length], name)),
    );
  };
  const showWarnings = (): void => {
    warning.hidden = warnings.length === 0;
    warning.textContent = warnings.map((w) => w.text).join(" ");
    warning.dataset.kinds = [...new Set(warnings.map((w) => w.kind))].join(" ");
  };

  schedule(); // empty axes until the first records
  return {
    update(incoming, layerNames) {
      if (incoming.length === 0) return;
      if (layerNames.join("\n") !== names.join("\n")) {
        names = [...layerNames];
        showLegend();
      }
      const fresh = newRecords(records, incoming);
      if (fresh !== null && fresh.length === 0) return;
      if (fresh === null) {
        // a different run (or an earlier epoch again): forget what came from that epoch on
        const restartAt = records.findIndex((r) => r.epoch >= incoming[0].epoch);
        if (restartAt >= 0) records = records.slice(0, restartAt);
        warnings = warnings.filter((w) => w.epoch < incoming[0].epoch);
      }
      const from = Math.max(0, records.length - CONTEXT_RECORDS);
      records.push(...(fresh ?? incoming));
      // only the new records (with healthCheck's window before them) can add a warning
      for (const w of flowWarnings(records.slice(from), names)) {
        if (!warnings.some((o) => o.kind === w.kind && o.layer === w.layer)) warnings.push(w);
      }
      if (records.length > MAX_RECORDS) records = records.slice(records.length - MAX_RECORDS);
      showWarnings();
      schedule();
    },
    reset() {
      records = [];
      warnings = [];
      showWarnings();
      schedule();
    },
  };
}

/**
 * The records of `incoming` after the last one kept, when `incoming` continues the kept history
 * (new records only, or the whole history again, as the record at the last kept epoch shows);
 * null when it does not (a new run).
 */
function newRecords(
  kept: readonly worker.EpochRecord[],
  incoming: readonly worker.EpochRecord[],
): readonly worker.EpochRecord[] | null {
  const last = kept.at(-1);
  if (last === undefined || incoming[0].epoch > last.epoch) return incoming;
  const same = incoming.find((r) => r.epoch === last.epoch);
  if (same === undefined || same.steps !== last.steps || same.trainLoss !== last.trainLoss) {
    return null;
  }
  return incoming.filter((r) => r.epoch > last.epoch);
}

/** At most ~600 records, evenly spaced (a line chart cannot show more than its pixels). */
function thin(records: readonly worker.EpochRecord[]): worker.EpochRecord[] {
  const stride = Math.ceil(records.length / 600);
  if (stride <= 1) return [...records];
  return records.filter((_, i) => i % stride === 0 || i === records.length - 1);
}
