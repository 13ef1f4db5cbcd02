// A safetensors file back into a Myelin model. The layers come from, in order: the model the
// caller passes (PyTorch's way: build, then load_state_dict), the architecture Myelin wrote into
// "__metadata__", or the names and shapes of a plain Linear stack ("0.weight", "1.weight", …).
// Weights are checked against the layers strictly: every name present, none extra, same shapes.
import type { Module } from "../../nn/module.js";
import { Linear } from "../../nn/linear.js";
import { Sequential } from "../../nn/sequential.js";
import { buildModule, countElements, type LayerDescription } from "../../nn/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ModelFormatError } from "../errors.js";
import { DEFAULT_MAX_JSON_DEPTH } from "../layout.js";
import { checkDescription } from "../model.js";
import { parseStrictJson } from "../strict-json.js";
import { ARCHITECTURE_KEY } from "./export.js";
import { readSafetensors, type ReadSafetensorsOptions, type SafetensorsFile } from "./read.js";
import { tensorOf } from "./tensor-values.js";
import { myelinStateName, torchStateName } from "./torch-names.js";

/** Options of {@link importSafetensors}. */
export interface ImportSafetensorsOptions extends ReadSafetensorsOptions {
  /**
   * The model to load the weights into (its layers must match the file's names and shapes).
   * Without it, the architecture stored by exportSafetensors is rebuilt, or else a plain stack
   * of Linear layers is inferred from the names and shapes.
   */
  model?: Module;
}

function fail(message: string): never {
  throw new ModelFormatError("bad-header", `safetensors: ${message}`);
}

/**
 * Rebuild a model from safetensors bytes (PyTorch names: "0.weight", "1.running_mean", …), in
 * eval mode. Throws ModelFormatError for a damaged file (see readSafetensors), for a file whose
 * layers cannot be known, and for weights that do not fit the layers.
 *
 *   const model = io.importSafetensors(bytes);                    // written by Myelin
 *   io.importSafetensors(bytes, { model: nn.sequential(…) });     // written by PyTorch
 */
export function importSafetensors(
  bytes: Uint8Array,
  options: ImportSafetensorsOptions = {},
): Module {
  const file = readSafetensors(bytes, options);
  const model = options.model ?? layersFromMetadata(file) ?? linearStackOf(file);
  const state: Record<string, Tensor> = {};
  for (const [name, t] of file.tensors) state[myelinStateName(name)] = tensorOf(name, t);
  try {
    model.loadStateDict(state, true);
  } catch (e) {
    fail(`weights do not match the model: ${(e as Error).message}`);
  }
  model.eval();
  return model;
}

/** The stored architecture, built (null when the file has none). */
function layersFromMetadata(file: SafetensorsFile): Module | null {
  const text = file.metadata[ARCHITECTURE_KEY];
  if (text === undefined) return null;
  const where = `__metadata__["${ARCHITECTURE_KEY}"]`;
  let arch: LayerDescription;
  let needed: number;
  try {
    arch = checkDescription(parseStrictJson(text, DEFAULT_MAX_JSON_DEPTH), "architecture", 0, {
      count: 0,
    });
    needed = countElements(arch);
  } catch (e) {
    fail(`${where}: ${(e as Error).message}`);
  }
  let available = 0;
  for (const t of file.tensors.values()) available += t.size;
  if (needed > available) {
    fail(`${where} declares ${needed} weights but the file holds only ${available}`);
  }
  try {
    return buildModule(arch, {
      stateDType: (name) => {
        const dtype = file.tensors.get(torchStateName(name))?.dtype;
        return dtype === "F64" ? "float64" : dtype === undefined ? undefined : "float32";
      },
    });
  } catch (e) {
    fail(`${where}: ${(e as Error).message}`);
  }
}

function notPlain(why: string): never {
  fail(
    `the file has no Myelin architecture (${ARCHITECTURE_KEY}) and is not a plain Linear stack: ${why}; build the model and pass it ({ model })`,
  );
}

const LINEAR_NAME = /^(0|[1-9][0-9]{0,5})\.(weight|bias)$/;

/**
 * Sequential(Linear, Linear, …) from "k.weight" [H, D] (and "k.bias" [H]) for k = 0, 1, …,
 * each D the previous H. Anything else → ModelFormatError saying to pass the model.
 */
function linearStackOf(file: SafetensorsFile): Module {
  const weights = new Map<number, { H: number; D: number; bias: boolean }>();
  for (const [name, t] of file.tensors) {
    const m = LINEAR_NAME.exec(name);
    if (m === null) notPlain(`tensor ${JSON.stringify(name.slice(0, 80))} is not a Linear weight`);
    if (m[2] === "weight") {
      if (t.shape.length !== 2) notPlain(`${name} has shape [${t.shape.join(", ")}], not [H, D]`);
      const [H, D] = t.shape;
      weights.set(Number(m[1]), { H, D, bias: file.tensors.has(`${m[1]}.bias`) });
    } else if (!file.tensors.has(`${m[1]}.weight`)) notPlain(`${name} has no ${m[1]}.weight`);
  }
  if (weights.size === 0) notPlain("it holds no tensors");
  const layers: Linear[] = [];
  for (let k = 0; k < weights.size; k++) {
    const w = weights.get(k);
    if (w === undefined) notPlain(`layer ${k} has no weights (an activation?)`);
    const previous = layers[k - 1];
    if (previous !== undefined && previous.outFeatures !== w.D) {
      notPlain(`${k}.weight takes ${w.D} inputs but layer ${k - 1} gives ${previous.outFeatures}`);
    }
    const dtype = file.tensors.get(`${k}.weight`)?.dtype === "F64" ? "float64" : "float32";
    layers.push(new Linear(w.D, w.H, { bias: w.bias, dtype }));
  }
  return new Sequential(...layers);
}
