// Benchmark driver: `npm run bench` (full, ~4 min) or `node dist/bench/run.js --quick`.
// Each (workload, implementation) runs in its own child process so peak RSS is per workload
// and peers' globals (tfjs backends) never meet. Prints a table with Myelin/peer ratios and,
// for full runs, writes the results into BENCHMARKS.md between the RESULTS markers.
// Options: --quick (short budgets, no BENCHMARKS.md update), --only <workload>, --no-write,
// --epochs N (W2-memory's epoch count; default 20, or 3 with --quick).
// Workloads: matmul, W1, W1b, W2, W3, W2-memory (RSS per epoch), W2-bn (BatchNorm1d's cost),
// crossover (wasm vs js), threads (2 threads vs 1).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { benchEnv } from "./env.js";
import { peakRssMiB, type BenchResult } from "./result.js";
import { measureCrossover } from "./workloads/crossover.js";
import { measureThreads } from "./workloads/threads.js";
import type { Measure } from "./workloads/common.js";
import { fashionImpls, fashionMemory } from "./workloads/fashion.js";
import { measureBatchNormCost } from "./workloads/fashion-bn.js";
import { MATMUL_N, matmulImpls } from "./workloads/matmul.js";
import { mlpInferImpls } from "./workloads/mlp-infer.js";
import { mlpTrainImpls } from "./workloads/mlp-train.js";
import { pytorchImpls } from "./peers/pytorch.js";
import { renderMarkdown, renderTable } from "./report.js";

interface Workload {
  name: string;
  title: string;
  unit: BenchResult["unit"];
  impls: Record<string, Measure>;
}

export const WORKLOADS: Workload[] = [
  {
    name: "matmul",
    title: `matmul fp32 ${MATMUL_N}×${MATMUL_N}`,
    unit: "GFLOP/s",
    impls: { ...matmulImpls, ...pytorchImpls("matmul") },
  },
  {
    name: "W1",
    title: "W1 MLP 2-16-16-1 train, batch 16",
    unit: "samples/s",
    impls: { ...mlpTrainImpls(16), ...pytorchImpls("W1") },
  },
  {
    name: "W1b",
    title: "W1b MLP 2-16-16-1 train, batch 1",
    unit: "samples/s",
    impls: mlpTrainImpls(1),
  },
  {
    name: "W2",
    title: "W2 Fashion-MNIST MLP 784-256-128-10 train, Adam, batch 128, 1 epoch",
    unit: "samples/s",
    impls: { ...fashionImpls, ...pytorchImpls("W2") },
  },
  {
    name: "W3",
    title: "W3 MLP 784-256-128-10 inference, batch 1024",
    unit: "samples/s",
    impls: { ...mlpInferImpls, ...pytorchImpls("W3") },
  },
];

const RESULT_PREFIX = "BENCH_RESULT ";
const SKIP_PREFIX = "BENCH_SKIP ";
/** Lines a child prints for the parent to show (W2-memory's per-epoch RSS). */
const LOG_PREFIX = "BENCH_LOG ";

async function child(
  workload: string,
  impl: string,
  quick: boolean,
  epochs: number,
): Promise<void> {
  let result: BenchResult;
  if (workload === "W2-memory") {
    const log = (line: string) => process.stdout.write(LOG_PREFIX + line + "\n");
    const m = await fashionMemory(epochs, quick, log);
    result = {
      workload,
      impl,
      value: m.samplesPerSecond,
      unit: "samples/s",
      peakRssMiB: m.peakMiB,
      rssByEpochMiB: m.rssMiB.map((r) => Math.round(r * 10) / 10),
      datasetMiB: Math.round(m.datasetMiB * 10) / 10,
      trainingPeakMiB: Math.round(m.trainingPeakMiB),
      steadyPeakMiB: Math.round(m.steadyPeakMiB),
    };
  } else if (workload === "W2-bn") {
    const cost = await measureBatchNormCost(quick);
    result = {
      workload,
      impl,
      value: cost.bn,
      unit: "samples/s",
      peakRssMiB: peakRssMiB(),
      batchNorm: cost,
    };
  } else if (workload === "crossover") {
    const { threshold, rows } = measureCrossover(quick);
    const worst = rows.filter((r) => r.wasmUs >= r.jsUs).map((r) => `${r.m}×${r.k}×${r.n}`);
    result = {
      workload,
      impl,
      value: threshold,
      unit: "m·k·n",
      peakRssMiB: peakRssMiB(),
      note: `js faster on: ${worst.join(", ") || "none"}`,
    };
  } else if (workload === "threads") {
    const { threshold, rows } = measureThreads(quick);
    const speedups = rows.map((r) => `${r.n}³ ${(r.oneUs / r.twoUs).toFixed(2)}×`);
    result = {
      workload,
      impl,
      value: threshold,
      unit: "m·k·n",
      peakRssMiB: peakRssMiB(),
      note: `2-thread speed-up over 1 thread: ${speedups.join(", ")}`,
    };
  } else {
    const w = WORKLOADS.find((x) => x.name === workload)!;
    const measured = await w.impls[impl](quick);
    if (typeof measured === "object" && "skip" in measured) {
      process.stdout.write(SKIP_PREFIX + measured.skip + "\n");
      return;
    }
    const extra = typeof measured === "number" ? { value: measured } : measured;
    result = { workload, impl, unit: w.unit, peakRssMiB: peakRssMiB(), ...extra };
  }
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + "\n");
}

