// Behaviour of fit()'s callbacks: progress output (plain lines and TTY redraws), the History,
// earlyStopping, reduceLROnPlateau, modelCheckpoint, custom hooks, ctx.stopTraining and the
// AbortSignal. Monitored values are scripted where the rule under test needs exact numbers.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/train/fit.js";
import {
  earlyStopping,
  modelCheckpoint,
  progress,
  reduceLROnPlateau,
} from "../../src/train/callbacks/index.js";
import type { Callback } from "../../src/train/callback.js";
import { moons, scripted, smallMlp, snapshot, snapshotBytes, weightBytes } from "./helpers.js";

const DATA = moons(40);

describe("progress", () => {
  test("non-TTY: one line per epoch with epoch, loss, lr and metrics; nothing per batch", async () => {
    const out: string[] = [];
    const history = await fit(smallMlp(), DATA, {
      loss: "bceWithLogits",
      epochs: 3,
      batchSize: 8,
      metrics: ["accuracy"],
      validationSplit: 0.25,
      callbacks: [progress({ write: (s) => out.push(s), tty: false })],
    });
    assert.equal(out.length, 3);
    out.forEach((line, i) => {
      assert.ok(line.endsWith("\n") && line.indexOf("\n") === line.length - 1, line);
      assert.ok(!line.includes("\r"), "no carriage returns without a TTY");
      assert.match(line, new RegExp(`^epoch ${i + 1}/3 · `));
      const logs = history.epochs[i];
      assert.ok(line.includes(`loss ${logs.loss.toFixed(4)}`), line);
      assert.ok(line.includes(`accuracy ${logs.accuracy.toFixed(4)}`), line);
      assert.ok(line.includes(`valLoss ${logs.valLoss.toFixed(4)}`), line);
      assert.ok(line.includes(`valAccuracy ${logs.valAccuracy.toFixed(4)}`), line);
      assert.ok(line.includes(`lr ${(1e-3).toExponential(2)}`) || line.includes("lr 0.0010"), line);
    });
  });

  test("TTY: \\r redraws of a bar with ETA during the epoch, then the epoch line", async () => {
    const out: string[] = [];
    await fit(smallMlp(), DATA, {
      loss: "bceWithLogits",
      epochs: 2,
      batchSize: 8, // 5 batches per epoch
      callbacks: [progress({ write: (s) => out.push(s), tty: true, width: 10 })],
    });
    const bars = out.filter((s) => s.includes("ETA"));
    const lines = out.filter((s) => s.endsWith("\n"));
    assert.equal(lines.length, 2);
    // The last batch of each epoch is always drawn (the first may be too; others are throttled).
    assert.ok(bars.length >= 2, `bars: ${bars.length}`);
    for (const s of [...bars, ...lines]) assert.ok(s.startsWith("\r\x1b[2K"), JSON.stringify(s));
    for (const b of bars) {
      assert.ok(!b.includes("\n"), "a redraw never ends the line");
      assert.match(
        b,
        /^\r\x1b\[2Kepoch [12]\/2 \[[█·]{10}\] [1-5]\/5 · ETA [^·]+ · loss \d+\.\d{4}$/,
      );
    }
    // The final redraw of each epoch shows a full bar and 5/5.
    assert.equal(bars.filter((b) => b.includes("[██████████] 5/5")).length, 2);
    assert.match(lines[0], /^\r\x1b\[2Kepoch 1\/2 · /);
    assert.match(lines[1], /^\r\x1b\[2Kepoch 2\/2 · /);
  });
});

describe("history", () => {
  test("one entry per epoch; loss is the row-weighted mean of that epoch's batch losses", async () => {
    const batchLosses: number[][] = [];
    const recorder: Callback = {
      onEpochBegin: () => void batchLosses.push([]),
      onBatchEnd: (_b, { loss }) => void batchLosses[batchLosses.length - 1].push(loss),
    };
    const history = await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 4,
      batchSize: 12, // 40 rows → batches of 12, 12, 12, 4
      optimizer: { name: "sgd", lr: 0.1 },
      metrics: ["mae"],
      callbacks: [recorder],
    });
    assert.equal(history.epochs.length, 4);
    for (let e = 0; e < 4; e++) {
      const b = batchLosses[e];
      assert.equal(b.length, 4);
      const expected = (12 * (b[0] + b[1] + b[2]) + 4 * b[3]) / 40;
      assert.ok(Math.abs(history.epochs[e].loss - expected) < 1e-12, `epoch ${e}`);
      assert.deepEqual(Object.keys(history.epochs[e]).sort(), ["loss", "lr", "mae"]);
      assert.equal(history.epochs[e].lr, 0.1);
    }
    assert.deepEqual(
      history.get("loss"),
      history.epochs.map((e) => e.loss),
    );
    assert.deepEqual(history.last, history.epochs[3]);
    assert.ok(history.get("loss")[3] < history.get("loss")[0], "sgd lowers the training loss");
  });
});

describe("earlyStopping", () => {
  async function runWith(script: number[], cb: Callback, key = "score", epochs = script.length) {
    return fit(smallMlp(), DATA, {
      loss: "mse",
      epochs,
      batchSize: 20,
      callbacks: [scripted(key, script), cb],
    });
  }

  test("patience: stops after `patience` epochs without improvement", async () => {
    const es = earlyStopping({ monitor: "score", patience: 2 });
    const h = await runWith([1.0, 0.9, 0.95, 0.93, 0.5, 0.4], es);
    // best at epoch 1; epochs 2 and 3 do not improve → stop after epoch 3 (4 epochs run)
    assert.equal(h.epochs.length, 4);
    assert.equal(es.bestEpoch, 1);
    assert.equal(es.stoppedEpoch, 3);
  });

  test("patience 3 on the same sequence reaches the later improvement and runs to the end", async () => {
    const es = earlyStopping({ monitor: "score", patience: 3 });
    const h = await runWith([1.0, 0.9, 0.95, 0.93, 0.5, 0.4], es);
    assert.equal(h.epochs.length, 6);
    assert.equal(es.bestEpoch, 5);
    assert.equal(es.stoppedEpoch, -1);
  });

  test("minDelta: improvements smaller than minDelta do not count", async () => {
    const script = [1.0, 0.95, 0.92, 0.9, 0.89];
    const strict = earlyStopping({ monitor: "score", patience: 1, minDelta: 0.06 });
    const h1 = await runWith(script, strict);
    assert.equal(h1.epochs.length, 2); // 0.95 is not < 1.0 − 0.06
    assert.equal(strict.bestEpoch, 0);
    const loose = earlyStopping({ monitor: "score", patience: 1 });
    const h2 = await runWith(script, loose);
    assert.equal(h2.epochs.length, 5);
    assert.equal(loose.bestEpoch, 4);
  });

  test("mode auto treats *accuracy as higher-is-better", async () => {
    const es = earlyStopping({ monitor: "valAccuracy", patience: 2 });
    const h = await runWith([0.5, 0.7, 0.6, 0.65, 0.9], es, "valAccuracy");
    // max mode: best epoch 1, then 2 bad epochs → stop after epoch 3. (min mode would stop after 2.)
    assert.equal(es.bestEpoch, 1);
    assert.equal(h.epochs.length, 4);
  });

  test("an unknown monitored key is a ValueError naming the key", async () => {
    await assert.rejects(
      fit(smallMlp(), DATA, { loss: "mse", epochs: 2, callbacks: [earlyStopping()] }),
      (e: Error) => e.name === "ValueError" && /valLoss/.test(e.message),
    );
  });

  test("restoreBest puts back exactly the best epoch's weights", async () => {
    const model = smallMlp(3);
    const perEpoch: string[] = [];
    const es = earlyStopping({ monitor: "score", patience: 10, restoreBest: true });
    await fit(model, DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 10,
      optimizer: { name: "sgd", lr: 0.1 },
      callbacks: [
        scripted("score", [3, 2, 1, 1.5, 2]),
        { onEpochEnd: (_e, _l, ctx) => void perEpoch.push(snapshotBytes(snapshot(ctx.model))) },
        es,
      ],
    });
    assert.equal(es.bestEpoch, 2);
    assert.equal(new Set(perEpoch).size, 5, "weights change every epoch");
    assert.equal(weightBytes(model), perEpoch[2]);
  });

  test("without restoreBest the last epoch's weights stay", async () => {
    const model = smallMlp(3);
    const perEpoch: string[] = [];
    await fit(model, DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 10,
      optimizer: { name: "sgd", lr: 0.1 },
      callbacks: [
        scripted("score", [3, 2, 1, 1.5, 2]),
        { onEpochEnd: (_e, _l, ctx) => void perEpoch.push(snapshotBytes(snapshot(ctx.model))) },
        earlyStopping({ monitor: "score", patience: 10 }),
      ],
    });
    assert.equal(weightBytes(model), perEpoch[4]);
  });
});

