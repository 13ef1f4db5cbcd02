// The playground page (bundled as main.js): reads the Setup from the URL, builds the controls,
// views and teaching panels, and trains in a Web Worker through the library's
// worker.trainInWorker. Every Setup change rewrites the URL, rebuilds the job and resets the
// worker; drawing happens at most once per animation frame, so the page stays responsive.
//
// Debug handle (documented in the page's footer; the e2e tests use it):
//   window.myelinPlayground.getSetup()                 a copy of the current Setup
//   window.myelinPlayground.command("poison", { layer }) a custom worker command
import { worker } from "../../src/index.js";
import { mountDataControls } from "./controls/data-controls.js";
import { mountNetworkEditor } from "./controls/network-editor.js";
import { mountTrainingControls } from "./controls/training-controls.js";
import { readCsvPoints, type CsvPoints } from "./data/csv.js";
import type { Snapshot } from "./grid-snapshot.js";
import { buildJob, type PlaygroundJob } from "./job.js";
import { DEFAULT_SETUP, type Setup } from "./setup.js";
import { mountActivationExplorer } from "./teach/activation-explorer.js";
import { mountGradientFlow } from "./teach/gradient-flow.js";
import { mountNanAlarm } from "./teach/nan-alarm.js";
import { mountPresets } from "./teach/presets.js";
import { mountRace, runRace, type Race } from "./teach/race.js";
import { copySetup, decodeSetup, encodeSetup } from "./url-state.js";
import { BOX, gridsFor, type JobGrids } from "./view-grids.js";
import { drawBoundary } from "./views/boundary.js";
import { drawLossChart } from "./views/loss-chart.js";
import { drawNetwork } from "./views/network.js";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`playground: index.html has no #${id}`);
  return el as T;
}

const decoded = decodeSetup(location.search);
let setup = decoded.setup;
const problems = [...decoded.problems];
if (setup.dataset === "csv") {
  problems.push(
    "dataset=csv needs your file, which a link cannot carry: pick it below. Showing circles until then.",
  );
  setup.dataset = "circles";
}
let csv: CsvPoints | null = null;
let pj: PlaygroundJob = buildJob(setup);
let grids: JobGrids = gridsFor(pj);
let records: worker.EpochRecord[] = [];
let snapshot: Snapshot | undefined;
/** The boundary and the network are redrawn only when a new snapshot came (or the job changed). */
let snapshotDrawn = false;
let running = false;

const problemList = byId("problems");
for (const text of problems) {
  const li = document.createElement("li");
  li.textContent = text;
  problemList.append(li);
}
const errors = byId("errors");

const trainingWorker = new Worker("worker.js", { type: "module" });
// the DOM's Worker types onmessage with a MessageEvent, narrower than WorkerLike's { data }
const training = worker.trainInWorker(trainingWorker as unknown as worker.WorkerLike, pj.job, {
  onProgress(p) {
    records.push(...p.records);
    if (p.snapshot !== undefined) {
      snapshot = p.snapshot as Snapshot;
      snapshotDrawn = false;
    }
    setRunning(p.running);
    requestDraw();
  },
  onNonFinite(report) {
    setRunning(false);
    nanAlarm.show(report);
  },
  onError(e) {
    errors.textContent = `${e.name}: ${e.message}`;
  },
});
training.command("view", grids.view);

function setRunning(value: boolean): void {
  running = value;
  trainingControls.playing(value);
}

/** Apply a new Setup: URL, job, worker, views. `redrawControls` when it came from elsewhere. */
function applySetup(next: Setup, redrawControls: boolean): void {
  let built: PlaygroundJob;
  try {
    built = buildJob(next, next.dataset === "csv" ? csv?.set : undefined);
  } catch (e) {
    errors.textContent = e instanceof Error ? e.message : String(e);
    showControls(setup); // back to the setup that still runs
    return;
  }
  errors.textContent = "";
  setup = next;
  history.replaceState(null, "", `?${encodeSetup(setup)}`);
  pj = built;
  grids = gridsFor(pj);
  const wasRunning = running;
  records = [];
  snapshot = undefined;
  snapshotDrawn = false;
  training.reset(pj.job);
  training.command("view", grids.view);
  if (wasRunning) training.play();
  nanAlarm.hide();
  gradientFlow.reset();
  explorer.show(setup.activation);
  syncRace();
  if (redrawControls) showControls(setup);
  requestDraw();
}

const change = (patch: Partial<Setup>) => applySetup({ ...copySetup(setup), ...patch }, false);
const getSetup = () => setup;

