// The native backend's entry in Node: loads the addon (loader.ts), registers it as "native" with
// its measured thresholds, sets OpenBLAS's threads, and tells why it is or is not in use
// (nativeStatus, shown by `myelin info`). The browser entry never reaches this folder.
//
//   kernel                                   runs on (at and above its threshold, thresholds.ts)
//   matmul, bias + relu/identity/leaky,      C++ over the typed arrays' memory (OpenBLAS sgemm/
//   relu, add/sub/mul/div, sumAxis            dgemm; -O3 loops with AVX2/AVX-512 clones)
//   exp/tanh/sigmoid, softmax rows, loss     wasm SIMD (faster than glibc's scalar expf/tanhf)
//
// A file that exists but fails to load is reported once per process (a warning with code
// MYELIN_NATIVE_UNAVAILABLE); an addon that was never built is not an error: Myelin runs on
// WebAssembly and nativeStatus().reason says why.
import {
  kernels,
  loadWasmBackend,
  registerBackend,
  type FullBackend,
  type KernelName,
} from "../../backend/index.js";
import { wasmBackend } from "../../backend/wasm/index.js";
import { ValueError } from "../../errors.js";
import { createNativeBackend } from "./backend.js";
import { findAddon, loadAddon } from "./loader.js";
import { NATIVE_THRESHOLDS } from "./thresholds.js";

export { NATIVE_THRESHOLDS } from "./thresholds.js";

/**
 * OpenBLAS threads when the user set none (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS): measured in
 * bench/native-threads.ts (BENCHMARKS.md, "Native backend"): on a shared 2-core machine a second
 * BLAS thread lost on most products, so one thread, and Myelin's own workers stay off.
 */
export const DEFAULT_BLAS_THREADS = 1;

/** The kernels the registered backend takes from wasm when WebAssembly SIMD is there. */
const FROM_WASM: readonly KernelName[] = [
  "unary",
  "softmaxRows",
  "logSoftmaxRows",
  "crossEntropyRows",
];

/** Options of {@link loadNativeBackend}. */
export interface LoadNativeOptions {
  /** The addon file (default: MYELIN_NATIVE_ADDON, else native/build/Release/ of the package). */
  path?: string;
  /**
   * OpenBLAS threads. Default: left as OPENBLAS_NUM_THREADS / OMP_NUM_THREADS say when either is
   * set, else DEFAULT_BLAS_THREADS.
   */
  blasThreads?: number;
}

/** What {@link nativeStatus} reports: whether the native backend loaded, why not, and its BLAS. */
export interface NativeStatus {
  /** Whether the "native" backend is registered. */
  loaded: boolean;
  /** Why not, when it is not ("" when loaded). */
  reason: string;
  /** The addon file in use. */
  path: string | null;
  /** OpenBLAS: build string, kernel chosen for this CPU (OPENBLAS_CORETYPE overrides it), threads. */
  blas: { config: string; core: string; threads: number; threadsFrom: string } | null;
  /** Instruction sets the CPU offers (as the addon's run-time check sees them). */
  cpuFeatures: string[];
}

let status: NativeStatus = {
  loaded: false,
  reason: "not loaded yet",
  path: null,
  blas: null,
  cpuFeatures: [],
};
let warned = false;

/** Which environment variable fixed OpenBLAS's threads, if any. */
function threadsFromEnv(): string | null {
  for (const name of ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"]) {
    const v = process.env[name];
    if (v !== undefined && v !== "") return name;
  }
  return null;
}

/** The C++ kernels, with exp/tanh/sigmoid and the softmax rows from wasm SIMD when available. */
function composeBackend(native: FullBackend): FullBackend {
  if (!loadWasmBackend()) return native;
  const backend: FullBackend = { ...native };
  for (const k of FROM_WASM) Object.assign(backend, { [k]: wasmBackend[k].bind(wasmBackend) });
  // maps: relu stays native, the transcendental ones go to wasm
  backend.unary = (kind, x, out) => (kind === "relu" ? native : wasmBackend).unary(kind, x, out);
  const act = native.biasActivation;
  backend.biasActivation = (x, bias, out, rows, cols, kind, slope) =>
    (kind === "tanh" || kind === "sigmoid" ? wasmBackend.biasActivation : act)(
      x,
      bias,
      out,
      rows,
      cols,
      kind,
      slope,
    );
  return backend;
}

/**
 * Loads the native addon and registers it as the "native" backend (then setBackend("native")
 * selects it; in Node it is the default when it loads). Returns false — registering nothing —
 * when the addon is missing or fails to load; nativeStatus().reason says why, and a file that
 * exists but fails to load is also reported once as a process warning.
 */
export function loadNativeBackend(options: LoadNativeOptions = {}): boolean {
  const threads = options.blasThreads;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new ValueError(`loadNativeBackend: blasThreads must be an integer ≥ 1, got ${threads}`);
  }
  const path = options.path ?? findAddon();
  const load = loadAddon(path);
  if (load.addon === null) {
    status = { loaded: false, reason: load.reason, path, blas: null, cpuFeatures: [] };
    if (path !== null && !warned) {
      warned = true;
      process.emitWarning(`native backend unavailable (${load.reason}); using WebAssembly`, {
        code: "MYELIN_NATIVE_UNAVAILABLE",
      });
    }
    return false;
  }
  const { addon } = load;
  const fromEnv = threadsFromEnv();
  let threadsFrom = fromEnv ?? "default";
  if (threads !== undefined) {
    addon.setBlasThreads(threads);
    threadsFrom = "loadNativeBackend option";
  } else if (fromEnv === null) addon.setBlasThreads(DEFAULT_BLAS_THREADS);
  kernels.setKernelThresholds("native", NATIVE_THRESHOLDS);
  registerBackend(composeBackend(createNativeBackend(addon)));
  status = {
    loaded: true,
    reason: "",
    path: load.path,
    blas: { ...addon.blasInfo(), threadsFrom },
    cpuFeatures: addon.cpuFeatures(),
  };
  return true;
}

/** Whether the native backend is loaded, why not, and what OpenBLAS and the CPU are. */
export function nativeStatus(): NativeStatus {
  return { ...status, cpuFeatures: [...status.cpuFeatures] };
}