describe("reduceLROnPlateau", () => {
  test("multiplies lr by factor once the value has not improved for more than patience epochs", async () => {
    const lrAfter: number[] = [];
    const history = await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 7,
      batchSize: 20,
      optimizer: { name: "sgd", lr: 0.1 },
      callbacks: [
        scripted("score", [1, 1, 1, 1, 1, 0.5, 0.5]),
        reduceLROnPlateau({ monitor: "score", factor: 0.5, patience: 1 }),
        { onEpochEnd: (_e, _l, ctx) => void lrAfter.push(ctx.optimizer.lr) },
      ],
    });
    // PyTorch's rule: bad epochs 0,1,2 → reduce at epoch 2 (bad 2 > 1), reset; bad 1,2 → reduce at
    // epoch 4; epoch 5 improves; epoch 6 bad 1 (no reduction).
    assert.deepEqual(lrAfter, [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025]);
    // logs.lr is the rate the epoch trained with.
    assert.deepEqual(history.get("lr"), [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });
});

describe("modelCheckpoint", () => {
  const SCRIPT = [3, 2, 2.5, 1, 1.5, 0.5];

  test("best only: saves exactly at the improving epochs, with that epoch's weights", async () => {
    const saved: { epoch: number; bytes: string }[] = [];
    const perEpoch: string[] = [];
    await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 6,
      batchSize: 20,
      callbacks: [
        scripted("score", SCRIPT),
        { onEpochEnd: (_e, _l, ctx) => void perEpoch.push(weightBytes(ctx.model)) },
        modelCheckpoint({
          monitor: "score",
          save: (m, info) => void saved.push({ epoch: info.epoch, bytes: weightBytes(m) }),
        }),
      ],
    });
    assert.deepEqual(
      saved.map((s) => s.epoch),
      [0, 1, 3, 5],
    );
    for (const s of saved) assert.equal(s.bytes, perEpoch[s.epoch]);
  });

  test("every N: saves at epochs N, 2N, … regardless of the value", async () => {
    for (const [every, expected] of [
      [1, [0, 1, 2, 3, 4, 5]],
      [2, [1, 3, 5]],
      [4, [3]],
    ] as const) {
      const saved: number[] = [];
      await fit(smallMlp(), DATA, {
        loss: "mse",
        epochs: 6,
        batchSize: 20,
        callbacks: [
          scripted("score", SCRIPT),
          modelCheckpoint({
            monitor: "score",
            saveBestOnly: false,
            every,
            save: (_m, info) => void saved.push(info.epoch),
          }),
        ],
      });
      assert.deepEqual(saved, expected, `every ${every}`);
    }
  });

  test("an async save is awaited before the next epoch starts", async () => {
    const events: string[] = [];
    await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 2,
      batchSize: 40,
      callbacks: [
        { onEpochBegin: (e) => void events.push(`begin ${e}`) },
        modelCheckpoint({
          saveBestOnly: false,
          save: async (_m, info) => {
            await new Promise((r) => setTimeout(r, 5));
            events.push(`saved ${info.epoch}`);
          },
        }),
      ],
    });
    assert.deepEqual(events, ["begin 0", "saved 0", "begin 1", "saved 1"]);
  });
});

