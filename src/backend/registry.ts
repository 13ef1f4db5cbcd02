// Which backend runs the kernels. The js backend is the default and the fallback; others
// register themselves when they load successfully (e.g. after a WebAssembly SIMD feature probe).
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js/index.js";

const available = new Map<BackendName, Backend>([["js", jsBackend]]);
let active: Backend = jsBackend;

export function registerBackend(backend: Backend): void {
  available.set(backend.name, backend);
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
}

export function getBackend(): Backend {
  return active;
}

export function listBackends(): BackendName[] {
  return [...available.keys()];
}
