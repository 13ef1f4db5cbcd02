// Should Node use two threads by default? An A/B test that interleaves the single-thread wasm
// backend and loadWasmThreads()'s backend in short alternating blocks inside one process, so
// that whatever else the machine does hits both sides alike. Optionally starts its own busy
// process to occupy the other core (--busy), the situation a default has to survive.
//   node dist/bench/threads-ab.js [--busy] [--rounds 15]
// Prints the median time per call of each side and the speed-up of two threads.
import { fork, type ChildProcess } from "node:child_process";
import { registerBackend } from "../src/backend/index.js";
import {
  fromData,
  getBackend,
  loadWasmBackend,
  loadWasmThreads,
  losses,
  matmul,
  nn,
  optim,
  seed,
  setBackend,
  train,
  type FullBackend,
} from "../src/node/index.js";
import { normalInputs } from "./data.js";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function mlp(): nn.Sequential {
  seed(1);
  return nn.sequential(
    nn.linear(784, 256),
    nn.relu(),
    nn.linear(256, 128),
    nn.relu(),
    nn.linear(128, 10),
  );
}

interface Case {
  name: string;
  /** Calls per block. */
  calls: number;
  run: () => void;
}

function cases(): Case[] {
  const model = mlp();
  const opt = optim.adam(model.parameters(), { lr: 1e-3 });
  const xb = fromData(normalInputs(128, 784, 5), [128, 784]);
  const yb = fromData(
    Float32Array.from({ length: 128 }, (_, i) => i % 10),
    [128],
  );
  const x3 = fromData(normalInputs(1024, 784, 6), [1024, 784]);
  const a = fromData(normalInputs(1024, 1024, 1), [1024, 1024]);
  const b = fromData(normalInputs(1024, 1024, 2), [1024, 1024]);
  return [
    {
      name: "W2 train step (batch 128, Adam)",
      calls: 20,
      run: () => {
        opt.zeroGrad();
        losses.crossEntropy(model.forward(xb), yb).backward();
        opt.step();
      },
    },
    {
      name: "W3 predict (batch 1024)",
      calls: 4,
      run: () => void train.predict(model, x3, { batchSize: 1024 }),
    },
    { name: "matmul 1024³", calls: 2, run: () => void matmul(a, b) },
  ];
}

function use(backend: FullBackend): void {
  registerBackend(backend);
  setBackend("wasm");
}

function main(): void {
  const argv = process.argv.slice(2);
  const roundsAt = argv.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 15;
  let busy: ChildProcess | null = null;
  if (argv.includes("--busy")) {
    busy = fork("-e", ["for (;;);"], { execArgv: [], stdio: "ignore" });
  }
  try {
    if (!loadWasmThreads({ workers: 1 })) throw new Error("threads-ab: no wasm threads here");
    const two = getBackend();
    loadWasmBackend(); // the single-thread backend takes the "wasm" slot…
    setBackend("wasm");
    const one = getBackend(); // …and `two` keeps its workers; use() swaps the slot
    console.log(`threads A/B, ${rounds} alternating rounds${busy ? ", other core busy" : ""}`);
    for (const c of cases()) {
      const times: Record<"one" | "two", number[]> = { one: [], two: [] };
      for (let r = -1; r < rounds; r++) {
        for (const side of r % 2 === 0 ? (["one", "two"] as const) : (["two", "one"] as const)) {
          use(side === "one" ? one : two);
          const t0 = performance.now();
          for (let i = 0; i < c.calls; i++) c.run();
          if (r >= 0) times[side].push((performance.now() - t0) / c.calls); // round −1: warm-up
        }
      }
      const [t1, t2] = [median(times.one), median(times.two)];
      console.log(
        `  ${c.name.padEnd(32)} 1 thread ${t1.toFixed(2)} ms   2 threads ${t2.toFixed(2)} ms   speed-up ${(t1 / t2).toFixed(2)}×`,
      );
    }
  } finally {
    busy?.kill();
  }
}

main();
