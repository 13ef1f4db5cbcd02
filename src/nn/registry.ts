// Layer types by name, for rebuilding a model from a file: a table of layer classes. Only the
// classes listed here, and those the program registers itself (registerLayer), can be built — a
// file cannot name arbitrary code. Each class owns its
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

/** A model's architecture as JSON: the layer type name, its config and its children, in order. */
export interface LayerDescription {
  type: string;
  config: LayerConfig;
  children?: LayerDescription[];
}

/** The built-in layer classes a model file may name (activation layers: one per activation row). */
const LAYER_CLASSES: readonly LayerClass[] = [
  Linear,
  BatchNorm1d,
  Dropout,
  Sequential,
  ...Object.values(activationLayers),
];

const CLASSES = new Map<string, LayerClass>(LAYER_CLASSES.map((cls) => [cls.typeName, cls]));

/** The built-in layer types (registered custom types are not in it: see layerTypes()). */
export const LAYER_TYPES: readonly string[] = [...CLASSES.keys()];
const BUILT_IN: ReadonlySet<string> = new Set(LAYER_TYPES);

/**
 * Let model files name a layer class of your own, so a model holding it can be saved and loaded.
 * The class owns the same parts a built-in layer does (LayerClass in module.ts): a static
 * `typeName` equal to its instances' typeName, `fromConfig(config, children, dtype?)` that
 * validates the untrusted config and builds the layer (throw ValueError; nn/config.ts has
 * readers), and optionally `elements(config)` (numbers its state will hold, checked against the
 * file before building) and `dtypeState`. Parameter names and shapes are checked on load as for
 * every layer. A built-in name, or a name another class holds, is refused; registering the same
 * class again does nothing. Register before loading: a file naming an unregistered type is refused
 * (io's UnknownLayerError).
 *
 *   class Scale extends nn.Module {
 *     static readonly typeName = "my.Scale";
 *     static fromConfig(config) { return new Scale(nn.readCount(config, "features", "my.Scale")); }
 *     readonly typeName = Scale.typeName;
 *     …
 *   }
 *   nn.registerLayer(Scale);
 */
export function registerLayer(cls: LayerClass): void {
  const type: unknown = cls?.typeName;
  if (typeof type !== "string" || type.trim() === "" || type.length > 200) {
    throw new ValueError(
      `registerLayer: the class needs a static typeName (a non-empty string of at most 200 characters), got ${JSON.stringify(type) ?? String(type)}`,
    );
  }
  if (typeof cls.fromConfig !== "function") {
    throw new ValueError(
      `registerLayer: ${JSON.stringify(type)} needs a static fromConfig(config, children, dtype?) that validates its config and builds the layer`,
    );
  }
  if (BUILT_IN.has(type)) {
    throw new ValueError(`registerLayer: ${JSON.stringify(type)} is a built-in layer type`);
  }
  const held = CLASSES.get(type);
  if (held !== undefined && held !== cls) {
    throw new ValueError(
      `registerLayer: ${JSON.stringify(type)} is already registered for another class; unregisterLayer it first`,
    );
  }
  CLASSES.set(type, cls);
}

/** Forget a registered custom layer type; true if it was registered (built-ins stay: false). */
export function unregisterLayer(typeName: string): boolean {
  if (BUILT_IN.has(typeName)) return false;
  return CLASSES.delete(typeName);
}

/** Every layer type a model file may name now: the built-ins, then the registered ones. */
export function layerTypes(): string[] {
  return [...CLASSES.keys()];
}

export function isKnownLayer(type: unknown): type is string {
  return typeof type === "string" && CLASSES.has(type);
}

function classOf(type: string): LayerClass {
  const cls = CLASSES.get(type);
  if (cls === undefined) throw new ValueError(`unknown layer type ${JSON.stringify(type)}`);
  return cls;
}

/**
 * Describe a module tree as plain JSON data: { type, config, children? }. Every layer's class
 * must be a built-in or registered one (registerLayer), so that loading can rebuild it.
 */
export function describeModule(m: Module): LayerDescription {
  const cls = CLASSES.get(m.typeName);
  const ctor = m.constructor as unknown as LayerClass;
  const nameOf = (c: LayerClass) => (c as unknown as { name?: string }).name;
  if (cls === undefined) {
    const name = nameOf(ctor) || "YourLayer";
    throw new ValueError(
      `describeModule: layer type ${JSON.stringify(m.typeName)} cannot be saved: it is not a built-in type; register its class with nn.registerLayer(${name}) (a static typeName and fromConfig), then save`,
    );
  }
  if (!BUILT_IN.has(m.typeName) && ctor !== cls) {
    throw new ValueError(
      `describeModule: layer type ${JSON.stringify(m.typeName)} is registered for another class (${nameOf(cls) || "anonymous"}), not ${nameOf(ctor) || "this one"}; a file would load it as that class`,
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

/** Options of {@link buildModule}. */
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
