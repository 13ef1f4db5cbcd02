// Module.loadStateDict error messages stay short whatever the state dict holds: a file with
// 100,000 unexpected tensors gives a message of a few hundred bytes that still says how many.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { ValueError } from "../errors.js";
import { Linear } from "./linear.js";

describe("loadStateDict messages", () => {
  test("100,000 unexpected keys (with long names): under 2 KB, with the count", () => {
    const model = new Linear(2, 1);
    const state: Record<string, Tensor> = { ...model.stateDict() };
    const t = tensor([0]);
    for (let i = 0; i < 100_000; i++) state[`extra.${"x".repeat(200)}.${i}`] = t;
    let message = "";
    assert.throws(
      () => model.loadStateDict(state),
      (e: unknown) => e instanceof ValueError && ((message = e.message), true),
    );
    assert.ok(message.length < 2048, `message is ${message.length} characters`);
    assert.match(message, /100,000 unexpected|and 99,99\d more/);
  });

  test("a few missing keys are all named", () => {
    const model = new Linear(2, 1);
    assert.throws(() => model.loadStateDict({}), /missing: weight, bias/);
  });
});
