// ONNX export and import are core (browser-safe): bundled by esbuild for the browser from the
// browser entry, the generated protobuf code and protobufjs/minimal run in a bare JavaScript
// context with no Node globals (no process, Buffer, require) and round-trip a model.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";

test("exportOnnx → importOnnx runs from a browser bundle in a context without Node globals", async () => {
  const entry = fileURLToPath(new URL("../../index.ts", import.meta.url));
  const source = `import { io, nn } from ${JSON.stringify(entry)};
const model = nn.sequential(nn.linear(2, 3), nn.gelu(), nn.linear(3, 1));
const bytes = io.exportOnnx(model);
globalThis.result = { layers: io.importOnnx(bytes).model.namedChildren().length, same: io.exportOnnx(io.importOnnx(bytes).model).join() === bytes.join() };`;
  const out = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "silent",
  });
  const context = createContext({ TextEncoder, TextDecoder }) as {
    result?: unknown;
    globalThis?: unknown;
  };
  context.globalThis = context;
  runInContext(out.outputFiles[0].text, context);
  assert.equal(typeof (context as { process?: unknown }).process, "undefined");
  assert.equal(JSON.stringify(context.result), JSON.stringify({ layers: 3, same: true }));
});
