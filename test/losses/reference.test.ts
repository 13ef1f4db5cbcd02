// Every loss against PyTorch 1.13 (float64): values for each reduction and the gradient of the
// "mean" loss, from test/reference/losses.json (written by scripts/gen-reference-losses.py).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fromData } from "../../src/tensor/create.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import * as losses from "../../src/losses/index.js";

type Num = number | "NaN" | "Infinity" | "-Infinity";
interface Encoded {
  shape: number[];
  data: Num[];
}
interface Case {
  name: string;
  loss: keyof typeof losses;
  args: Encoded[];
  gradArgs: number[];
  options: Record<string, unknown>;
  expected: Record<string, Num | Encoded>;
  gradMean: Encoded[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../reference/losses.json", import.meta.url), "utf8"),
) as { torch: string; cases: Case[] };

const RTOL = 1e-10;
const toNumber = (v: Num): number => (typeof v === "number" ? v : Number(v));
const decode = (e: Encoded, requiresGrad = false): Tensor =>
  fromData(Float64Array.from(e.data, toNumber), e.shape, { requiresGrad });

function assertClose(actual: ArrayLike<number>, expected: Num[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = toNumber(expected[i]);
    const a = actual[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`);
      continue;
    }
    assert.ok(
      Math.abs(a - e) <= RTOL * Math.abs(e),
      `${what}[${i}]: got ${a}, PyTorch ${e} (rel. error ${Math.abs(a - e) / Math.abs(e)})`,
    );
  }
}

type AnyLoss = (...args: unknown[]) => Tensor;

function run(c: Case, reduction: string, withGrad: boolean): { out: Tensor; leaves: Tensor[] } {
  const leaves = c.args.map((a, i) => decode(a, withGrad && c.gradArgs.includes(i)));
  const fn = losses[c.loss] as unknown as AnyLoss;
  return { out: fn(...leaves, { ...c.options, reduction }), leaves };
}

describe(`losses vs PyTorch ${fixture.torch} (rtol ${RTOL})`, () => {
  test("the fixture covers every PyTorch-twinned loss", () => {
    const covered = new Set(fixture.cases.map((c) => c.loss));
    const exported = Object.keys(losses).filter(
      (k) => typeof losses[k as keyof typeof losses] === "function",
    );
    const noTwin = ["margin", "l1HingeEmbedding"]; // checked by hand in closed-form.test.ts
    for (const name of exported)
      if (!noTwin.includes(name)) assert.ok(covered.has(name as never), name);
  });

  for (const c of fixture.cases) {
    test(c.name, () => {
      for (const [reduction, expected] of Object.entries(c.expected)) {
        const { out } = run(c, reduction, false);
        if (typeof expected === "object") {
          assert.deepEqual(out.shape, expected.shape, `${reduction}: shape`);
          assertClose(out.data, expected.data, reduction);
        } else {
          assert.deepEqual(out.shape, [], `${reduction}: scalar`);
          assertClose(out.data, [expected], reduction);
        }
      }
      const { out, leaves } = run(c, "mean", true);
      out.backward();
      c.gradArgs.forEach((argIndex, k) => {
        const g = leaves[argIndex].grad;
        assert.ok(g !== null, `gradient of argument ${argIndex}`);
        assertClose(g.data, c.gradMean[k].data, `d(mean)/d(arg ${argIndex})`);
      });
    });
  }
});
