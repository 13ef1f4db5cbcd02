// mlp's dropout per hidden layer: one probability for all, or one per hidden layer (the CLI's
// --dropout 0.2,0.1); a list of another length is a ValueError, not a silent misfit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ValueError } from "../errors.js";
import { mlp } from "./mlp.js";

const kinds = (opts: { dropout?: number | number[] }): string[] =>
  mlp({ inFeatures: 2, hidden: [4, 4, 4], outFeatures: 1, ...opts })
    .namedChildren()
    .map(([, m]) => (m.typeName === "Dropout" ? `Dropout(${String(m.config().p)})` : m.typeName));

test("one probability per hidden layer; 0 adds no layer", () => {
  const layers = kinds({ dropout: [0.2, 0, 0.1] }).filter((k) => k.startsWith("Dropout"));
  assert.deepEqual(layers, ["Dropout(0.2)", "Dropout(0.1)"]);
  assert.equal(kinds({ dropout: 0.3 }).filter((k) => k === "Dropout(0.3)").length, 3);
});

test("a list whose length differs from hidden, or a probability outside [0, 1), is a ValueError", () => {
  assert.throws(() => kinds({ dropout: [0.2, 0.1] }), ValueError);
  assert.throws(() => kinds({ dropout: [0.2, 0.1, 1] }), ValueError);
  assert.throws(() => kinds({ dropout: -0.1 }), ValueError);
});
