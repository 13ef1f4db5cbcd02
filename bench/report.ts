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
  /** W2 test accuracy, "" elsewhere */
  accuracy: string;
  note: string;
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
    accuracy: r.accuracy === undefined ? "" : r.accuracy.toFixed(4),
    note: r.note ?? "",
  }));
}

/** Best value among the implementations of `workload` whose name passes `pick`. */
function best(results: BenchResult[], workload: string, pick: (impl: string) => boolean): number {
  const vs = results.filter((r) => r.workload === workload && pick(r.impl)).map((r) => r.value);
  return vs.length === 0 ? Number.NaN : Math.max(...vs);
}

const isMyelin = (impl: string): boolean => impl.startsWith("myelin");
/** Myelin without the native addon (js, wasm, wasm threads): what browsers and plain Node get. */
const isPortable = (impl: string): boolean => isMyelin(impl) && impl !== "myelin-native";
const isNative = (impl: string): boolean => impl === "myelin-native";

interface Target {
  what: string;
  measured: string;
  met: boolean | null;
}

/** Issue 5's targets against this run's numbers (null: not measured in this run). */
export function targets(results: BenchResult[]): Target[] {
  const out: Target[] = [];
  // portable targets are Myelin without the native addon; the native targets are the addon's
  const ratio = (
    workload: string,
    peer: (impl: string) => boolean,
    mine: (impl: string) => boolean = isPortable,
  ) => best(results, workload, mine) / best(results, workload, peer);
  const add = (what: string, value: number, goal: number, fmtValue: (v: number) => string) =>
    out.push({
      what,
      measured: Number.isFinite(value) ? fmtValue(value) : "not measured",
      met: Number.isFinite(value) ? value >= goal : null,
    });
  const x = (v: number) => `${v.toFixed(2)}×`;
  add(
    "W1 ≥ 10× TF.js (faster tfjs backend)",
    ratio("W1", (i) => i.startsWith("tfjs")),
    10,
    x,
  );
  add("W1 ≥ 1 M samples/s", best(results, "W1", isMyelin), 1e6, (v) => `${fmt(v)} samples/s`);
  add(
    "W1b ≥ synaptic",
    ratio("W1b", (i) => i === "synaptic"),
    1,
    x,
  );
  add(
    "W2 ≥ 7× TF.js wasm (portable: no native)",
    ratio("W2", (i) => i === "tfjs-wasm"),
    7,
    x,
  );
  const acc = results.find((r) => r.workload === "W2" && r.impl === "myelin-wasm")?.accuracy;
  // PyTorch's 1-epoch accuracy from issue 5: ≈ 0.84; within 1 point
  add("W2 1-epoch test accuracy ≥ 0.83 (PyTorch ≈ 0.84)", acc ?? Number.NaN, 0.83, (v) =>
    v.toFixed(4),
  );
  add(
    "W3 ≥ 2× TF.js wasm (portable)",
    ratio("W3", (i) => i === "tfjs-wasm"),
    2,
    x,
  );
  add(
    "matmul n=1024 ≥ 2× TF.js wasm (portable, both cores)",
    ratio("matmul", (i) => i === "tfjs-wasm"),
    2,
    x,
  );
  // issue 14: PyTorch (its best thread count in this run) and the portable targets' peers
  const pytorch = (i: string) => i.startsWith("pytorch");
  add("W1 ≥ 20× PyTorch (best of 1, 2 threads)", ratio("W1", pytorch), 20, x);
  add("W2 native vs PyTorch ≥ 1.0×", ratio("W2", pytorch, isNative), 1, x);
  add("W3 native vs PyTorch ≥ 1.0×", ratio("W3", pytorch, isNative), 1, x);
  add("matmul n=1024 native vs PyTorch ≥ 0.8×", ratio("matmul", pytorch, isNative), 0.8, x);
  const bn = results.find((r) => r.workload === "W2-bn")?.batchNorm;
  if (bn !== undefined) {
    out.push({
      what: "W2 with BatchNorm1d after each hidden Linear ≤ 1.5× the time without",
      measured: `${x(bn.plain / bn.bn)} (op by op, as before: ${x(bn.plain / bn.bnOpByOp)})`,
      met: bn.plain / bn.bn <= 1.5,
    });
  }
  const mem = results.find((r) => r.workload === "W2-memory");
  if (mem?.rssByEpochMiB !== undefined && mem.datasetMiB !== undefined) {
    const limit = mem.datasetMiB + 150e6 / 2 ** 20;
    const trainingPeak = mem.trainingPeakMiB ?? Number.NaN;
    out.push({
      what: `W2 training peak RSS ≤ data (${mem.datasetMiB.toFixed(0)} MiB) + 150 MB = ${limit.toFixed(0)} MiB`,
      measured: `${trainingPeak} MiB (from epoch 2: ${mem.steadyPeakMiB} MiB; process peak incl. loading ${mem.peakRssMiB} MiB)`,
      met: trainingPeak <= limit,
    });
    const g = growthAfterEpoch2(mem.rssByEpochMiB);
    out.push({
      what: `W2 RSS growth after epoch 2 < 5% (${mem.rssByEpochMiB.length} epochs)`,
      measured: `${(100 * g).toFixed(1)}%`,
      met: g < 0.05,
    });
  }
  return out;
}

