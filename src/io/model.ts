// Model files: a Module's architecture and weights (plus what predict needs: preprocessing,
// label names, task) in the validated container of encode.ts/decode.ts. Loading checks the
// architecture against an allowlist of layer types and the declared sizes against the tensors
// the file really holds, before any layer is built.
import type { Module } from "../nn/module.js";
import {
  buildModule,
  countElements,
  describeModule,
  isKnownLayer,
  type LayerDescription,
} from "../nn/registry.js";
import { decodeModelFile, type DecodeOptions } from "./decode.js";
import { encodeModelFile } from "./encode.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { checkMetadata, MetadataFieldError, type ModelMetadata } from "./metadata.js";
import type { JsonObject, JsonValue } from "./strict-json.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * The `kind` field of every model file's JSON header; a header without it is not a Myelin model.
 */
export const MODEL_KIND = "myelin-model";
const MAX_LAYERS = 10_000;
const MAX_DEPTH = 32;
/** Tensors named under this prefix hold a checkpoint's training state, not the model's weights. */
export const CHECKPOINT_TENSOR_PREFIX = "checkpoint/";

export type { ModelMetadata, TrainingSummary } from "./metadata.js";

/**
 * A layer type the loader does not know (e.g. "Lambda"): files never name code. A layer class of
 * the program's own is known once registered with nn.registerLayer.
 */
export class UnknownLayerError extends ModelFormatError {
  /** "UnknownLayerError", as `err.name` and stack traces show it. */
  override name = "UnknownLayerError";
  constructor(type: string, path: string) {
    super(
      "bad-header",
      `unknown layer type ${JSON.stringify(type).slice(0, 80)} at ${path} (a layer class of your own must be registered with nn.registerLayer before loading)`,
    );
  }
}

/**
 * Serialise a model and its metadata to bytes (canonical: same model ⇒ same bytes).
 * `stateTensors` (names under CHECKPOINT_TENSOR_PREFIX) are stored beside the weights.
 */
export function modelToBytes(
  model: Module,
  meta: ModelMetadata = {},
  stateTensors: [string, Tensor][] = [],
): Uint8Array {
  const fields = stripUndefined(meta);
  try {
    checkMetadata(fields); // what the reader would refuse is not written
  } catch (e) {
    if (!(e instanceof MetadataFieldError)) throw e;
    throw new ModelEncodeError("bad-metadata", `meta.${e.path}`, `meta.${e.message}`);
  }
  const header = { kind: MODEL_KIND, architecture: describeModule(model), ...fields };
  const tensors = [...Object.entries(model.stateDict()), ...stateTensors];
  return encodeModelFile({ header, tensors }, "meta");
}

function stripUndefined(meta: ModelMetadata): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}

/** A model read from a file: the rebuilt module and its metadata. */
export interface LoadedModel {
  model: Module;
  meta: ModelMetadata;
}

/**
 * Rebuild a model from bytes. Throws ModelFormatError (UnknownLayerError for unknown layer
 * types) on any defect: container problems, a malformed architecture, sizes the tensors do not
 * back, missing or unexpected weights, or shape mismatches. Tensors under
 * CHECKPOINT_TENSOR_PREFIX are not weights: they go to `stateTensors` when given.
 */
export function modelFromBytes(
  bytes: Uint8Array,
  options: DecodeOptions = {},
  stateTensors?: Map<string, Tensor>,
): LoadedModel {
  const { header, tensors } = decodeModelFile(bytes, options);
  for (const [name, t] of tensors) {
    if (!name.startsWith(CHECKPOINT_TENSOR_PREFIX)) continue;
    stateTensors?.set(name, t);
    tensors.delete(name);
  }
  if (header.kind !== MODEL_KIND) {
    throw new ModelFormatError(
      "bad-header",
      `not a Myelin model: header.kind is ${JSON.stringify(header.kind ?? null).slice(0, 60)}`,
    );
  }
  const arch = checkDescription(header.architecture, "architecture", 0, { count: 0 });
  let available = 0;
  for (const t of tensors.values()) available += t.size;
  let needed: number;
  try {
    needed = countElements(arch);
  } catch (e) {
    throw new ModelFormatError("bad-header", `architecture: ${(e as Error).message}`);
  }
  if (needed > available) {
    throw new ModelFormatError(
      "bad-header",
      `architecture declares ${needed} weights but the file holds only ${available}`,
    );
  }
  let model: Module;
  try {
    // Layers take the dtype their stored state has (float64 stays float64); each layer class
    // names the state it reads (nn/registry.ts), so io/ knows no parameter names.
    model = buildModule(arch, { stateDType: (name) => tensors.get(name)?.dtype });
  } catch (e) {
    throw new ModelFormatError("bad-header", `architecture: ${(e as Error).message}`);
  }
  try {
    model.loadStateDict(Object.fromEntries(tensors), true);
  } catch (e) {
    throw new ModelFormatError(
      "bad-header",
      `weights do not match the architecture: ${(e as Error).message}`,
    );
  }
  model.eval();
  return { model, meta: readMeta(header) };
}

/** Validate an architecture node: { type: known string, config: object, children?: array }. */
export function checkDescription(
  v: JsonValue | undefined,
  path: string,
  depth: number,
  seen: { count: number },
): LayerDescription {
  if (depth > MAX_DEPTH)
    throw new ModelFormatError(
      "bad-header",
      `${path}: architecture nested deeper than ${MAX_DEPTH}`,
    );
  if (++seen.count > MAX_LAYERS)
    throw new ModelFormatError("bad-header", `architecture has more than ${MAX_LAYERS} layers`);
  if (!isObject(v))
    throw new ModelFormatError("bad-header", `${path}: expected an object, got ${kindOf(v)}`);
  if (!isKnownLayer(v.type)) {
    // not String(v.type): a parsed object has no prototype, so no toString
    const shown = typeof v.type === "string" ? v.type : (JSON.stringify(v.type) ?? "undefined");
    throw new UnknownLayerError(shown.slice(0, 200), path);
  }
  const config = v.config ?? {};
  if (!isObject(config))
    throw new ModelFormatError(
      "bad-header",
      `${path}.config: expected an object, got ${kindOf(config)}`,
    );
  const desc: LayerDescription = { type: v.type, config: { ...config } };
  if (v.children !== undefined) {
    if (!Array.isArray(v.children))
      throw new ModelFormatError("bad-header", `${path}.children: expected an array`);
    desc.children = v.children.map((c, i) =>
      checkDescription(c, `${path}.children[${i}]`, depth + 1, seen),
    );
  }
  return desc;
}

/** The metadata fields, typed; a wrong type → ModelFormatError "bad-metadata" naming the field. */
function readMeta(header: JsonObject): ModelMetadata {
  try {
    return checkMetadata(header);
  } catch (e) {
    if (!(e instanceof MetadataFieldError)) throw e;
    throw new ModelFormatError("bad-metadata", e.message);
  }
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: JsonValue | undefined): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}
