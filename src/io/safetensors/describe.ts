// What a safetensors file holds, for `myelin inspect`: tensors with dtypes and shapes, element and
// parameter counts, the metadata, and the Myelin architecture when the file stores one. Reading
// is as strict as import's; an unreadable architecture is reported, not thrown.
import type { LayerDescription } from "../../nn/registry.js";
import { DEFAULT_MAX_JSON_DEPTH } from "../layout.js";
import { checkDescription } from "../model.js";
import { parseStrictJson } from "../strict-json.js";
import { ARCHITECTURE_KEY } from "./export.js";
import type { SafetensorsDType } from "./format.js";
import { readSafetensors, type ReadSafetensorsOptions } from "./read.js";
import { isTorchBuffer } from "./torch-names.js";

/**
 * What {@link describeSafetensors} reads from a .safetensors file: header size, tensors, metadata.
 */
export interface SafetensorsDescription {
  /** Byte length of the JSON header. */
  headerBytes: number;
  /** Tensors sorted by name. */
  tensors: { name: string; dtype: SafetensorsDType; shape: number[] }[];
  /** Elements of every tensor. */
  elements: number;
  /** Elements of the tensors that are parameters (not running_mean/var, num_batches_tracked). */
  parameters: number;
  /** The "__metadata__" strings. */
  metadata: Record<string, string>;
  /** The stored Myelin architecture; null when absent; an error message when unreadable. */
  architecture: LayerDescription | null | { error: string };
}

/** Describe a safetensors file (throws ModelFormatError as readSafetensors does). */
export function describeSafetensors(
  bytes: Uint8Array,
  options: ReadSafetensorsOptions = {},
): SafetensorsDescription {
  const file = readSafetensors(bytes, options);
  const tensors = [...file.tensors]
    .map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, size: t.size }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let elements = 0;
  let parameters = 0;
  for (const t of tensors) {
    elements += t.size;
    if (!isTorchBuffer(t.name)) parameters += t.size;
  }
  return {
    headerBytes: file.headerBytes,
    tensors: tensors.map(({ name, dtype, shape }) => ({ name, dtype, shape })),
    elements,
    parameters,
    metadata: file.metadata,
    architecture: architectureOf(file.metadata[ARCHITECTURE_KEY]),
  };
}

function architectureOf(text: string | undefined): SafetensorsDescription["architecture"] {
  if (text === undefined) return null;
  try {
    const json = parseStrictJson(text, DEFAULT_MAX_JSON_DEPTH);
    return checkDescription(json, "architecture", 0, { count: 0 });
  } catch (e) {
    return { error: (e as Error).message };
  }
}
