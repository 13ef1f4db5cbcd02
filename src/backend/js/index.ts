// The pure-TypeScript backend: always available, readable, the reference for conformance tests.
import type { Backend } from "../backend.js";
import { matmulJs } from "./matmul.js";

export const jsBackend: Backend = {
  name: "js",
  matmul: matmulJs,
};
