// Compiles ONNX's published schema (src/io/onnx/schema/onnx.proto, a copy of the onnx.proto that
// python3-onnx 1.12 ships) with protobufjs-cli's pbjs/pbts into a static ES module and its types,
// src/io/onnx/generated/onnx.{js,d.ts}, which import only protobufjs/minimal (browser-safe).
//
// Usage: node scripts/build-onnx-proto.mjs [--out-dir DIR]   (default: the committed directory)
//        node scripts/build-onnx-proto.mjs --copy-to DIR     (copies the committed pair, for dist)
// A test regenerates to a temporary directory and checks the committed files are identical.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA = join(root, "src/io/onnx/schema/onnx.proto");
export const GENERATED_DIR = join(root, "src/io/onnx/generated");
const bin = (name) => join(root, "node_modules/protobufjs-cli/bin", name);

// Encode and decode only: no reflection helpers (create, verify, from/toObject, delimited).
export const PBJS_FLAGS = [
  "-t",
  "static-module",
  "-w",
  "esm",
  "--dependency",
  "protobufjs/minimal.js",
  "--no-create",
  "--no-verify",
  "--no-convert",
  "--no-delimited",
  "--no-typeurl",
];

function run(script, args) {
  const result = spawnSync(process.execPath, [bin(script), ...args], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${script} ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  }
}

/** Generate onnx.js and onnx.d.ts into `outDir`. */
export function generate(outDir) {
  mkdirSync(outDir, { recursive: true });
  const js = join(outDir, "onnx.js");
  run("pbjs", [...PBJS_FLAGS, "-o", js, SCHEMA]);
  run("pbts", ["-o", join(outDir, "onnx.d.ts"), js]);
}

function main(argv) {
  const flag = (name) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const copyTo = flag("--copy-to");
  if (copyTo !== undefined) {
    mkdirSync(copyTo, { recursive: true });
    for (const file of ["onnx.js", "onnx.d.ts"]) {
      copyFileSync(join(GENERATED_DIR, file), join(copyTo, file));
    }
    return;
  }
  generate(resolve(flag("--out-dir") ?? GENERATED_DIR));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
