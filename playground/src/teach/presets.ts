// The article's experiments as one-click presets: each is a Setup the page applies, a title for its
// button and a sentence saying what the learner should see. Each claim is checked by training the
// preset with the library (test/playground/presets.test.ts). Not here: applying a setup (main.ts).
import type { Setup } from "../setup.js";

export interface Preset {
  id: string;
  title: string;
  /** What the preset shows, in one or two plain sentences. */
  explains: string;
  setup: Partial<Setup>;
}

/** Fields every preset sets, so a preset never inherits the previous one's extras. */
const PLAIN: Partial<Setup> = {
  noise: 0,
  points: 200,
  trainRatio: 0.5,
  seed: 1,
  features: [],
  init: "default",
  batchNorm: false,
  dropout: 0,
  l1: 0,
  l2: 0,
  clip: "off",
  clipValue: 1,
  race: [],
};

/** Six sigmoid layers of eight units trained by plain SGD: each σ′ ≤ ¼ shrinks the gradient. */
const DEEP: Partial<Setup> = {
  ...PLAIN,
  dataset: "circles",
  noise: 10,
  hidden: [8, 8, 8, 8, 8, 8],
  activation: "sigmoid",
  optimizer: "sgd",
  learningRate: 0.1,
  batchSize: 10,
};

/**
 * Six tanh layers with He init (weights ~1.2× tanh's own gain) fitting sin x by mean squared error
 * at lr 0.3: each step overshoots, and the error and gradients feed each other (‖∂L/∂W‖ ~1e13 by
 * epoch 3, NaN in epoch 4 for seeds 1–3). Clipped to norm 1, the same run fits the curve.
 */
const EXPLODING: Partial<Setup> = {
  ...PLAIN,
  dataset: "regress-1d",
  noise: 5,
  hidden: [8, 8, 8, 8, 8, 8],
  activation: "tanh",
  init: "he",
  optimizer: "sgd",
  learningRate: 0.3,
  batchSize: 10,
};

export const PRESETS: readonly Preset[] = [
  {
    id: "perceptron-and",
    title: "Perceptron: AND",
    explains:
      "One neuron, no hidden layer: a single straight line separates AND's one true corner from the other three, so it reaches 100%.",
    setup: {
      ...PLAIN,
      dataset: "and",
      noise: 10,
      hidden: [],
      activation: "tanh",
      optimizer: "sgd",
      learningRate: 0.1,
      batchSize: 10,
    },
  },
  {
    id: "perceptron-xor",
    title: "Perceptron: XOR",
    explains:
      "The same single neuron on XOR: no straight line puts opposite corners on one side, so it stays near 50–75%. Watch its line move.",
    setup: {
      ...PLAIN,
      dataset: "xor",
      hidden: [],
      activation: "tanh",
      optimizer: "sgd",
      learningRate: 0.1,
      batchSize: 10,
    },
  },
  {
    id: "deep-sigmoid",
    title: "Deep sigmoid: gradients vanish",
    explains:
      "Six sigmoid layers: each multiplies the gradient by at most ¼, so the first layer gets about 10⁻⁵ of the last one's and barely learns.",
    setup: DEEP,
  },
  {
    id: "deep-relu",
    title: "… with ReLU",
    explains:
      "The same net with ReLU (He init): ReLU's slope is 1 where it is active, so the gradient reaches the first layer.",
    setup: { ...DEEP, activation: "relu", init: "he" },
  },
  {
    id: "deep-sigmoid-bn",
    title: "… with batch norm",
    explains:
      "Sigmoid again, with batch norm before each activation: it rescales the signal at every layer, forward and backward.",
    setup: { ...DEEP, batchNorm: true },
  },
  {
    id: "deep-relu-bn",
    title: "… with ReLU + batch norm",
    explains:
      "ReLU and batch norm together: the gradient flows to the first layer and the net learns the circles.",
    setup: { ...DEEP, activation: "relu", init: "he", batchNorm: true },
  },
  {
    id: "exploding",
    title: "Exploding gradients",
    explains:
      "A deep tanh net with large initial weights fitting a curve with SGD at learning rate 0.3: every step overshoots, the error and the gradients grow a billion-fold until a NaN stops training.",
    setup: EXPLODING,
  },
  {
    id: "exploding-clipped",
    title: "… with gradient clipping",
    explains:
      "The same run with the gradient's norm clipped to 1: each step stays small, nothing blows up, and the curve is learned.",
    setup: { ...EXPLODING, clip: "norm", clipValue: 1 },
  },
  {
    id: "optimizer-race",
    title: "Optimizer race",
    explains:
      "The same spirals and the same initial weights trained by SGD, momentum and Adam side by side: compare their loss curves.",
    setup: {
      ...PLAIN,
      dataset: "spirals",
      hidden: [8, 8, 8],
      activation: "tanh",
      optimizer: "sgd",
      learningRate: 0.03,
      batchSize: 10,
      race: ["sgd", "momentum", "adam"],
    },
  },
];

/** One button per preset; a click passes its setup to `apply`. */
export function mountPresets(el: HTMLElement, apply: (setup: Partial<Setup>) => void): void {
  const section = document.createElement("section");
  section.className = "teach presets";
  const heading = document.createElement("h3");
  heading.textContent = "Article presets";
  const list = document.createElement("ul");
  for (const preset of PRESETS) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = preset.title;
    button.dataset.preset = preset.id;
    button.title = preset.explains;
    const explains = document.createElement("span");
    explains.className = "explains";
    explains.textContent = preset.explains;
    button.addEventListener("click", () => apply({ ...preset.setup }));
    item.append(button, " ", explains);
    list.append(item);
  }
  section.append(heading, list);
  el.append(section);
}
