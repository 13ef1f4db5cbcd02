// Model and checkpoint files on disk (Node only): atomic writes, validated reads. Reading goes
// through readRegularFile, and the 16-byte prefix is checked before the body is read.
import {
  modelFromBytes,
  modelToBytes,
  type LoadedModel,
  type ModelMetadata,
} from "../../io/model.js";
import { checkModelFilePrefix } from "../../io/decode.js";
import { COMMON_PREFIX_BYTES, DEFAULT_MAX_HEADER_BYTES } from "../../io/layout.js";
import type { JsonValue } from "../../io/strict-json.js";
import type { Module } from "../../nn/module.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { TrainingState } from "../../train/fit.js";
import { checkTrainingState } from "../../train/training-state.js";
import { writeFileAtomic } from "./atomic-write.js";
import { packState, unpackState } from "./checkpoint-state.js";
import { readRegularFile } from "./read-file.js";

/** Largest model file read (1 GiB): bigger files are refused before reading. */
const MAX_FILE_BYTES = 1 << 30;

/** Write `model` (architecture, weights, metadata) to `path` atomically. */
export async function save(model: Module, path: string, meta: ModelMetadata = {}): Promise<void> {
  await writeFileAtomic(path, modelToBytes(model, meta));
}

/** Read and validate a model file; throws IoError (path, special file, size) or ModelFormatError. */
export async function load(path: string): Promise<LoadedModel> {
  return modelFromBytes(await readModelFile(path));
}

/**
 * A model file's bytes: a regular file of at most MAX_FILE_BYTES whose prefix (magic, version,
 * header length ≤ DEFAULT_MAX_HEADER_BYTES and within the file) is checked before the body is
 * read, so a non-model or a lying prefix costs 16 bytes of reading.
 */
async function readModelFile(path: string): Promise<Uint8Array> {
  return readRegularFile(path, {
    purpose: "model file",
    maxBytes: MAX_FILE_BYTES,
    checkPrefix: {
      bytes: COMMON_PREFIX_BYTES,
      check: (prefix, size) => void checkModelFilePrefix(prefix, size, DEFAULT_MAX_HEADER_BYTES),
    },
  });
}

/**
 * A checkpoint as {@link loadCheckpoint} returns it: the model, its metadata and the training state.
 */
export interface Checkpoint extends LoadedModel {
  state: TrainingState;
}

/**
 * Save everything a resumed fit() needs: weights and metadata plus the TrainingState
 * (optimizer moments and step counts, schedule, RNG states, epoch, history). Long number arrays
 * of the state are stored as float64 tensors (checkpoint-state.ts), so the header stays small.
 * `exclusive` creates the file and fails (IoError EEXIST) if it exists (see writeFileAtomic).
 */
export async function saveCheckpoint(
  path: string,
  model: Module,
  state: TrainingState,
  meta: ModelMetadata = {},
  options: { exclusive?: boolean } = {},
): Promise<void> {
  const { json, tensors } = packState(state);
  await writeFileAtomic(
    path,
    modelToBytes(model, { ...meta, extra: { checkpoint: json } }, tensors),
    options,
  );
}

/** Read a checkpoint: the model file (same limits as load) plus its TrainingState, exactly. */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  const stateTensors = new Map<string, Tensor>();
  const loaded = modelFromBytes(await readModelFile(path), {}, stateTensors);
  const extra = loaded.meta.extra as { checkpoint?: JsonValue } | undefined;
  // meta.extra.checkpoint is the whole state again, as it was before packing
  if (extra?.checkpoint !== undefined)
    extra.checkpoint = unpackState(extra.checkpoint, stateTensors);
  // every field fit's resume reads, checked and named (ModelFormatError "bad-header")
  const state = checkTrainingState(extra?.checkpoint, path);
  return { ...loaded, state };
}
