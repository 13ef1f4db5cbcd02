// A backend may implement a subset of the optional kernels (the worker-thread backend has matmul
// only); completeBackend fills the missing ones from the js reference.
import type { Backend, FullBackend } from "./backend.js";
import { KERNELS } from "./backend.js";
import { jsBackend } from "./js/index.js";

/** `backend` itself when it has every kernel, else a backend with the missing ones from js. */
export function completeBackend(backend: Backend): FullBackend {
  if (KERNELS.every((k) => backend[k] !== undefined)) return backend as FullBackend;
  const full: Backend = { ...jsBackend, name: backend.name, matmul: backend.matmul.bind(backend) };
  for (const k of KERNELS) {
    const kernel = backend[k];
    if (kernel !== undefined) Object.assign(full, { [k]: kernel.bind(backend) });
  }
  return full as FullBackend;
}
