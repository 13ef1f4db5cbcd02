// The committed protobuf module (generated/onnx.{js,d.ts}) is what pbjs/pbts make of the committed
// schema today (npm run build:onnx-proto), the schema is the one python3-onnx ships when that
// package is installed, and the module imports nothing but protobufjs/minimal (browser-safe).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { needsSystemPackage } from "../../../test/support/system-package.js";

interface BuildScript {
  generate(outDir: string): void;
  SCHEMA: string;
  GENERATED_DIR: string;
}

const script = async () =>
  (await import(
    new URL("../../../scripts/build-onnx-proto.mjs", import.meta.url).href
  )) as BuildScript;

test("generated/onnx.js and onnx.d.ts equal a fresh pbjs/pbts generation (run npm run build:onnx-proto)", async () => {
  const { generate, GENERATED_DIR } = await script();
  const dir = mkdtempSync(join(tmpdir(), "myelin-onnx-proto-"));
  try {
    generate(dir);
    for (const file of ["onnx.js", "onnx.d.ts"]) {
      assert.ok(
        readFileSync(join(dir, file)).equals(readFileSync(join(GENERATED_DIR, file))),
        `${file} is stale`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const DEBIAN_SCHEMA = "/usr/lib/python3/dist-packages/onnx/onnx.proto";

test(
  "the committed schema is python3-onnx's onnx.proto",
  needsSystemPackage(DEBIAN_SCHEMA, "python3-onnx"),
  async () => {
    const debian = DEBIAN_SCHEMA;
    const { SCHEMA } = await script();
    assert.ok(readFileSync(SCHEMA).equals(readFileSync(debian)));
  },
);

test("the generated module imports only protobufjs/minimal", () => {
  const js = readFileSync(fileURLToPath(new URL("./generated/onnx.js", import.meta.url)), "utf8");
  const imports = [...js.matchAll(/^\s*import\s.*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
  assert.deepEqual(imports, ["protobufjs/minimal.js"]);
  assert.doesNotMatch(js, /require\(|node:/);
});
