// `myelin info`: what this installation runs on — Myelin's version, the active backend and why
// (native / wasm SIMD / js), OpenBLAS's build, kernel ("core") and threads, the CPU's instruction
// sets, Node's version. --json for machines. Changes nothing (reads the default backend choice).
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getBackend, hasWasmSimd, nativeStatus } from "../../node/index.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { printJson, type Io } from "../output.js";

const FLAGS = defineFlags({ ...COMMON_FLAGS });

const INFO_HELP = helpText(
  "myelin info [--json]",
  "Show Myelin's version, the active backend and why (native / wasm SIMD / js), the BLAS library's name, kernel and threads, the CPU features detected and Node's version.",
  FLAGS,
);

/** The instruction sets worth knowing for the kernels, as the CPU reports them. */
const FEATURES = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl"];

/** The version in the package's own package.json (src/cli/commands or dist/src/cli/commands). */
function myelinVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "myelin" && pkg.version !== undefined) return pkg.version;
    }
    dir = dirname(dir);
  }
  return "unknown";
}

/** CPU model and flags from /proc/cpuinfo (Linux); null elsewhere. */
function cpuInfo(): { model: string; features: string[] } | null {
  if (!existsSync("/proc/cpuinfo")) return null;
  const text = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(text)?.[1] ?? "unknown";
  const flags = new Set((/^flags\s*:\s*(.*)$/m.exec(text)?.[1] ?? "").split(/\s+/));
  return { model, features: FEATURES.filter((f) => flags.has(f)) };
}

export async function runInfo(argv: string[], stdio: Io): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS, "info");
  if (flags.help) {
    stdio.stdout(INFO_HELP);
    return 0;
  }
  const backend = getBackend().name; // makes the default choice: native, else wasm, else js
  const native = nativeStatus();
  const simd = hasWasmSimd();
  const why =
    backend === "native"
      ? `the native addon loaded (${native.path})`
      : backend === "wasm"
        ? `WebAssembly SIMD; native unavailable: ${native.reason}`
        : `${simd ? "chosen" : "no WebAssembly SIMD in this Node"}; native unavailable: ${native.reason}`;
  const cpu = cpuInfo();
  const summary = {
    ok: true,
    command: "info",
    version: myelinVersion(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cores: availableParallelism(),
    backend,
    why,
    wasmSimd: simd,
    blas: native.blas,
    coretypeOverride: process.env.OPENBLAS_CORETYPE ?? null,
    cpu: cpu?.model ?? null,
    cpuFeatures: cpu?.features ?? native.cpuFeatures,
  };
  if (flags.json) {
    printJson(stdio, summary);
    return 0;
  }
  const blas =
    native.blas === null
      ? "none (the native backend is not loaded)"
      : `${native.blas.config}\n` +
        `  kernel   ${native.blas.core}${summary.coretypeOverride === null ? " (chosen by OpenBLAS for this CPU)" : ` (OPENBLAS_CORETYPE=${summary.coretypeOverride})`}\n` +
        `  threads  ${native.blas.threads} (${native.blas.threadsFrom})`;
  stdio.stdout(
    [
      `Myelin    ${summary.version}`,
      `Node.js   ${summary.node} (${summary.platform}, ${summary.cores} cores)`,
      `Backend   ${backend}: ${why}`,
      `WASM SIMD ${simd ? "yes" : "no"}`,
      `BLAS      ${blas}`,
      `CPU       ${summary.cpu ?? "unknown"}`,
      `Features  ${summary.cpuFeatures.join(" ") || "none detected"}`,
      "",
    ].join("\n"),
  );
  return 0;
}
