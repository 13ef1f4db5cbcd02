// Layer types by name, for rebuilding a model from a file. Only the classes listed here can be
// built — a file cannot name arbitrary code. Each entry validates its config and says how many
// numbers its parameters will hold, so a loader can refuse sizes the file cannot back.
import { ValueError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
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
  /** `dtype`: of the layer's parameters (default float32). */
  build(config: LayerConfig, children: Module[], dtype?: DType): Module;
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
        (bool(c, "bias", "Linear", true) ? int(c, "outFeatures", "Linear") : 0),
      build: (c, _children, dtype) =>
        new Linear(int(c, "inFeatures", "Linear"), int(c, "outFeatures", "Linear"), {
          bias: bool(c, "bias", "Linear", true),
          dtype,
        }),
    },
  ],
  [
    "BatchNorm1d",
    {
      // γ, β with affine; running mean, var and the batch count with trackRunningStats
      elements: (c) =>
        (bool(c, "affine", "BatchNorm1d", true) ? 2 * int(c, "numFeatures", "BatchNorm1d") : 0) +
        (bool(c, "trackRunningStats", "BatchNorm1d", true)
          ? 2 * int(c, "numFeatures", "BatchNorm1d") + 1
          : 0),
      build: (c, _children, dtype) =>
        new BatchNorm1d(int(c, "numFeatures", "BatchNorm1d"), {
          dtype,
          eps: num(c, "eps", "BatchNorm1d", 1e-5),
          // null = cumulative average (PyTorch's momentum=None), kept as null
          momentum: c.momentum === null ? null : num(c, "momentum", "BatchNorm1d", 0.1),
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

export interface BuildOptions {
  /**
   * dtype of the parameters of the layer whose state names start with `prefix` ("0.", "2.1.");
   * undefined → float32. A loader answers from the dtypes of the tensors in the file.
   */
  dtypeAt?: (prefix: string) => DType | undefined;
}

/** Build a module tree from its description (only registered types). */
export function buildModule(
  desc: LayerDescription,
  options: BuildOptions = {},
  prefix = "",
): Module {
  const entry = ENTRIES.get(desc.type);
  if (entry === undefined) throw new ValueError(`unknown layer type ${JSON.stringify(desc.type)}`);
  const children = (desc.children ?? []).map((c, i) => buildModule(c, options, `${prefix}${i}.`));
  return entry.build(desc.config, children, options.dtypeAt?.(prefix));
}
