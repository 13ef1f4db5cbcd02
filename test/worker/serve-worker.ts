// A worker_threads script for src/worker/worker-threads.test.ts: serveTraining on parentPort, with
// the weights as the snapshot and the playground's "poison" debug command.
import { parentPort } from "node:worker_threads";
import { nn, worker } from "../../src/index.js";
import { weightSnapshot } from "./helpers.js";

if (parentPort === null) throw new Error("serve-worker.ts runs as a worker_threads Worker");
worker.serveTraining(parentPort, {
  snapshot: weightSnapshot,
  commands: {
    poison: (model, payload) => {
      const linears = model.layers.filter((m): m is nn.Linear => m instanceof nn.Linear);
      linears[(payload as { layer: number }).layer].weight.data[0] = NaN;
    },
  },
});
