// Layer types by name, for rebuilding a model from a file. Only the classes listed here can be
// built — a file cannot name arbitrary code. Each entry validates its config and says how many
// numbers its parameters will hold, so a loader can refuse sizes the file cannot back.
import { ValueError } from "../errors.js";
import { activationLayers } from "./activations.js";
import { BatchNorm1d } from "./batch-norm.js";
import { Dropout } from "./dropout.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";

export type LayerConfig = Record<string, unknown>;

export interface LayerDescription {
  type: string;
  config: LayerConfig;
  children?: LayerDescription[];
}

interface LayerEntry {
  /** Numbers the layer's parameters and buffers will hold (checked before building). */
  elements(config: LayerConfig): number;
  build(config: LayerConfig, children: Module[]): Module;
}

const MAX_FEATURES = 1 << 24;

function int(config: LayerConfig, key: string, type: string): number {
  const v = config[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_FEATURES) {
    throw new ValueError(
      `${type}: config.${key} must be an integer in [1, ${MAX_FEATURES}], got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function num(config: LayerConfig, key: string, type: string, fallback: number): number {
  const v = config[key] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ValueError(
      `${type}: config.${key} must be a finite number, got ${JSON.stringify(v)}`,
    );
  return v;
}

function bool(config: LayerConfig, key: string, type: string, fallback: boolean): boolean {
  const v = config[key] ?? fallback;
  if (typeof v !== "boolean")
    throw new ValueError(`${type}: config.${key} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Activation configs hold only finite numbers (slopes, alphas, axes) or known strings. */
function plainOptions(config: LayerConfig, type: string): LayerConfig {
  const out: LayerConfig = {};
  for (const [k, v] of Object.entries(config)) {
    const ok =
      (typeof v === "number" && Number.isFinite(v)) ||
      typeof v === "boolean" ||
      (typeof v === "string" && v.length < 32);
    if (!ok)
      throw new ValueError(`${type}: config.${k} has an unsupported value ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

const ENTRIES = new Map<string, LayerEntry>([
  [
    "Linear",
    {
      elements: (c) =>
        int(c, "inFeatures", "Linear") * int(c, "outFeatures", "Linear") +
        int(c, "outFeatures", "Linear"),
      build: (c) =>
        new Linear(int(c, "inFeatures", "Linear"), int(c, "outFeatures", "Linear"), {
          bias: bool(c, "bias", "Linear", true),
        }),
    },
  ],
  [
    "BatchNorm1d",
    {
      elements: (c) => 4 * int(c, "numFeatures", "BatchNorm1d") + 1,
      build: (c) =>
        new BatchNorm1d(int(c, "numFeatures", "BatchNorm1d"), {
          eps: num(c, "eps", "BatchNorm1d", 1e-5),
          momentum: num(c, "momentum", "BatchNorm1d", 0.1),
          affine: bool(c, "affine", "BatchNorm1d", true),
          trackRunningStats: bool(c, "trackRunningStats", "BatchNorm1d", true),
        }),
    },
  ],
  ["Dropout", { elements: () => 0, build: (c) => new Dropout(num(c, "p", "Dropout", 0.5)) }],
  ["Sequential", { elements: () => 0, build: (_c, children) => new Sequential(...children) }],
  ...Object.entries(activationLayers).map(([type, Cls]): [string, LayerEntry] => [
    type,
    {
      elements: () => 0,
      build: (c) => new (Cls as new (options?: LayerConfig) => Module)(plainOptions(c, type)),
    },
  ]),
]);

export const LAYER_TYPES: readonly string[] = [...ENTRIES.keys()];

export function isKnownLayer(type: unknown): type is string {
  return typeof type === "string" && ENTRIES.has(type);
}

/** Describe a module tree as plain JSON data: { type, config, children? }. */
export function describeModule(m: Module): LayerDescription {
  if (!ENTRIES.has(m.typeName)) {
    throw new ValueError(
      `describeModule: layer type "${m.typeName}" cannot be saved (known: ${LAYER_TYPES.join(", ")})`,
    );
  }
  const children = m.namedChildren().map(([, c]) => describeModule(c));
  const desc: LayerDescription = { type: m.typeName, config: { ...m.config() } };
  if (children.length > 0) desc.children = children;
  return desc;
}

/** Total parameter/buffer numbers a description will allocate (validates configs on the way). */
export function countElements(desc: LayerDescription): number {
  const entry = ENTRIES.get(desc.type);
  if (entry === undefined) throw new ValueError(`unknown layer type ${JSON.stringify(desc.type)}`);
  return (
    entry.elements(desc.config) + (desc.children ?? []).reduce((s, c) => s + countElements(c), 0)
  );
}

/** Build a module tree from its description (only registered types). */
export function buildModule(desc: LayerDescription): Module {
  const entry = ENTRIES.get(desc.type);
  if (entry === undefined) throw new ValueError(`unknown layer type ${JSON.stringify(desc.type)}`);
  return entry.build(desc.config, (desc.children ?? []).map(buildModule));
}
