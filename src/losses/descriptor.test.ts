// The loss descriptors: each is the loss of its name with its defaults, and the task lists,
// output kinds and heads derived from them are the ones fit and the CLI have always used.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../tensor/create.js";
import { TASK_LOSSES, headFor } from "../train/task-head.js";
import { LOSS_NAMES, outputKind, resolveLoss } from "../train/loss-by-name.js";
import { LOSSES } from "./all.js";
import * as losses from "./index.js";

test("each descriptor's fn is the loss of its name with its defaults", () => {
  const logits = tensor(
    [
      [0.2, -1, 0.5],
      [1.5, 0.3, -0.7],
    ],
    { dtype: "float64" },
  );
  const probs = tensor(
    [
      [0.2, 0.7, 0.1],
      [0.6, 0.3, 0.9],
    ],
    { dtype: "float64" },
  );
  const classes = tensor([2, 0], { dtype: "float64" });
  const values = tensor(
    [
      [1, -1, 1],
      [-1, 1, 1],
    ],
    { dtype: "float64" },
  );
  for (const d of LOSSES) {
    const f = losses[d.name] as (x: unknown, y: unknown) => ReturnType<typeof d.fn>;
    const [x, y] = d.target === "class-index" ? [logits, classes] : [probs, values.abs()];
    assert.equal(d.fn(x, y).item(), f(x, y).item(), d.name);
  }
});

test("derived views: names, task lists (default first), output kinds, heads", () => {
  // the names fit has always known, in their order (a new loss is appended after them)
  assert.deepEqual(LOSS_NAMES.slice(0, 11), [
    "mse",
    "l1",
    "smoothL1",
    "huber",
    "bce",
    "bceWithLogits",
    "margin",
    "softMargin",
    "crossEntropy",
    "nll",
    "multiMargin",
  ]);
  const known = new Set<string>(LOSS_NAMES.slice(0, 11));
  const knownOnly = (names: readonly string[]) => names.filter((n) => known.has(n));
  assert.deepEqual(
    {
      multiclass: knownOnly(TASK_LOSSES.multiclass),
      binary: knownOnly(TASK_LOSSES.binary),
      regression: knownOnly(TASK_LOSSES.regression),
    },
    {
      multiclass: ["crossEntropy", "nll", "multiMargin"],
      binary: ["bceWithLogits", "bce", "crossEntropy", "nll", "multiMargin"],
      regression: ["mse", "l1", "smoothL1", "huber"],
    },
  );
  assert.deepEqual(
    [TASK_LOSSES.multiclass[0], TASK_LOSSES.binary[0], TASK_LOSSES.regression[0]],
    ["crossEntropy", "bceWithLogits", "mse"],
  );
  const kinds = Object.fromEntries(LOSS_NAMES.slice(0, 11).map((n) => [n, outputKind(n)]));
  assert.deepEqual(kinds, {
    mse: "values",
    l1: "values",
    smoothL1: "values",
    huber: "values",
    bce: "probabilities",
    bceWithLogits: "logits",
    margin: "values",
    softMargin: "values",
    crossEntropy: "logits",
    nll: "probabilities",
    multiMargin: "logits",
  });
  assert.deepEqual(headFor("binary", "crossEntropy", 2), { outFeatures: 2 });
  assert.deepEqual(headFor("binary", "multiMargin", 2), { outFeatures: 2 });
  assert.deepEqual(headFor("regression", "mse", 0, 3), { outFeatures: 3 });
  assert.throws(() => headFor("binary", "margin", 2), /does not fit a binary task/);
});

test("resolveLoss reshapes same-shape targets only, and names the valid losses", () => {
  const out = tensor([[0.5], [2]], { dtype: "float64" });
  assert.equal(resolveLoss("mse")(out, tensor([1, 1], { dtype: "float64" })).item(), 0.625);
  assert.throws(
    () => resolveLoss("hingeSquared" as "mse"),
    /unknown loss "hingeSquared"; valid names: mse, l1/,
  );
});