describe("custom callbacks", () => {
  function recorder(
    events: string[],
    name: string,
    stopAt?: (hook: string, i: number) => boolean,
  ): Callback {
    return {
      onTrainBegin: () => void events.push(`${name}:trainBegin`),
      onEpochBegin: (e) => void events.push(`${name}:epochBegin ${e}`),
      onBatchEnd: (b, _l, ctx) => {
        events.push(`${name}:batchEnd ${b}`);
        if (stopAt?.("batch", b)) ctx.stopTraining = true;
      },
      onEpochEnd: (e, _l, ctx) => {
        events.push(`${name}:epochEnd ${e}`);
        if (stopAt?.("epoch", e)) ctx.stopTraining = true;
      },
      onTrainEnd: () => void events.push(`${name}:trainEnd`),
    };
  }

  test("hooks run in order, callbacks in list order, and stopTraining ends after that epoch", async () => {
    const events: string[] = [];
    const h = await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 16, // 3 batches: 16, 16, 8
      callbacks: [
        recorder(events, "a", (hook, i) => hook === "epoch" && i === 1),
        recorder(events, "b"),
      ],
    });
    const epoch = (e: number) => [
      `a:epochBegin ${e}`,
      `b:epochBegin ${e}`,
      ...[0, 1, 2].flatMap((b) => [`a:batchEnd ${b}`, `b:batchEnd ${b}`]),
      `a:epochEnd ${e}`,
      `b:epochEnd ${e}`,
    ];
    assert.deepEqual(events, [
      "a:trainBegin",
      "b:trainBegin",
      ...epoch(0),
      ...epoch(1),
      "a:trainEnd",
      "b:trainEnd",
    ]);
    assert.equal(h.epochs.length, 2);
  });

  test("stopTraining set during a batch finishes that epoch, then stops", async () => {
    const events: string[] = [];
    const h = await fit(smallMlp(), DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 16,
      callbacks: [recorder(events, "a", (hook, i) => hook === "batch" && i === 0)],
    });
    assert.equal(events.filter((e) => e.startsWith("a:batchEnd")).length, 3);
    assert.equal(h.epochs.length, 1);
    assert.equal(events.at(-1), "a:trainEnd");
  });
});

describe("AbortSignal", () => {
  test("aborting during a batch stops after that batch: no further optimizer steps", async () => {
    const controller = new AbortController();
    const model = smallMlp();
    let steps = 0;
    let afterAbort = "";
    const h = await fit(model, DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 16,
      optimizer: { name: "sgd", lr: 0.1 },
      signal: controller.signal,
      callbacks: [
        {
          onBatchEnd: (b, _l, ctx) => {
            steps++;
            if (steps === 5) {
              controller.abort();
              afterAbort = weightBytes(ctx.model);
            }
          },
        },
      ],
    });
    assert.equal(steps, 5, "3 batches of epoch 0 and 2 of epoch 1");
    assert.equal(weightBytes(model), afterAbort, "no step after the abort");
    assert.ok(h.epochs.length <= 2);
  });

  test("an already-aborted signal trains nothing", async () => {
    const model = smallMlp();
    const before = weightBytes(model);
    const h = await fit(model, DATA, { loss: "mse", signal: AbortSignal.abort() });
    assert.equal(h.epochs.length, 0);
    assert.equal(weightBytes(model), before);
  });
});
