// Formats benchmark results: a plain-text table for the terminal and a Markdown section for
// BENCHMARKS.md. Ratios are best Myelin implementation ÷ peer (> 1: Myelin is faster).
import type { BenchEnv } from "./env.js";
import type { BenchResult } from "./result.js";

interface WorkloadInfo {
  name: string;
  title: string;
}

function fmt(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(3);
}

interface Row {
  impl: string;
  value: string;
  ratio: string;
  rss: string;
}

function rows(results: BenchResult[], workload: string): Row[] {
  const mine = results.filter((r) => r.workload === workload);
  const myelinBest = Math.max(
    ...mine.filter((r) => r.impl.startsWith("myelin")).map((r) => r.value),
  );
  return mine.map((r) => ({
    impl: r.impl,
    value: `${fmt(r.value)} ${r.unit}`,
    ratio:
      r.impl.startsWith("myelin") || !Number.isFinite(myelinBest)
        ? ""
        : `${(myelinBest / r.value).toFixed(2)}×`,
    rss: `${r.peakRssMiB} MiB`,
  }));
}

export function renderTable(results: BenchResult[], workloads: WorkloadInfo[]): string {
  const lines: string[] = [];
  for (const w of workloads) {
    const rs = rows(results, w.name);
    if (rs.length === 0) continue;
    lines.push(w.title);
    for (const r of rs) {
      const ratio = r.ratio === "" ? "" : `  Myelin/peer ${r.ratio}`;
      lines.push(
        `  ${r.impl.padEnd(14)} ${r.value.padStart(20)}   peak RSS ${r.rss.padStart(8)}${ratio}`,
      );
    }
  }
  const cross = results.find((r) => r.workload === "crossover");
  if (cross) lines.push(`wasm/js crossover: m·k·n ≥ ${cross.value} (${cross.note})`);
  const threads = results.find((r) => r.workload === "threads");
  if (threads) lines.push(`2 threads pay from m·k·n ≥ ${threads.value} (${threads.note})`);
  return lines.join("\n");
}

export function renderMarkdown(
  results: BenchResult[],
  workloads: WorkloadInfo[],
  env: BenchEnv,
  failures: string[],
): string {
  const out: string[] = [
    `Measured ${env.date} on ${env.cpu} (${env.cores} cores, ${env.memoryGiB} GiB), ${env.os}, Node ${env.node}; 1-minute load average ${env.load} at the start${env.load > env.cores ? " (other processes were competing for the CPU, so numbers here can be low and vary between runs by up to ~2×)" : ""}.`,
    "",
  ];
  for (const w of workloads) {
    const rs = rows(results, w.name);
    if (rs.length === 0) continue;
    out.push(
      `### ${w.title}`,
      "",
      "| implementation | throughput | Myelin ÷ peer | peak RSS |",
      "| --- | ---: | ---: | ---: |",
    );
    for (const r of rs) out.push(`| ${r.impl} | ${r.value} | ${r.ratio} | ${r.rss} |`);
    out.push("");
  }
  const cross = results.find((r) => r.workload === "crossover");
  if (cross) {
    out.push(
      `**wasm/js crossover** (raw kernels, copies included): wasm wins for every measured shape with m·k·n ≥ ${cross.value}; ${cross.note}.`,
      "",
    );
  }
  const threads = results.find((r) => r.workload === "threads");
  if (threads) {
    out.push(
      `**threads** (wasm, 1 worker + the caller, square products, copies included): two threads win on every measured size from m·k·n ≥ ${threads.value}; ${threads.note}.`,
      "",
    );
  }
  if (failures.length > 0) out.push("**Did not run:**", "", ...failures.map((f) => `- ${f}`), "");
  return out.join("\n");
}
