// The data column's controls: data set, classes, noise, points, train ratio, regenerate (a new
// seed), the extra input features, and the CSV file input with its drop zone. Reports changes
// as Setup patches; reading the file's text is the page's job (onCsvFile).
import { featureLabel } from "../data/features.js";
import { DATASETS, EXTRA_FEATURES, type DatasetName, type Setup } from "../setup.js";
import { button, checkboxField, numberField, selectField, type Field } from "./fields.js";

const DATASET_LABELS: Record<DatasetName, string> = {
  circles: "Circles",
  xor: "XOR",
  blobs: "Gaussian blobs",
  spirals: "Two spirals",
  moons: "Moons",
  "moons-multi": "Moons (3–5 classes)",
  "blobs-multi": "Blobs (3–5 classes)",
  "regress-1d": "Regression: curve",
  "regress-2d": "Regression: surface",
  and: "AND (perceptron)",
  csv: "Your CSV file",
};

export interface DataControls {
  show(setup: Setup): void;
  /** Text under the file input (user text is set with textContent). */
  csvStatus(text: string, isError: boolean): void;
}

export function mountDataControls(
  el: HTMLElement,
  setup: Setup,
  change: (patch: Partial<Setup>) => void,
  onCsvFile: (file: File) => void,
  getSetup: () => Setup,
): DataControls {
  const dataset = selectField<DatasetName>(
    el,
    "Data set",
    "dataset",
    DATASETS.map((d) => [d, DATASET_LABELS[d]] as [DatasetName, string]),
    setup.dataset,
    (v) => change({ dataset: v }),
  );
  const classes = numberField(
    el,
    "Classes",
    "classes",
    { min: 3, max: 5, step: 1 },
    setup.classes,
    (v) => change({ classes: v }),
  );
  const noise = numberField(
    el,
    "Noise (%)",
    "noise",
    { min: 0, max: 50, step: 1 },
    setup.noise,
    (v) => change({ noise: v }),
  );
  const points = numberField(
    el,
    "Points",
    "points",
    { min: 50, max: 1000, step: 10 },
    setup.points,
    (v) => change({ points: v }),
  );
  const ratio = numberField(
    el,
    "Training share",
    "trainRatio",
    { min: 0.1, max: 0.9, step: 0.1 },
    setup.trainRatio,
    (v) => change({ trainRatio: v }),
  );
  button(
    el,
    "Regenerate",
    () => change({ seed: (getSetup().seed + 1) % 2 ** 31 }),
    "Regenerate the data with a new seed",
  );

  const featureBox = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "Extra inputs";
  featureBox.append(legend);
  el.append(featureBox);
  const features = new Map<string, Field<boolean>>();
  for (const f of EXTRA_FEATURES) {
    features.set(
      f,
      checkboxField(
        featureBox,
        featureLabel(f),
        `feature-${f}`,
        setup.features.includes(f),
        (on) => {
          const now = getSetup().features.filter((g) => g !== f);
          change({ features: EXTRA_FEATURES.filter((g) => (g === f ? on : now.includes(g))) });
        },
      ),
    );
  }

  const { status } = mountCsvInput(el, onCsvFile);
  const show = (s: Setup) => {
    dataset.set(s.dataset);
    classes.set(s.classes);
    classes.el.hidden = !s.dataset.endsWith("-multi");
    noise.set(s.noise);
    points.set(s.points);
    ratio.set(s.trainRatio);
    for (const [f, field] of features) field.set(s.features.includes(f as never));
  };
  show(setup);
  return {
    show,
    csvStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle("error", isError);
    },
  };
}

/** A labelled file input inside a drop zone; a dropped or picked file goes to onFile. */
function mountCsvInput(el: HTMLElement, onFile: (file: File) => void): { status: HTMLElement } {
  const zone = document.createElement("div");
  zone.className = "drop-zone";
  const label = document.createElement("label");
  label.htmlFor = "csv-file";
  label.textContent = "CSV (x1, x2, target): pick or drop a file";
  const input = document.createElement("input");
  input.type = "file";
  input.id = "csv-file";
  input.accept = ".csv,text/csv,text/plain";
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) onFile(file);
  });
  const status = document.createElement("p");
  status.className = "csv-status";
  status.setAttribute("role", "status");
  zone.append(label, input, status);
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const file = e.dataTransfer?.files[0];
    if (file) onFile(file);
  });
  el.append(zone);
  return { status };
}