/** (max RSS after epoch 2 − RSS after epoch 2) / RSS after epoch 2. */
export function growthAfterEpoch2(rss: number[]): number {
  if (rss.length < 3) return Number.NaN;
  return (Math.max(...rss.slice(2)) - rss[1]) / rss[1];
}

/** W2-bn in one sentence: the three variants' medians, BN's cost and every round. */
function batchNormLine(bn: NonNullable<BenchResult["batchNorm"]>): string {
  const r = (v: number[]) => v.map(fmt).join(", ");
  return (
    `(W2's net with a BatchNorm1d after each hidden Linear, one process, variants alternating): ` +
    `without BN ${fmt(bn.plain)}, fused BN ${fmt(bn.bn)}, BN op by op ${fmt(bn.bnOpByOp)} samples/s ` +
    `(medians of [${r(bn.rounds.plain)}], [${r(bn.rounds.bn)}], [${r(bn.rounds.bnOpByOp)}]) — ` +
    `an epoch with BN takes ${(bn.plain / bn.bn).toFixed(2)}× the time without (op by op: ` +
    `${(bn.plain / bn.bnOpByOp).toFixed(2)}×).`
  );
}

export function renderTable(results: BenchResult[], workloads: WorkloadInfo[]): string {
  const lines: string[] = [];
  for (const w of workloads) {
    const rs = rows(results, w.name);
    if (rs.length === 0) continue;
    lines.push(w.title);
    for (const r of rs) {
      const ratio = r.ratio === "" ? "" : `  Myelin/peer ${r.ratio}`;
      const acc = r.accuracy === "" ? "" : `  test accuracy ${r.accuracy}`;
      lines.push(
        `  ${r.impl.padEnd(14)} ${r.value.padStart(20)}   peak RSS ${r.rss.padStart(8)}${ratio}${acc}`,
      );
    }
  }
  const mem = results.find((r) => r.workload === "W2-memory");
  if (mem?.rssByEpochMiB) {
    lines.push(
      `W2-memory (${mem.rssByEpochMiB.length} epochs): RSS ${mem.rssByEpochMiB.join(", ")} MiB; growth after epoch 2 ${(100 * growthAfterEpoch2(mem.rssByEpochMiB)).toFixed(1)}%; training peak ${mem.trainingPeakMiB} MiB (from epoch 2: ${mem.steadyPeakMiB} MiB), process peak ${mem.peakRssMiB} MiB; data ${mem.datasetMiB} MiB`,
    );
  }
  const bn = results.find((r) => r.workload === "W2-bn")?.batchNorm;
  if (bn) lines.push(batchNormLine(bn));
  const cross = results.find((r) => r.workload === "crossover");
  if (cross) lines.push(`wasm/js crossover: m·k·n ≥ ${cross.value} (${cross.note})`);
  const threads = results.find((r) => r.workload === "threads");
  if (threads) lines.push(`2 threads pay from m·k·n ≥ ${threads.value} (${threads.note})`);
  lines.push("targets (issue 5):");
  for (const t of targets(results)) {
    const verdict = t.met === null ? "—" : t.met ? "met" : "NOT met";
    lines.push(`  ${t.what}: ${t.measured} — ${verdict}`);
  }
  return lines.join("\n");
}

