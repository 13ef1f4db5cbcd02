// inspect's preprocessing line for a model trained on a CSV with text columns and gaps (issue 10,
// item 6): the step list [columns, standardize] is described step by step, not as "unknown".
import { test } from "node:test";
import assert from "node:assert/strict";
import { preprocessingText } from "./metadata-text.js";

test("preprocessingText: a column encoder then a scaler", () => {
  const columns = {
    kind: "columns",
    columns: [
      { name: "island", categories: ["Biscoe", "Dream", "Torgersen"], fill: 0 },
      { name: "mass", fill: 4.5 },
    ],
  };
  const scale = { kind: "standardize", mean: [0, 0, 0, 0], std: [1, 1, 1, 1] };
  assert.equal(
    preprocessingText([columns, scale]),
    "one-hot 1 of 2 columns (3 categories), missing values filled; then standardize over 4 columns (fitted on training rows)",
  );
  assert.equal(preprocessingText([{ kind: "columns", columns: "x" }]), "columns");
});
