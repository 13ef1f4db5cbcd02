// Benchmark driver: `npm run bench` (full, ~4 min) or `node dist/bench/run.js --quick`.
// Each (workload, implementation) runs in its own child process so peak RSS is per workload
// and peers' globals (tfjs backends) never meet. Prints a table with Myelin/peer ratios and,
// for full runs, writes the results into BENCHMARKS.md between the RESULTS markers.
// Options: --quick (short budgets, no BENCHMARKS.md update), --only <workload>, --no-write.
// Workloads: matmul, W1, W1b, W3, crossover (wasm vs js), threads (2 threads vs 1).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { benchEnv } from "./env.js";
import { peakRssMiB, type BenchResult } from "./result.js";
import { measureCrossover } from "./workloads/crossover.js";
import { measureThreads } from "./workloads/threads.js";
import type { Measure } from "./workloads/common.js";
import { MATMUL_N, matmulImpls } from "./workloads/matmul.js";
import { mlpInferImpls } from "./workloads/mlp-infer.js";
import { mlpTrainImpls } from "./workloads/mlp-train.js";
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
    impls: matmulImpls,
  },
  {
    name: "W1",
    title: "W1 MLP 2-16-16-1 train, batch 16",
    unit: "samples/s",
    impls: mlpTrainImpls(16),
  },
  {
    name: "W1b",
    title: "W1b MLP 2-16-16-1 train, batch 1",
    unit: "samples/s",
    impls: mlpTrainImpls(1),
  },
  {
    name: "W3",
    title: "W3 MLP 784-256-128-10 inference, batch 1024",
    unit: "samples/s",
    impls: mlpInferImpls,
  },
];

const RESULT_PREFIX = "BENCH_RESULT ";

async function child(workload: string, impl: string, quick: boolean): Promise<void> {
  let result: BenchResult;
  if (workload === "crossover") {
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
    const value = await w.impls[impl](quick);
    result = { workload, impl, value, unit: w.unit, peakRssMiB: peakRssMiB() };
  }
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + "\n");
}

function runChild(workload: string, impl: string, quick: boolean): BenchResult | string {
  const args = [...process.execArgv, process.argv[1], "--child", workload, impl];
  if (quick) args.push("--quick");
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = run.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (run.status !== 0 || line === undefined) {
    const err = (run.stderr || run.stdout).trim().split("\n").slice(-3).join(" | ");
    return `failed (exit ${run.status}): ${err}`;
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const childAt = argv.indexOf("--child");
  if (childAt >= 0) return child(argv[childAt + 1], argv[childAt + 2], quick);
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : null;

  const env = benchEnv();
  console.log(`Myelin benchmarks${quick ? " (--quick)" : ""}: ${env.date}`);
  console.log(
    `Node ${env.node} · ${env.cpu} × ${env.cores} · ${env.os} · ${env.memoryGiB} GiB · load ${env.load}\n`,
  );
  const results: BenchResult[] = [];
  const failures: string[] = [];
  const plan: [string, string[]][] = WORKLOADS.map((w) => [w.name, Object.keys(w.impls)]);
  plan.push(["crossover", ["wasm-vs-js"]], ["threads", ["2-vs-1"]]);
  for (const [workload, impls] of plan) {
    if (only !== null && workload !== only) continue;
    for (const impl of impls) {
      const started = performance.now();
      const r = runChild(workload, impl, quick);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      if (typeof r === "string") {
        failures.push(`${workload} ${impl}: ${r}`);
        console.log(`  ${workload} ${impl}: ${r}`);
      } else {
        results.push(r);
        console.log(
          `  ${workload} ${impl}: ${r.value.toPrecision(4)} ${r.unit} (peak RSS ${r.peakRssMiB} MiB, ${secs} s)`,
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
