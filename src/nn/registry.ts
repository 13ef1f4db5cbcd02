// Layer types by name, for rebuilding a model from a file: a table of layer classes. Only the
// classes listed here can be built — a file cannot name arbitrary code. Each class owns its
// part (see LayerClass in module.ts): fromConfig validates its config, elements says how many
// numbers its state will hold (so a loader can refuse sizes the file cannot back), dtypeState
// names the state a loader reads its dtype from.
import { ValueError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { activationLayers } from "./activations.js";
import { BatchNorm1d } from "./batch-norm.js";
import type { LayerConfig } from "./config.js";
import { Dropout } from "./dropout.js";
import { Linear } from "./linear.js";
import type { LayerClass, Module } from "./module.js";
import { Sequential } from "./sequential.js";

export type { LayerConfig } from "./config.js";

export interface LayerDescription {
  type: string;
  config: LayerConfig;
  children?: LayerDescription[];
}

/** Every layer class a model file may name (activation layers: one per activation row). */
const LAYER_CLASSES: readonly LayerClass[] = [
  Linear,
  BatchNorm1d,
  Dropout,
  Sequential,
  ...Object.values(activationLayers),
];

const CLASSES = new Map<string, LayerClass>(LAYER_CLASSES.map((cls) => [cls.typeName, cls]));

export const LAYER_TYPES: readonly string[] = [...CLASSES.keys()];

export function isKnownLayer(type: unknown): type is string {
  return typeof type === "string" && CLASSES.has(type);
}

function classOf(type: string): LayerClass {
  const cls = CLASSES.get(type);
  if (cls === undefined) throw new ValueError(`unknown layer type ${JSON.stringify(type)}`);
  return cls;
}

/** Describe a module tree as plain JSON data: { type, config, children? }. */
export function describeModule(m: Module): LayerDescription {
  if (!CLASSES.has(m.typeName)) {
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
  const own = classOf(desc.type).elements?.(desc.config) ?? 0;
  return own + (desc.children ?? []).reduce((s, c) => s + countElements(c), 0);
}

export interface BuildOptions {
  /**
   * dtype of the stored tensor with this full state name ("0.weight", "2.1.runningMean"), or
   * undefined when there is none. A layer takes the dtype of the first of its class's
   * dtypeState a file holds (float32 when none). A loader answers from the file's tensors.
   */
  stateDType?: (name: string) => DType | undefined;
}

/** Build a module tree from its description (only registered types). */
export function buildModule(
  desc: LayerDescription,
  options: BuildOptions = {},
  prefix = "",
): Module {
  const cls = classOf(desc.type);
  const children = (desc.children ?? []).map((c, i) => buildModule(c, options, `${prefix}${i}.`));
  return cls.fromConfig(desc.config, children, dtypeOf(cls, options, prefix));
}

function dtypeOf(cls: LayerClass, options: BuildOptions, prefix: string): DType | undefined {
  for (const name of cls.dtypeState ?? []) {
    const dtype = options.stateDType?.(prefix + name);
    if (dtype !== undefined) return dtype;
  }
  return undefined;
}
