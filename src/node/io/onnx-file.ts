// .onnx files on disk (Node only): the core's exportOnnx/importOnnx (src/io/onnx) with an atomic
// write and a bounded read (a regular file within the importer's size limit, checked first).
import type { Module } from "../../nn/module.js";
import type { LoadedModel } from "../../io/model.js";
import {
  exportOnnx,
  importOnnx,
  type ImportedOnnx,
  type OnnxExportOptions,
} from "../../io/onnx/index.js";
import { MAX_ONNX_BYTES } from "../../io/onnx/proto.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readRegularFile } from "./read-file.js";

/** Export to `path` atomically (exportOnnx); `exclusive` fails (IoError EEXIST) if it exists. */
export async function exportOnnxFile(
  source: Module | LoadedModel,
  path: string,
  options: OnnxExportOptions & { exclusive?: boolean } = {},
): Promise<void> {
  await writeFileAtomic(path, exportOnnx(source, options), { exclusive: options.exclusive });
}

/** Read an .onnx file's bytes: a regular file of at most 512 MiB. */
export async function readOnnxFile(path: string): Promise<Uint8Array> {
  return readRegularFile(path, { purpose: "ONNX file", maxBytes: MAX_ONNX_BYTES });
}

/** Read and import an .onnx file (importOnnx); IoError or OnnxError. */
export async function importOnnxFile(path: string): Promise<ImportedOnnx> {
  return importOnnx(await readOnnxFile(path));
}