function runChild(
  workload: string,
  impl: string,
  quick: boolean,
  epochs: number,
): BenchResult | string | { skip: string } {
  const args = [...process.execArgv, process.argv[1], "--child", workload, impl];
  if (quick) args.push("--quick");
  args.push("--epochs", String(epochs));
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  const lines = run.stdout.split("\n");
  for (const l of lines)
    if (l.startsWith(LOG_PREFIX)) console.log(`    ${l.slice(LOG_PREFIX.length)}`);
  const skip = lines.find((l) => l.startsWith(SKIP_PREFIX));
  if (run.status === 0 && skip !== undefined) return { skip: skip.slice(SKIP_PREFIX.length) };
  const line = lines.find((l) => l.startsWith(RESULT_PREFIX));
  if (run.status !== 0 || line === undefined) {
    const err = (run.stderr || run.stdout).trim().split("\n").slice(-3).join(" | ");
    return `failed (exit ${run.status}): ${err}`;
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const epochsAt = argv.indexOf("--epochs");
  const epochs = epochsAt >= 0 ? Number(argv[epochsAt + 1]) : quick ? 3 : 20;
  if (!Number.isInteger(epochs) || epochs < 3) throw new Error("bench: --epochs needs N ≥ 3");
  const childAt = argv.indexOf("--child");
  if (childAt >= 0) return child(argv[childAt + 1], argv[childAt + 2], quick, epochs);
  const onlyAt = argv.indexOf("--only");
  // --only W1 or a comma-separated list: --only matmul,W1,W2,W3
  const only = onlyAt >= 0 ? argv[onlyAt + 1].split(",") : null;

  const env = benchEnv();
  console.log(`Myelin benchmarks${quick ? " (--quick)" : ""}: ${env.date}`);
  console.log(
    `Node ${env.node} · ${env.cpu} × ${env.cores} · ${env.os} · ${env.memoryGiB} GiB · load ${env.load} · commit ${env.commit}\n`,
  );
  const results: BenchResult[] = [];
  const failures: string[] = [];
  const plan: [string, string[]][] = WORKLOADS.map((w) => [w.name, Object.keys(w.impls)]);
  plan.push(
    ["W2-memory", ["myelin-wasm"]],
    ["W2-bn", ["myelin-wasm"]],
    ["crossover", ["wasm-vs-js"]],
    ["threads", ["2-vs-1"]],
  );
  for (const [workload, impls] of plan) {
    if (only !== null && !only.includes(workload)) continue;
    for (const impl of impls) {
      const started = performance.now();
      const r = runChild(workload, impl, quick, epochs);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      if (typeof r === "object" && "skip" in r) {
        console.log(`  ${workload} ${impl}: ${r.skip}`);
      } else if (typeof r === "string") {
        failures.push(`${workload} ${impl}: ${r}`);
        console.log(`  ${workload} ${impl}: ${r}`);
      } else {
        results.push(r);
        const acc = r.accuracy === undefined ? "" : `, test accuracy ${r.accuracy.toFixed(4)}`;
        console.log(
          `  ${workload} ${impl}: ${r.value.toPrecision(4)} ${r.unit}${acc} (peak RSS ${r.peakRssMiB} MiB, ${secs} s)`,
        );
      }
    }
  }
  console.log("\n" + renderTable(results, WORKLOADS));
  if (!quick && only === null && !argv.includes("--no-write")) {
    await writeResults(renderMarkdown(results, WORKLOADS, env, failures));
    console.log("results written to BENCHMARKS.md");
  }
}

const START = "<!-- RESULTS:START (written by bench/run.ts) -->";
const END = "<!-- RESULTS:END -->";

/** Splices the results between the markers and formats the file with the repo's Prettier. */
async function writeResults(markdown: string): Promise<void> {
  const path = "BENCHMARKS.md";
  const text = existsSync(path) ? readFileSync(path, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const s = text.indexOf(START);
  const e = text.indexOf(END);
  const next =
    s >= 0 && e > s
      ? text.slice(0, s + START.length) + "\n" + markdown + "\n" + text.slice(e)
      : `${text}\n${START}\n${markdown}\n${END}\n`;
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...config, parser: "markdown" }));
}

await main();
