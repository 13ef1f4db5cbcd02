// Which backend runs the kernels. By default the first kernel call loads the WebAssembly SIMD
// backend ("wasm": js below a measured size, SIMD above) where the engine supports it, and keeps
// the js backend otherwise. setBackend("js") (or "wasm") at any time overrides that choice.
import { ValueError } from "../errors.js";
import { completeBackend } from "./auto.js";
import type { Backend, BackendName, FullBackend } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { loadWasmBackend } from "./wasm/index.js";

const available = new Map<BackendName, FullBackend>([["js", jsBackend]]);
let active: FullBackend = jsBackend;
let chosen = false;

/**
 * Registers `backend` under its name. A backend without some of the optional kernels gets the
 * js reference ones (a complete backend is stored as is, so identity comparisons still work).
 */
export function registerBackend(backend: Backend): void {
  available.set(backend.name, completeBackend(backend));
}

/** Choose the backend by name; throws if it is unknown or failed to load here. */
export function setBackend(name: BackendName): void {
  const b = available.get(name);
  if (b === undefined) {
    throw new ValueError(
      `setBackend: backend "${name}" is not available (available: ${[...available.keys()].join(", ")})`,
    );
  }
  active = b;
  chosen = true;
}

/** The backend in use; the first call picks the default (wasm where available, else js). */
export function getBackend(): FullBackend {
  if (!chosen) {
    chosen = true;
    if (loadWasmBackend()) active = available.get("wasm") ?? jsBackend;
  }
  return active;
}

export function listBackends(): BackendName[] {
  return [...available.keys()];
}
