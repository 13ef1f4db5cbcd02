// `myelin train --init`: re-draw the weights of every Linear layer of a freshly built MLP with one
// of nn.init's initialisers (He/Kaiming, Xavier/Glorot, LeCun), from the run's seeded generator.
// Not here: the initialisers themselves (nn/init.ts) or what Linear draws by default.
import { closest } from "../args.js";
import { nn } from "../../node/index.js";
import { UsageError } from "../output.js";

/** Canonical --init names; "default" keeps Linear's own draw: W, b ~ U(−1/√D, 1/√D) (PyTorch's). */
export const INIT_NAMES = [
  "default",
  "kaiming-normal",
  "kaiming-uniform",
  "xavier-uniform",
  "xavier-normal",
  "lecun-normal",
  "lecun-uniform",
] as const;

export type InitName = (typeof INIT_NAMES)[number];

/** Other spellings accepted by --init, and the canonical name each stands for. */
const ALIASES: Record<string, InitName> = {
  he: "kaiming-normal",
  kaiming: "kaiming-normal",
  "he-normal": "kaiming-normal",
  "he-uniform": "kaiming-uniform",
  xavier: "xavier-uniform",
  glorot: "xavier-uniform",
  "glorot-uniform": "xavier-uniform",
  "glorot-normal": "xavier-normal",
  lecun: "lecun-normal",
};

/** For --help: the names and what the short ones mean. */
export const INIT_HELP =
  "weight init of every Linear (biases 0): he|kaiming (= kaiming-normal), kaiming-uniform, " +
  "xavier|glorot (= xavier-uniform), xavier-normal, lecun (= lecun-normal), lecun-uniform; " +
  "default (the default): Linear's own, as PyTorch's, W, b ~ U(−1/√D, 1/√D)";

/** --init value → canonical name; an unknown one is a usage error with the closest name. */
export function resolveInit(name: string): InitName {
  const key = name.toLowerCase().replace(/_/g, "-");
  const canonical = INIT_NAMES.find((n) => n === key) ?? ALIASES[key];
  if (canonical !== undefined) return canonical;
  const all = [...INIT_NAMES, ...Object.keys(ALIASES)];
  const hint = closest(name, all);
  throw new UsageError(
    `--init must be one of ${all.join(", ")}; got ${JSON.stringify(name)}` +
      (hint ? ` (did you mean ${hint}?)` : ""),
    "train",
  );
}

/**
 * Re-initialise every Linear weight W [H, D] of `model` in place and zero its bias:
 *   kaiming-*  std = gain / √D            xavier-*  std = √(2 / (D + H))       lecun-*  std = 1/√D
 * (uniform variants draw U(−√3·std, √3·std)). A hidden layer's Kaiming gain is that of the
 * activation after it (calculateGain: relu √2, tanh 5/3, …; ReLU's √2 for activations it does not
 * know); the output layer, followed by no activation, gets gain 1.
 */
export function initialize(model: nn.Module, init: InitName, activation: string): void {
  if (init === "default") return;
  const linears = linearsOf(model);
  linears.forEach((layer, i) => {
    const hidden = i < linears.length - 1;
    const nonlinearity = hidden ? gainName(activation) : "linear";
    draw(layer.weight, init, nonlinearity);
    if (layer.bias) nn.init.zeros(layer.bias);
  });
}

/** The Linear layers of a module tree, in forward order. */
function linearsOf(m: nn.Module): nn.Linear[] {
  if (m instanceof nn.Linear) return [m];
  return m.namedChildren().flatMap(([, child]) => linearsOf(child));
}

function draw(w: nn.Linear["weight"], init: InitName, nonlinearity: nn.init.Nonlinearity): void {
  switch (init) {
    case "kaiming-normal":
      nn.init.kaimingNormal(w, { nonlinearity });
      return;
    case "kaiming-uniform":
      nn.init.kaimingUniform(w, { nonlinearity });
      return;
    case "xavier-uniform":
      nn.init.xavierUniform(w);
      return;
    case "xavier-normal":
      nn.init.xavierNormal(w);
      return;
    case "lecun-normal":
      nn.init.lecunNormal(w);
      return;
    case "lecun-uniform":
      nn.init.lecunUniform(w);
      return;
    case "default":
      return;
    default:
      return init satisfies never;
  }
}

/** The calculateGain name for a hidden activation. */
function gainName(activation: string): nn.init.Nonlinearity {
  const known: Record<string, nn.init.Nonlinearity> = {
    relu: "relu",
    leakyRelu: "leakyRelu",
    tanh: "tanh",
    sigmoid: "sigmoid",
    selu: "selu",
    identity: "linear",
  };
  return known[activation] ?? "relu";
}