export function renderMarkdown(
  results: BenchResult[],
  workloads: WorkloadInfo[],
  env: BenchEnv,
  failures: string[],
): string {
  const out: string[] = [
    `Measured ${env.date} at commit ${env.commit} on ${env.cpu} (${env.cores} cores, ${env.memoryGiB} GiB), ${env.os}, Node ${env.node}; 1-minute load average ${env.load} at the start${env.load > env.cores ? " (other processes were competing for the CPU, so numbers here can be low and vary between runs by up to ~2×)" : ""}.`,
    "",
  ];
  for (const w of workloads) {
    const rs = rows(results, w.name);
    if (rs.length === 0) continue;
    const withAcc = rs.some((r) => r.accuracy !== "");
    const withNote = rs.some((r) => r.note !== "");
    const head = ["implementation", "throughput", "Myelin ÷ peer", "peak RSS"];
    const align = ["---", "---:", "---:", "---:"];
    if (withAcc) {
      head.push("test accuracy");
      align.push("---:");
    }
    if (withNote) {
      head.push("note");
      align.push("---");
    }
    out.push(`### ${w.title}`, "", `| ${head.join(" | ")} |`, `| ${align.join(" | ")} |`);
    for (const r of rs) {
      const cells = [r.impl, r.value, r.ratio, r.rss];
      if (withAcc) cells.push(r.accuracy);
      if (withNote) cells.push(r.note);
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
    if (w.name === "W2") {
      const mem = results.find((r) => r.workload === "W2-memory");
      if (mem?.rssByEpochMiB) {
        const g = growthAfterEpoch2(mem.rssByEpochMiB);
        out.push(
          `**W2 memory** (myelin-wasm, ${mem.rssByEpochMiB.length} epochs${mem.rssByEpochMiB.length < 20 ? `, fewer than issue 5's 20 to keep the full run short: \`--only W2-memory --epochs 20\` runs them all` : ""}; ${fmt(mem.value)} samples/s over the run): RSS after each epoch ${mem.rssByEpochMiB.join(", ")} MiB — growth after epoch 2 ${(100 * g).toFixed(1)}%; training peak RSS (sampled after every batch) ${mem.trainingPeakMiB} MiB, ${mem.steadyPeakMiB} MiB from epoch 2 on, process peak ${mem.peakRssMiB} MiB (includes reading the gzip files), with the data set ${mem.datasetMiB} MiB as float32.`,
          "",
        );
      }
      const bn = results.find((r) => r.workload === "W2-bn")?.batchNorm;
      if (bn) out.push(`**W2-bn** ${batchNormLine(bn)}`, "");
    }
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
  out.push("### Targets (issue 5)", "", "| target | this run | met? |", "| --- | ---: | --- |");
  for (const t of targets(results)) {
    out.push(`| ${t.what} | ${t.measured} | ${t.met === null ? "—" : t.met ? "yes" : "**no**"} |`);
  }
  out.push("");
  if (failures.length > 0) out.push("**Did not run:**", "", ...failures.map((f) => `- ${f}`), "");
  return out.join("\n");
}
