// The gradient-flow view's warnings (playground/src/teach/health.ts) on hand-made epoch records:
// the thresholds are healthCheck's (1e-4 first/last; 1e3× growth within 10 records; non-finite).
import assert from "node:assert/strict";
import { test } from "node:test";
import { flowWarnings, REMEDIES } from "../../playground/src/teach/health.js";

const NAMES = ["Linear 1", "Linear 2", "Linear 3"];
const rec = (epoch: number, gradNorms: number[]) => ({ epoch, steps: 10 * epoch, gradNorms });

test("vanishing: first layer below 1e-4 × the last, not at or above it", () => {
  const below = flowWarnings([rec(1, [0.99e-5, 0.01, 0.1])], NAMES);
  assert.deepEqual(
    below.map((w) => [w.kind, w.layer, w.epoch]),
    [["vanishing", "Linear 1", 1]],
  );
  assert.ok(below[0].text.endsWith(REMEDIES.vanishing));
  assert.deepEqual(flowWarnings([rec(1, [1.01e-5, 0.01, 0.1])], NAMES), []);
});

test("vanishing needs 3 Linear layers (healthCheck's rule): a 2-layer net never warns", () => {
  assert.deepEqual(flowWarnings([rec(1, [1e-9, 1])], NAMES.slice(0, 2)), []);
});

test("exploding: ≥ 1e3× growth within 10 records, or a non-finite norm", () => {
  const grows = [rec(1, [1e-3, 1e-3, 1e-3]), rec(2, [0.1, 0.1, 0.1]), rec(3, [1, 1, 1])];
  const w = flowWarnings(grows, NAMES);
  assert.deepEqual(
    w.map((x) => [x.kind, x.epoch]),
    [
      ["exploding", 3],
      ["exploding", 3],
      ["exploding", 3],
    ],
  );
  assert.ok(w[0].text.endsWith(REMEDIES.exploding));
  // 999× only: no warning
  assert.deepEqual(
    flowWarnings([rec(1, [1e-3, 1e-3, 1e-3]), rec(2, [0.999, 0.999, 0.999])], NAMES),
    [],
  );
  // the growth compared against a record 11 back is outside the window
  const slow = [
    rec(1, [1e-3, 1e-3, 1e-3]),
    ...Array.from({ length: 10 }, (_, i) => rec(i + 2, [0.5, 0.5, 0.5])),
    rec(12, [1, 1, 1]),
  ];
  assert.deepEqual(flowWarnings(slow, NAMES), []);
  const nan = flowWarnings([rec(1, [0.1, NaN, 0.1])], NAMES);
  assert.deepEqual(
    nan.map((x) => [x.kind, x.layer]),
    [["exploding", "Linear 2"]],
  );
});
