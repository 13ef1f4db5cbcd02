// `myelin train --init`: re-draw the weights of every Linear layer of a freshly built MLP with one
// of nn.init's initialisers (He/Kaiming, Xavier/Glorot, LeCun), from the run's seeded generator.
// The names and the drawing live in the core (nn/init-by-name.ts); here: --init's usage error and help.
import { closest } from "../args.js";
import { nn } from "../../node/index.js";
import { UsageError } from "../output.js";

/** Canonical --init names (nn.INIT_NAMES); "default" keeps Linear's own draw (PyTorch's). */
export const INIT_NAMES = nn.INIT_NAMES;

/** One of INIT_NAMES. */
export type InitName = nn.InitName;

/** For --help: the names and what the short ones mean. */
export const INIT_HELP =
  "weight init of every Linear (biases 0): he|kaiming (= kaiming-normal), kaiming-uniform, " +
  "xavier|glorot (= xavier-uniform), xavier-normal, lecun (= lecun-normal), lecun-uniform, zeros; " +
  "default (the default): Linear's own, as PyTorch's, W, b ~ U(−1/√D, 1/√D)";

/** --init value → canonical name; an unknown one is a usage error with the closest name. */
export function resolveInit(name: string): InitName {
  const canonical = nn.canonicalInit(name);
  if (canonical !== undefined) return canonical;
  const all = nn.initSpellings();
  const hint = closest(name, all);
  throw new UsageError(
    `--init must be one of ${all.join(", ")}; got ${JSON.stringify(name)}` +
      (hint ? ` (did you mean ${hint}?)` : ""),
    "train",
  );
}

/**
 * Re-initialise every Linear weight of `model` in place and zero its bias, by name (the formulas
 * are in nn/init-by-name.ts: kaiming std = gain/√D, xavier √(2/(D + H)), lecun 1/√D).
 */
export function initialize(model: nn.Module, init: InitName, activation: string): void {
  nn.initializeByName(model, init, activation);
}