const dataControls = mountDataControls(byId("data-controls"), setup, change, loadCsv, getSetup);
const networkEditor = mountNetworkEditor(byId("network-controls"), setup, change, getSetup);
const trainingControls = mountTrainingControls(byId("training"), setup, change, {
  togglePlay: () => (running ? training.pause() : training.play()),
  step: () => training.step(1),
  reset: () => applySetup(copySetup(setup), false),
  speed: (v) => training.setSpeed(v),
});
const nanAlarm = mountNanAlarm(byId("nan-alarm"));
const gradientFlow = mountGradientFlow(byId("gradient-flow"));
const explorer = mountActivationExplorer(byId("activation-explorer"), setup.activation);
mountPresets(byId("presets"), (preset) =>
  applySetup({ ...copySetup(DEFAULT_SETUP), ...preset }, true),
);
// optimizer race (teach/race.ts): the race UI sets Setup.race; every Setup with 2+ racers (re)starts it
const raceView = mountRace(byId("race"), (optimizers) => change({ race: optimizers }));
let race: Race | null = null;
function syncRace(): void {
  race?.stop();
  race = null;
  if (setup.race.length < 2) return;
  raceView.reset(setup.race);
  const csvSet = setup.dataset === "csv" ? csv?.set : undefined;
  race = runRace(
    setup,
    setup.race,
    () => new Worker("worker.js", { type: "module" }),
    (s) => buildJob(s, csvSet).job,
    { onRecords: raceView.add, onStopped: raceView.stopped },
  );
}
syncRace();

function showControls(s: Setup): void {
  dataControls.show(s);
  networkEditor.show(s);
  trainingControls.show(s);
}

function loadCsv(file: File): void {
  file.text().then(
    (text) => {
      try {
        csv = readCsvPoints(text, file.name);
      } catch (e) {
        dataControls.csvStatus(e instanceof Error ? e.message : String(e), true);
        return;
      }
      const [a, b, t] = csv.columns;
      dataControls.csvStatus(`${file.name}: ${a}, ${b} → ${t}; ${csv.summary}`, false);
      applySetup({ ...copySetup(setup), dataset: "csv" }, true);
    },
    (e: unknown) => dataControls.csvStatus(`${file.name} could not be read: ${String(e)}`, false),
  );
}

let drawPending = false;
function requestDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    draw();
  });
}

/** Show `text` in output #id; its full-precision value goes into data-value (for tests and tools). */
function stat(id: string, value: number | undefined, text: (v: number) => string): void {
  const out = byId(id);
  out.textContent = value === undefined ? "–" : text(value);
  out.dataset.value = value === undefined ? "" : String(value);
}

function showStats(): void {
  const last = records[records.length - 1];
  const loss = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  stat("epoch", last?.epoch ?? 0, String);
  stat("train-loss", last?.trainLoss, loss);
  stat("test-loss", last?.testLoss, loss);
  byId("accuracy-stats").hidden = pj.set.task === "regression";
  stat("train-accuracy", last?.trainMetrics.accuracy, pct);
  stat("test-accuracy", last?.testMetrics?.accuracy, pct);
}

function layerNames(): string[] {
  return [...setup.hidden.map((_, i) => `hidden ${i + 1}`), "output"];
}

function draw(): void {
  showStats();
  drawLossChart(byId<HTMLCanvasElement>("loss-chart"), records);
  gradientFlow.update(records, layerNames());
  if (snapshotDrawn) return;
  snapshotDrawn = true;
  const grid =
    snapshot?.output?.length === grids.side ** pj.set.dims * pj.outputs ? snapshot : undefined;
  drawBoundary(byId<HTMLCanvasElement>("boundary"), {
    set: pj.set,
    train: pj.train,
    test: pj.test,
    output: grid?.output,
    side: grids.side,
    outputs: pj.outputs,
    ...BOX,
  });
  drawNetwork(byId<HTMLCanvasElement>("network"), {
    task: pj.set.task,
    dims: pj.set.dims,
    inputNames: pj.inputNames,
    hidden: setup.hidden,
    outputs: pj.outputs,
    side: grids.neuronSide,
    inputs: grids.view.neurons.data,
    layers: grid?.layers,
    neurons: grid?.neurons,
    output: grid?.neuronOutput,
  });
}

declare global {
  interface Window {
    myelinPlayground: {
      getSetup(): Setup;
      command(name: string, payload?: unknown): void;
    };
  }
}
window.myelinPlayground = {
  getSetup: () => copySetup(setup),
  command: (name, payload) => training.command(name, payload),
};
requestDraw();
