// The network column's controls: + / − hidden layers (0–6) and + / − neurons per layer (1–8),
// hidden activation, weight init, batch norm and dropout. The layer buttons are rebuilt from the
// Setup each time it changes; focus returns to the button that was pressed.
import { HIDDEN_ACTIVATIONS, INITS, MAX_HIDDEN_LAYERS, MAX_NEURONS } from "../url-state.js";
import type { Setup } from "../setup.js";
import { button, checkboxField, numberField, selectField } from "./fields.js";

export interface NetworkEditor {
  show(setup: Setup): void;
}

export function mountNetworkEditor(
  el: HTMLElement,
  setup: Setup,
  change: (patch: Partial<Setup>) => void,
  getSetup: () => Setup,
): NetworkEditor {
  const options = document.createElement("div");
  options.className = "row";
  el.append(options);
  const activation = selectField(
    options,
    "Activation",
    "activation",
    HIDDEN_ACTIVATIONS,
    setup.activation,
    (v) => change({ activation: v }),
  );
  const init = selectField(options, "Initialization", "init", INITS, setup.init, (v) =>
    change({ init: v }),
  );
  const batchNorm = checkboxField(options, "Batch norm", "batchNorm", setup.batchNorm, (v) =>
    change({ batchNorm: v }),
  );
  const dropout = numberField(
    options,
    "Dropout",
    "dropout",
    { min: 0, max: 0.9, step: 0.1 },
    setup.dropout,
    (v) => change({ dropout: v }),
  );

  const layers = document.createElement("div");
  layers.className = "layers";
  el.append(layers);
  let focusName: string | null = null;

  const setHidden = (hidden: number[], focus: string) => {
    focusName = focus;
    change({ hidden });
  };

  const drawLayers = (hidden: readonly number[]) => {
    layers.replaceChildren();
    const head = document.createElement("div");
    head.className = "layer-count";
    const count = document.createElement("span");
    count.textContent = `${hidden.length} hidden layer${hidden.length === 1 ? "" : "s"}`;
    const add = button(
      head,
      "+",
      () => setHidden([...getSetup().hidden, 4], "add-layer"),
      "Add a hidden layer",
    );
    const remove = button(
      head,
      "−",
      () => setHidden(getSetup().hidden.slice(0, -1), "remove-layer"),
      "Remove the last hidden layer",
    );
    add.dataset.name = "add-layer";
    remove.dataset.name = "remove-layer";
    add.disabled = hidden.length >= MAX_HIDDEN_LAYERS;
    remove.disabled = hidden.length === 0;
    head.prepend(count);
    layers.append(head);
    const row = document.createElement("div");
    row.className = "layer-row";
    layers.append(row);
    hidden.forEach((width, i) => {
      const col = document.createElement("div");
      col.className = "layer-col";
      const resize = (delta: number, name: string) => {
        const next = [...getSetup().hidden];
        next[i] = Math.min(MAX_NEURONS, Math.max(1, next[i] + delta));
        setHidden(next, name);
      };
      const plus = button(col, "+", () => resize(1, `plus-${i}`), `More neurons in layer ${i + 1}`);
      const minus = button(
        col,
        "−",
        () => resize(-1, `minus-${i}`),
        `Fewer neurons in layer ${i + 1}`,
      );
      plus.dataset.name = `plus-${i}`;
      minus.dataset.name = `minus-${i}`;
      plus.disabled = width >= MAX_NEURONS;
      minus.disabled = width <= 1;
      const text = document.createElement("span");
      text.textContent = `${width} neuron${width === 1 ? "" : "s"}`;
      col.append(text);
      row.append(col);
    });
    if (focusName !== null) {
      const target = layers.querySelector<HTMLButtonElement>(`button[data-name="${focusName}"]`);
      if (target && !target.disabled) target.focus();
      focusName = null;
    }
  };

  const show = (s: Setup) => {
    activation.set(s.activation);
    init.set(s.init);
    batchNorm.set(s.batchNorm);
    dropout.set(s.dropout);
    drawLayers(s.hidden);
  };
  show(setup);
  return { show };
}
