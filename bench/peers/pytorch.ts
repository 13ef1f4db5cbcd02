// PyTorch peer: bench/peers/pytorch.py run by Debian's /usr/bin/python3 (python3-torch) in a
// subprocess, one workload per process, its JSON line read back. Two configurations, 1 and 2
// threads: OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = torch.set_num_threads = n, with
// OMP_WAIT_POLICY=PASSIVE (else OpenMP's and OpenBLAS's spinning pools fight over the 2 cores).
// Without python3-torch the column is skipped with a note, never failed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Measure, Measured } from "../workloads/common.js";

const PYTHON = "/usr/bin/python3";

/** The script beside this module (tsx) or in the source tree (built: dist/bench/peers). */
function scriptPath(): string {
  for (const rel of ["./pytorch.py", "../../../bench/peers/pytorch.py"]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("bench: bench/peers/pytorch.py not found");
}

/** Why PyTorch cannot run here, or null when `import torch` works. */
function missingTorch(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  return probe.status === 0 ? null : "python3-torch is not installed (import torch failed)";
}

async function runPytorch(workload: string, threads: number, quick: boolean): Promise<Measured> {
  const missing = missingTorch();
  if (missing !== null) return { skip: `PyTorch column skipped: ${missing}` };
  const n = String(threads);
  const env = {
    ...process.env,
    OMP_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    OMP_WAIT_POLICY: "PASSIVE",
  };
  const args = [scriptPath(), workload, n, ...(quick ? ["--quick"] : [])];
  const run = spawnSync(PYTHON, args, { encoding: "utf8", env, maxBuffer: 1 << 20 });
  const line = run.stdout.trim().split("\n").pop() ?? "";
  if (run.status !== 0 || !line.startsWith("{")) {
    throw new Error(`pytorch.py ${workload} failed (exit ${run.status}): ${run.stderr.trim()}`);
  }
  const out = JSON.parse(line) as {
    value: number;
    accuracy?: number;
    torch: string;
    peakRssMiB: number;
  };
  return {
    value: out.value,
    accuracy: out.accuracy,
    note: `torch ${out.torch}, ${n} thread(s); peak RSS is python's`,
    peakRssMiB: out.peakRssMiB,
  };
}

/** pytorch-1t and pytorch-2t for one of matmul, W1, W2, W3. */
export function pytorchImpls(workload: "matmul" | "W1" | "W2" | "W3"): Record<string, Measure> {
  return {
    "pytorch-1t": (quick) => runPytorch(workload, 1, quick),
    "pytorch-2t": (quick) => runPytorch(workload, 2, quick),
  };
}
