// Which typed arrays train.fit allocates per batch on a W2-shaped model (784-256-128-10 ReLU,
// Adam, batch 128, random data): counts `new Float32Array/Float64Array/Int32Array(n)` by call
// site (first src/ frame of the stack outside allocStorage) over one epoch of 40 batches after a warm-up epoch.
//   npx tsx bench/micro/fit-allocations.ts
import { fromData, nn, optim, seed, train } from "../../src/node/index.js";

const bytesBySite = new Map<string, number>();
let counting = false;
for (const name of ["Float32Array", "Float64Array", "Int32Array"] as const) {
  const Base = globalThis[name] as unknown as new (...args: unknown[]) => ArrayBufferView;
  class Counted extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      if (counting && typeof args[0] === "number" && this.byteLength >= 1024) {
        const stack = new Error().stack!.split("\n").slice(2);
        const site =
          stack.find((l) => l.includes("/src/") && !l.includes("tensor/dtype.ts")) ?? stack[0];
        const key = `${name} ${site
          .trim()
          .replace(/^at /, "")
          .replace(/\(.*\/src\//, "(src/")}`;
        bytesBySite.set(key, (bytesBySite.get(key) ?? 0) + this.byteLength);
      }
    }
  }
  (globalThis as Record<string, unknown>)[name] = Counted;
}

seed(1);
const N = 40 * 128;
const x = new Float32Array(N * 784).map(() => Math.random());
const y = new Float32Array(N).map(() => Math.floor(Math.random() * 10));
const set = { x: fromData(x, [N, 784]), y: fromData(y, [N]) };
const model = nn.sequential(
  nn.linear(784, 256),
  nn.relu(),
  nn.linear(256, 128),
  nn.relu(),
  nn.linear(128, 10),
);
const optimizer = optim.adam(model.parameters(), { lr: 1e-3 });
const options = { loss: "crossEntropy" as const, optimizer, epochs: 1, batchSize: 128 };
await train.fit(model, set, options); // warm-up: optimizer state, buffers
counting = true;
await train.fit(model, set, options);
counting = false;
const rows = [...bytesBySite.entries()].sort((a, b) => b[1] - a[1]);
for (const [site, bytes] of rows.slice(0, 12)) {
  console.log(`${(bytes / 40 / 1024).toFixed(1).padStart(8)} KiB/batch  ${site}`);
}
