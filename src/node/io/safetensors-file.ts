// safetensors files on disk (Node only): the core's bytes functions (src/io/safetensors) with an
// atomic write and a bounded read whose 8-byte header length is checked before the body is read.
import type { Module } from "../../nn/module.js";
import {
  checkSafetensorsPrefix,
  exportSafetensors,
  importSafetensors,
  type ExportSafetensorsOptions,
  type ImportSafetensorsOptions,
} from "../../io/safetensors/index.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readRegularFile } from "./read-file.js";

/** Largest safetensors file read (1 GiB): bigger files are refused before reading. */
const MAX_FILE_BYTES = 1 << 30;

/**
 * Write the model's weights to `path` atomically, under PyTorch's names (exportSafetensors).
 * `exclusive` creates the file and fails (IoError EEXIST) if it exists.
 */
export async function saveSafetensors(
  model: Module,
  path: string,
  options: ExportSafetensorsOptions & { exclusive?: boolean } = {},
): Promise<void> {
  await writeFileAtomic(path, exportSafetensors(model, options), {
    exclusive: options.exclusive,
  });
}

/** Read and import a safetensors file (importSafetensors); IoError or ModelFormatError. */
export async function loadSafetensors(
  path: string,
  options: ImportSafetensorsOptions = {},
): Promise<Module> {
  return importSafetensors(await readSafetensorsFile(path), options);
}

/** A safetensors file's bytes: a regular file ≤ 1 GiB whose header length fits the file. */
export async function readSafetensorsFile(path: string): Promise<Uint8Array> {
  return readRegularFile(path, {
    purpose: "safetensors file",
    maxBytes: MAX_FILE_BYTES,
    checkPrefix: { bytes: 8, check: (prefix, size) => void checkSafetensorsPrefix(prefix, size) },
  });
}
