// Which backend is active. A generic store: it imports no concrete backend. The backend's entry
// (index.ts) registers the built-in ones and says how to pick the default; the first call of
// getBackend() makes that choice unless setBackend() made one already.
import { ValueError } from "../errors.js";
import type { BackendName, FullBackend } from "./backend.js";

const available = new Map<BackendName, FullBackend>();
let active: FullBackend | null = null;
let chosen = false;
let chooseDefault: (() => BackendName) | null = null;
const listeners: (() => void)[] = [];

function changed(): void {
  for (const listener of listeners) listener();
}

/**
 * Registers `backend` under its name, replacing any backend of that name (the active one too,
 * when it had that name). A backend with some kernels missing is completed first (complete.ts).
 */
export function registerBackend(backend: FullBackend): void {
  const replaced = available.get(backend.name);
  available.set(backend.name, backend);
  if (active === null || (replaced !== undefined && active === replaced)) active = backend;
  changed();
}

/** How the first getBackend() picks a backend when none was chosen (returns its name). */
export function setDefaultBackendChoice(choose: () => BackendName): void {
  chooseDefault = choose;
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
  changed();
}

/** The backend in use; the first call picks the default (wasm where available, else js). */
export function getBackend(): FullBackend {
  if (!chosen) {
    chosen = true;
    if (chooseDefault !== null) {
      const name = chooseDefault();
      active = available.get(name) ?? active;
      changed();
    }
  }
  if (active === null) throw new ValueError("getBackend: no backend is registered");
  return active;
}

/** Names of the registered backends. */
export function listBackends(): BackendName[] {
  return [...available.keys()];
}

/** Calls `listener` after every change of the active backend or of a registered one. */
export function onBackendChange(listener: () => void): void {
  listeners.push(listener);
}
