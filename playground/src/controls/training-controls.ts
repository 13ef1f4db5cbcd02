// The training bar: play/pause, one step, reset, speed, and the optimizer with its learning rate,
// batch size, L1/L2 penalties and gradient clipping. Setup fields go out as patches; play, step,
// reset and speed are actions the page runs on its WorkerTraining.
import { OPTIMIZERS, type ClipMode, type OptimizerChoice, type Setup } from "../setup.js";
import { CLIP_MODES } from "../url-state.js";
import { button, numberField, selectField } from "./fields.js";

export interface TrainingActions {
  togglePlay(): void;
  step(): void;
  reset(): void;
  speed(maxEpochsPerSecond: number): void;
}

export interface TrainingControls {
  show(setup: Setup): void;
  /** Show Play or Pause on the play button. */
  playing(running: boolean): void;
}

const OPTIMIZER_LABELS: Record<OptimizerChoice, string> = {
  sgd: "SGD",
  momentum: "SGD + momentum",
  nesterov: "Nesterov",
  rmsprop: "RMSprop",
  adagrad: "Adagrad",
  adam: "Adam",
  adamw: "AdamW",
};

/** Speed choices in epochs per second ("max" = as fast as the worker goes). */
const SPEEDS: [string, string][] = [
  ["Infinity", "max"],
  ["60", "60 / s"],
  ["20", "20 / s"],
  ["5", "5 / s"],
  ["1", "1 / s"],
];

export function mountTrainingControls(
  el: HTMLElement,
  setup: Setup,
  change: (patch: Partial<Setup>) => void,
  actions: TrainingActions,
): TrainingControls {
  const buttons = document.createElement("div");
  buttons.className = "row transport";
  el.append(buttons);
  const play = button(buttons, "Play", actions.togglePlay);
  play.id = "play";
  button(buttons, "Step", actions.step, "Train one epoch").id = "step";
  button(buttons, "Reset", actions.reset, "Reset the weights").id = "reset";
  selectField(
    buttons,
    "Speed",
    "speed",
    SPEEDS.map(([v, t]) => [v, t] as [string, string]),
    "Infinity",
    (v) => actions.speed(Number(v)),
  );

  const row = document.createElement("div");
  row.className = "row";
  el.append(row);
  const optimizer = selectField<OptimizerChoice>(
    row,
    "Optimizer",
    "optimizer",
    OPTIMIZERS.map((o) => [o, OPTIMIZER_LABELS[o]] as [OptimizerChoice, string]),
    setup.optimizer,
    (v) => change({ optimizer: v }),
  );
  const lr = numberField(
    row,
    "Learning rate",
    "learningRate",
    { min: 1e-6, max: 10, step: "any" },
    setup.learningRate,
    (v) => change({ learningRate: v }),
  );
  const batch = numberField(
    row,
    "Batch size",
    "batchSize",
    { min: 1, max: 1000, step: 1 },
    setup.batchSize,
    (v) => change({ batchSize: v }),
  );
  const l1 = numberField(row, "L1", "l1", { min: 0, max: 1, step: "any" }, setup.l1, (v) =>
    change({ l1: v }),
  );
  const l2 = numberField(row, "L2", "l2", { min: 0, max: 1, step: "any" }, setup.l2, (v) =>
    change({ l2: v }),
  );
  const clip = selectField<ClipMode>(row, "Clipping", "clip", CLIP_MODES, setup.clip, (v) =>
    change({ clip: v }),
  );
  const clipValue = numberField(
    row,
    "Clip at",
    "clipValue",
    { min: 1e-6, max: 1000, step: "any" },
    setup.clipValue,
    (v) => change({ clipValue: v }),
  );

  const show = (s: Setup) => {
    optimizer.set(s.optimizer);
    lr.set(s.learningRate);
    batch.set(s.batchSize);
    l1.set(s.l1);
    l2.set(s.l2);
    clip.set(s.clip);
    clipValue.set(s.clipValue);
    clipValue.el.hidden = s.clip === "off";
  };
  show(setup);
  return {
    show,
    playing(running) {
      play.textContent = running ? "Pause" : "Play";
    },
  };
}
