// Initialisation by name: re-draw every Linear weight of a freshly built MLP with one of nn.init's
// initialisers ("he", "xavier-normal", …) — what `myelin train --init` and a worker TrainingJob's
// `init` both name. Not here: the initialisers' math (init.ts) or Linear's own default draw.
import * as init from "./init.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";

/** Canonical init names; "default" keeps Linear's own draw: W, b ~ U(−1/√D, 1/√D) (PyTorch's). */
export const INIT_NAMES = [
  "default",
  "kaiming-normal",
  "kaiming-uniform",
  "xavier-uniform",
  "xavier-normal",
  "lecun-normal",
  "lecun-uniform",
  "zeros",
] as const;

/** One of INIT_NAMES. */
export type InitName = (typeof INIT_NAMES)[number];

/** Short spellings and the canonical name each stands for. */
export const INIT_ALIASES: Readonly<Record<string, InitName>> = {
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

/** The canonical name of `name` ("He", "xavier_normal" …), or undefined for an unknown name. */
export function canonicalInit(name: string): InitName | undefined {
  const key = String(name).toLowerCase().replace(/_/g, "-");
  return INIT_NAMES.find((n) => n === key) ?? INIT_ALIASES[key];
}

/** Every accepted spelling: the canonical names, then the aliases (for error messages). */
export function initSpellings(): string[] {
  return [...INIT_NAMES, ...Object.keys(INIT_ALIASES)];
}

/**
 * Re-initialise every Linear weight W [H, D] of `model` in place (from the global generator) and
 * zero its bias:
 *   kaiming-*  std = gain / √D      xavier-*  std = √(2 / (D + H))      lecun-*  std = 1/√D
 *   zeros      W = 0
 * (uniform variants draw U(−√3·std, √3·std)). A hidden layer's Kaiming gain is that of the
 * activation after it (init.calculateGain: relu √2, tanh 5/3, …; ReLU's √2 for one it does not
 * know); the output layer gets gain 1.
 */
export function initializeByName(model: Module, name: InitName, activation: string): void {
  if (name === "default") return;
  const linears = linearsOf(model);
  linears.forEach((layer, i) => {
    const hidden = i < linears.length - 1;
    draw(layer.weight, name, hidden ? gainName(activation) : "linear");
    if (layer.bias) init.zeros(layer.bias);
  });
}

/** The Linear layers of a module tree, in forward order. */
export function linearsOf(m: Module): Linear[] {
  if (m instanceof Linear) return [m];
  return m.namedChildren().flatMap(([, child]) => linearsOf(child));
}

function draw(w: Linear["weight"], name: InitName, nonlinearity: init.Nonlinearity): void {
  switch (name) {
    case "kaiming-normal":
      init.kaimingNormal(w, { nonlinearity });
      return;
    case "kaiming-uniform":
      init.kaimingUniform(w, { nonlinearity });
      return;
    case "xavier-uniform":
      init.xavierUniform(w);
      return;
    case "xavier-normal":
      init.xavierNormal(w);
      return;
    case "lecun-normal":
      init.lecunNormal(w);
      return;
    case "lecun-uniform":
      init.lecunUniform(w);
      return;
    case "zeros":
      init.zeros(w);
      return;
    case "default":
      return;
    default:
      return name satisfies never;
  }
}

/** The calculateGain name for a hidden activation. */
function gainName(activation: string): init.Nonlinearity {
  const known: Record<string, init.Nonlinearity> = {
    relu: "relu",
    leakyRelu: "leakyRelu",
    tanh: "tanh",
    sigmoid: "sigmoid",
    selu: "selu",
    identity: "linear",
  };
  return known[activation] ?? "relu";
}
