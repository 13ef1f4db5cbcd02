// A Myelin model's weights as a safetensors file under PyTorch's parameter names, so the
// nn.Sequential that pytorch-snippet.ts writes loads them with load_state_dict(strict=True).
// The architecture (and, when given, the model's metadata) goes into "__metadata__" as canonical
// JSON, so importSafetensors can rebuild the model without being told its layers.
import type { Module } from "../../nn/module.js";
import { describeModule, type LayerDescription } from "../../nn/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { canonicalJson } from "../canonical-json.js";
import { ModelEncodeError } from "../errors.js";
import { writeTensorData } from "../endian.js";
import { DEFAULT_MAX_JSON_DEPTH } from "../layout.js";
import { checkMetadata, MetadataFieldError, type ModelMetadata } from "../metadata.js";
import { firstWithoutTorchModule } from "./torch-modules.js";
import { isInt64State, torchStateName } from "./torch-names.js";
import { writeSafetensors, type SafetensorsEntry } from "./write.js";

/** "__metadata__" keys Myelin writes ("format": "pt" is the convention of PyTorch files). */
export const ARCHITECTURE_KEY = "myelin.architecture";
export const MODEL_METADATA_KEY = "myelin.metadata";

/** Options of {@link exportSafetensors}. */
export interface ExportSafetensorsOptions {
  /** The model's metadata (task, labels, preprocessing…), stored under "myelin.metadata". */
  metadata?: ModelMetadata;
}

/**
 * The model's state (parameters and buffers) as safetensors bytes, named as PyTorch names the
 * same nn.Sequential: "0.weight" [H, D], "0.bias" [H], "1.running_mean", "1.num_batches_tracked"
 * (I64, as PyTorch keeps it). float32 state is F32, float64 is F64. Deterministic.
 * Throws ModelEncodeError when a layer has no PyTorch counterpart (a registered custom layer)
 * or the metadata is not storable, ValueError when a layer cannot be described at all.
 *
 *   const bytes = io.exportSafetensors(model);   // then io.pytorchSnippet(model) for PyTorch
 */
export function exportSafetensors(
  model: Module,
  options: ExportSafetensorsOptions = {},
): Uint8Array {
  const architecture = describeModule(model);
  checkTorchCompatible(architecture);
  const metadata: Record<string, string> = {
    format: "pt",
    [ARCHITECTURE_KEY]: canonicalJson(architecture, DEFAULT_MAX_JSON_DEPTH, 0, "architecture"),
  };
  if (options.metadata !== undefined) {
    metadata[MODEL_METADATA_KEY] = metadataJson(options.metadata);
  }
  const entries = Object.entries(model.stateDict()).map(([name, t]) => entryOf(name, t));
  return writeSafetensors(entries, metadata);
}

function checkTorchCompatible(architecture: LayerDescription): void {
  const missing = firstWithoutTorchModule(architecture);
  if (missing === null) return;
  const [path, type] = missing;
  throw new ModelEncodeError(
    "bad-header",
    path,
    `safetensors: layer ${path} (${JSON.stringify(type).slice(0, 80)}) has no PyTorch counterpart; only built-in layers export`,
  );
}

function metadataJson(meta: ModelMetadata): string {
  const fields = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  try {
    checkMetadata(fields);
  } catch (e) {
    if (!(e instanceof MetadataFieldError)) throw e;
    throw new ModelEncodeError("bad-metadata", `meta.${e.path}`, `meta.${e.message}`);
  }
  return canonicalJson(fields, DEFAULT_MAX_JSON_DEPTH, 0, "meta");
}

/** One state tensor as a safetensors entry (PyTorch's name; int64 counters as I64). */
function entryOf(name: string, t: Tensor): SafetensorsEntry {
  const torchName = torchStateName(name);
  const shape = t.shape.slice();
  if (isInt64State(name)) {
    const bytes = new Uint8Array(8 * t.size);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < t.size; i++) {
      view.setBigInt64(8 * i, BigInt(Math.round(t.data[i])), true);
    }
    return { name: torchName, dtype: "I64", shape, data: bytes };
  }
  const bytes = new Uint8Array(t.data.byteLength);
  writeTensorData(bytes, 0, t.data);
  return { name: torchName, dtype: t.dtype === "float64" ? "F64" : "F32", shape, data: bytes };
}
