// Model and checkpoint files on disk (Node only): atomic writes, validated reads.
import { readFile, stat } from "node:fs/promises";
import {
  modelFromBytes,
  modelToBytes,
  type LoadedModel,
  type ModelMetadata,
} from "../../io/model.js";
import { ModelFormatError, IoError } from "../../io/errors.js";
import type { JsonValue } from "../../io/strict-json.js";
import type { Module } from "../../nn/module.js";
import type { TrainingState } from "../../train/fit.js";
import { checkTrainingState } from "../../train/training-state.js";
import { writeFileAtomic } from "./atomic-write.js";

/** Largest model file read (1 GiB): bigger files are refused before reading. */
const MAX_FILE_BYTES = 1 << 30;
/** Checkpoints keep optimizer state in the header, so they get a larger header bound. */
const CHECKPOINT_HEADER_BYTES = 512 << 20;

/** Write `model` (architecture, weights, metadata) to `path` atomically. */
export async function save(model: Module, path: string, meta: ModelMetadata = {}): Promise<void> {
  await writeFileAtomic(path, modelToBytes(model, meta));
}

/** Read and validate a model file; throws ModelFormatError for anything malformed. */
export async function load(path: string): Promise<LoadedModel> {
  return modelFromBytes(await readBounded(path));
}

async function readBounded(path: string, limit = MAX_FILE_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    throw new IoError(path, "open", code, `cannot read ${path}: ${code}`, e);
  }
  if (size > limit)
    throw new ModelFormatError(
      "header-too-large",
      `${path} is ${size} bytes, more than the ${limit}-byte limit`,
    );
  return new Uint8Array(await readFile(path));
}

export interface Checkpoint extends LoadedModel {
  state: TrainingState;
}

/**
 * Save everything a resumed fit() needs: weights and metadata plus the TrainingState
 * (optimizer moments and step counts, schedule, RNG states, epoch, history).
 */
export async function saveCheckpoint(
  path: string,
  model: Module,
  state: TrainingState,
  meta: ModelMetadata = {},
): Promise<void> {
  const extra = { checkpoint: JSON.parse(JSON.stringify(state)) as JsonValue };
  await writeFileAtomic(path, modelToBytes(model, { ...meta, extra }));
}

export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  const loaded = modelFromBytes(await readBounded(path), {
    maxHeaderBytes: CHECKPOINT_HEADER_BYTES,
  });
  const extra = loaded.meta.extra as { checkpoint?: unknown } | undefined;
  // every field fit's resume reads, checked and named (ModelFormatError "bad-header")
  const state = checkTrainingState(extra?.checkpoint, path);
  return { ...loaded, state };
}
