// Meta-test: every function exported from src/ops/index.ts has an entry in op-specs.ts
// (differentiable, non-differentiable, or op factory), and every entry names a real export.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ops from "../../src/ops/index.js";
import { DIFFERENTIABLE_OPS, NON_DIFFERENTIABLE_OPS, OP_FACTORIES } from "./op-specs.js";

const exportedFunctions = Object.entries(ops)
  .filter(([, v]) => typeof v === "function")
  .map(([k]) => k)
  .sort();

const listed = [
  ...DIFFERENTIABLE_OPS.map((s) => s.name),
  ...NON_DIFFERENTIABLE_OPS.map((s) => s.name),
  ...OP_FACTORIES,
];

test("src/ops/index.ts exports functions (the enumeration is not vacuous)", () => {
  assert.ok(exportedFunctions.length >= 40, `only ${exportedFunctions.length} exports found`);
  assert.ok(exportedFunctions.includes("add") && exportedFunctions.includes("gather"));
});

test("every exported op has a spec", () => {
  const missing = exportedFunctions.filter((name) => !listed.includes(name));
  assert.deepEqual(
    missing,
    [],
    `exports without an entry in test/foundation/op-specs.ts: ${missing.join(", ")}`,
  );
});

test("every spec names an exported function, and no op is listed twice", () => {
  const unknown = listed.filter((name) => !exportedFunctions.includes(name));
  assert.deepEqual(unknown, [], `specs for ops that src/ops/index.ts does not export`);
  const dupes = listed.filter((name, i) => listed.indexOf(name) !== i);
  assert.deepEqual(dupes, [], `listed twice: ${dupes.join(", ")}`);
});

test("the required differentiable ops are all in the table", () => {
  const required =
    "add sub mul div pow maximum minimum where neg exp log log1p sqrt square abs tanh sigmoid relu " +
    "clamp matmul sum mean max min logSumExp reshape transpose permute expand unsqueeze squeeze " +
    "slice concat stack indexSelect gather cast";
  const names = DIFFERENTIABLE_OPS.map((s) => s.name);
  for (const op of required.split(" ")) assert.ok(names.includes(op), `${op} missing`);
  const nonDiff = NON_DIFFERENTIABLE_OPS.map((s) => s.name);
  for (const op of "eq ne lt le gt ge sign argmax argmin".split(" "))
    assert.ok(nonDiff.includes(op), `${op} missing`);
});

test("every spec has at least one sample, elementwise specs a scalar reference", () => {
  for (const spec of DIFFERENTIABLE_OPS) {
    assert.ok(spec.samples.length >= 1, spec.name);
    // where takes a constant condition, so its values are checked by hand in forward.test.ts
    if ((spec.family === "binary" || spec.family === "unary") && spec.name !== "where")
      assert.equal(typeof spec.reference, "function", `${spec.name} has no reference`);
  }
});
