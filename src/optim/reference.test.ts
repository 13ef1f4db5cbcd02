// PyTorch golden fixtures (test/reference/optim.json, from scripts/gen-reference-optim.py):
// 10-step optimizer trajectories with non-default options, and learning-rate schedule sequences.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { create } from "./create.js";
import * as optim from "./index.js";

interface OptimizerCase {
  name: string;
  options: Record<string, unknown>;
  steps: number;
  trajectory: number[][];
}
interface ScheduleCase {
  name: string;
  args: Record<string, unknown>;
  lr: number;
  steps: number;
  lrs: number[];
  metrics?: number[];
  momentum?: number[];
}
interface Fixture {
  problem: { p0: number[][]; p1: number[]; a: number[]; c: number[] };
  optimizers: OptimizerCase[];
  schedules: ScheduleCase[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/reference/optim.json", import.meta.url), "utf8"),
) as Fixture;
const { a: A, c: C } = fixture.problem;

function assertClose(actual: number, expected: number, tol: number, label: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: ${actual} vs PyTorch ${expected}`);
}

describe("optimizers vs PyTorch (10 steps, float64, 1e-9)", () => {
  for (const c of fixture.optimizers) {
    test(`${c.name} ${JSON.stringify(c.options)}`, () => {
      const p0 = tensor(fixture.problem.p0, { dtype: "float64", requiresGrad: true });
      const p1 = tensor(fixture.problem.p1, { dtype: "float64", requiresGrad: true });
      const opt = create(c.name, [p0, p1], c.options);
      for (let s = 0; s < c.steps; s++) {
        opt.zeroGrad();
        // the fixture's loss, through our autograd: Σ ½a(θ − c)² + ¼θ⁴
        const theta = [p0.reshape([4]), p1];
        let loss: Tensor | null = null;
        theta.forEach((t, k) => {
          const off = k === 0 ? 0 : 4;
          const a = tensor(A.slice(off, off + t.size), { dtype: "float64" });
          const cc = tensor(C.slice(off, off + t.size), { dtype: "float64" });
          const term = t.sub(cc).square().mul(a).mul(0.5).add(t.pow(4).mul(0.25)).sum();
          loss = loss === null ? term : loss.add(term);
        });
        loss!.backward();
        opt.step();
        const now = [...p0.data, ...p1.data];
        now.forEach((x, i) => assertClose(x, c.trajectory[s][i], 1e-9, `step ${s + 1} θ[${i}]`));
      }
    });
  }

  test("the fixture covers every optimizer", () => {
    const names = new Set(fixture.optimizers.map((c) => c.name));
    for (const n of optim.OPTIMIZER_NAMES) assert.ok(names.has(n), n);
  });
});

function makeSchedule(c: ScheduleCase, opt: optim.Optimizer) {
  const a = c.args as Record<string, never>;
  switch (c.name) {
    case "stepLR":
      return optim.stepLR(opt, a.stepSize, a.gamma);
    case "multiStepLR":
      return optim.multiStepLR(opt, a.milestones, a.gamma);
    case "exponentialLR":
      return optim.exponentialLR(opt, a.gamma);
    case "cosineAnnealingLR":
      return optim.cosineAnnealingLR(opt, a.tMax, a.etaMin);
    case "linearLR":
      return optim.linearLR(opt, c.args);
    case "oneCycleLR": {
      const { maxLr, totalSteps, ...rest } = c.args;
      return optim.oneCycleLR(opt, maxLr as number, totalSteps as number, rest);
    }
    case "reduceLROnPlateau":
      return optim.reduceLROnPlateau(opt, c.args);
  }
  throw new Error(`fixture has unknown schedule ${c.name}`);
}

describe("schedules vs PyTorch (1e-12)", () => {
  for (const c of fixture.schedules) {
    test(`${c.name} ${JSON.stringify(c.args)}`, () => {
      const p = tensor([0], { dtype: "float64", requiresGrad: true });
      const opt: optim.Optimizer =
        c.name === "oneCycleLR" && c.args.threePhase
          ? optim.adam([p], { lr: c.lr })
          : optim.sgd([p], { lr: c.lr, momentum: c.name === "oneCycleLR" ? 0.9 : 0 });
      const sched = makeSchedule(c, opt);
      const momentum = () =>
        opt.hasHyperParameter("betas")
          ? (opt.hyperParameters.betas as number[])[0]
          : (opt.hyperParameters.momentum as number);
      assertClose(opt.lr, c.lrs[0], 1e-12, "lr after construction");
      if (c.momentum) assertClose(momentum(), c.momentum[0], 1e-12, "momentum after construction");
      for (let s = 0; s < c.steps; s++) {
        if (sched instanceof optim.ReduceLROnPlateau) sched.step(c.metrics![s]);
        else sched.step();
        assertClose(opt.lr, c.lrs[s + 1], 1e-12, `lr after step ${s + 1}`);
        assertClose(sched.getLastLr(), c.lrs[s + 1], 1e-12, `getLastLr after step ${s + 1}`);
        if (c.momentum)
          assertClose(momentum(), c.momentum[s + 1], 1e-12, `momentum after step ${s + 1}`);
      }
    });
  }
});
