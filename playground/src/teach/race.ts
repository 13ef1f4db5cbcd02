// Optimizer race: the same data and the same initial weights (same Setup, same seed) trained by
// two or more optimizers side by side, one worker each, their loss curves overlaid on one canvas.
// The workers train with the library's worker helper; this file only starts them and draws.
import { worker } from "../../../src/index.js";
import { OPTIMIZERS, type OptimizerChoice, type Setup } from "../setup.js";
import { createCanvas, drawChart, legendItem, PALETTE } from "./chart.js";

/** Epochs each racer trains before it stops by itself. */
export const RACE_EPOCHS = 300;

export interface RaceView {
  /** Clear the curves and show these racers in the legend. */
  reset(optimizers: readonly OptimizerChoice[]): void;
  /** Add one racer's new epoch records (as worker.Progress delivers them). */
  add(optimizer: OptimizerChoice, records: readonly worker.EpochRecord[]): void;
  /** Mark a racer as stopped, with the reason shown beside its name (e.g. a NaN). */
  stopped(optimizer: OptimizerChoice, reason: string): void;
}

/** Checkboxes for the racers, a start button, and the overlaid loss curves with their legend. */
export function mountRace(
  el: HTMLElement,
  start: (optimizers: OptimizerChoice[]) => void,
): RaceView {
  const section = document.createElement("section");
  section.className = "teach race";
  const heading = document.createElement("h3");
  heading.textContent = "Optimizer race";
  const picks = document.createElement("fieldset");
  const legendText = document.createElement("legend");
  legendText.textContent = "Racers (same data, same initial weights)";
  picks.append(legendText);
  const boxes = OPTIMIZERS.map((name) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.checked = name === "sgd" || name === "adam";
    label.append(box, ` ${name} `);
    picks.append(label);
    return box;
  });
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Start race";
  const note = document.createElement("p");
  note.className = "note";
  button.addEventListener("click", () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value as OptimizerChoice);
    if (chosen.length < 2) {
      note.textContent = "Pick at least two optimizers to race.";
      return;
    }
    note.textContent = "";
    start(chosen);
  });
  const canvas = createCanvas(360, 200, "Training loss per epoch of each optimizer");
  const legend = document.createElement("ul");
  legend.className = "legend";
  section.append(heading, picks, button, note, canvas, legend);
  el.append(section);

  let racers: OptimizerChoice[] = [];
  let curves = new Map<OptimizerChoice, [number, number][]>();
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    const series = racers.map((o, k) => ({
      color: PALETTE[k % PALETTE.length],
      points: curves.get(o) ?? [],
    }));
    drawChart(canvas, series, { xLabel: "epoch", yLabel: "training loss (log)", logY: true });
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  const racerItem = (o: OptimizerChoice, k: number): HTMLLIElement => {
    const item = legendItem(PALETTE[k % PALETTE.length], o);
    item.dataset.optimizer = o;
    const status = document.createElement("span");
    status.className = "status";
    item.append(status);
    return item;
  };
  schedule(); // empty axes until a race starts
  return {
    reset(optimizers) {
      racers = [...optimizers];
      curves = new Map(racers.map((o) => [o, []]));
      for (const b of boxes) b.checked = racers.includes(b.value as OptimizerChoice);
      legend.replaceChildren(...racers.map(racerItem));
      schedule();
    },
    add(optimizer, records) {
      const curve = curves.get(optimizer);
      if (curve === undefined) return;
      for (const r of records) curve.push([r.epoch, r.trainLoss]);
      const item = legend.querySelector(`li[data-optimizer="${optimizer}"]`);
      if (item !== null) item.setAttribute("data-epochs", String(curve.length));
      schedule();
    },
    stopped(optimizer, reason) {
      const status = legend.querySelector(`li[data-optimizer="${optimizer}"] .status`);
      if (status !== null) status.textContent = ` (${reason})`;
    },
  };
}

export interface RaceHandlers {
  /** New records of one racer. */
  onRecords(optimizer: OptimizerChoice, records: worker.EpochRecord[]): void;
  /** A racer met a NaN/Inf (its worker paused) or failed. */
  onStopped?(optimizer: OptimizerChoice, reason: string): void;
}

export interface Race {
  readonly trainings: ReadonlyMap<OptimizerChoice, worker.WorkerTraining>;
  /** Terminate every racer's worker. */
  stop(): void;
}

/**
 * Start one worker per optimizer on `setup` with only the optimizer changed, so every racer gets
 * the same data, split and seed, hence the same initial weights (the job's seed draws them), and
 * train each for RACE_EPOCHS epochs.
 */
export function runRace(
  setup: Setup,
  optimizers: readonly OptimizerChoice[],
  makeWorker: () => Worker,
  buildJob: (s: Setup) => worker.TrainingJob,
  handlers: RaceHandlers,
): Race {
  const trainings = new Map<OptimizerChoice, worker.WorkerTraining>();
  for (const optimizer of new Set(optimizers)) {
    const job = buildJob({ ...setup, optimizer, race: [] });
    // the DOM's Worker types onmessage with a MessageEvent, narrower than WorkerLike's { data }
    const port = makeWorker() as unknown as worker.WorkerLike;
    const training = worker.trainInWorker(port, job, {
      onProgress: (p) => {
        if (p.records.length > 0) handlers.onRecords(optimizer, p.records);
      },
      onNonFinite: (r) =>
        handlers.onStopped?.(optimizer, `NaN at epoch ${r.epoch}, step ${r.step}`),
      onError: (e) => handlers.onStopped?.(optimizer, e.message),
    });
    training.step(RACE_EPOCHS);
    trainings.set(optimizer, training);
  }
  return {
    trainings,
    stop() {
      for (const t of trainings.values()) t.terminate();
    },
  };
}
