// `myelin info`: the active backend and why, with the addon (native, OpenBLAS core and threads)
// and without it (wasm, with the loader's reason), as text and as JSON; run in child processes
// so each gets its own default backend choice and environment.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { loadAddon } from "../../src/node/native/loader.js";
import { isCi } from "../support/system-package.js";
import { MAIN } from "./helpers.js";

const TSX = import.meta.resolve("tsx");

function info(args: string[], env: NodeJS.ProcessEnv): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ["--import", TSX, MAIN, "info", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

interface InfoJson {
  version: string;
  node: string;
  backend: string;
  why: string;
  blas: { core: string; threads: number; threadsFrom: string; config: string } | null;
  cpuFeatures: string[];
}

test("without the addon: wasm, and why (the loader's reason)", () => {
  const r = info(["--json"], { MYELIN_NATIVE_ADDON: "/nonexistent/myelin_native.node" });
  assert.equal(r.code, 0, r.out);
  const json = JSON.parse(r.out.slice(0, r.out.lastIndexOf("}") + 1)) as InfoJson;
  assert.equal(json.backend, "wasm");
  assert.equal(
    json.why,
    "WebAssembly SIMD; native unavailable: /nonexistent/myelin_native.node does not exist",
  );
  assert.equal(json.blas, null);
  assert.equal(json.node, process.version);
  assert.equal(json.version, "0.1.0");
});

const built = loadAddon().addon !== null;
test(
  "with the addon: native, OpenBLAS's kernel and threads (OPENBLAS_NUM_THREADS respected)",
  built || isCi() ? {} : { skip: "the addon is not built (npm run build:native; CI=true fails)" },
  () => {
    const r = info(["--json"], { OPENBLAS_NUM_THREADS: "2" });
    assert.equal(r.code, 0, r.out);
    const json = JSON.parse(r.out) as InfoJson;
    assert.equal(json.backend, "native");
    assert.match(json.why, /^the native addon loaded \(.*myelin_native\.node\)$/);
    assert.match(json.blas!.config, /^OpenBLAS /);
    assert.equal(json.blas!.threads, 2);
    assert.equal(json.blas!.threadsFrom, "OPENBLAS_NUM_THREADS");
    const text = info([], { OPENBLAS_CORETYPE: "Haswell", OPENBLAS_NUM_THREADS: "" });
    assert.equal(text.code, 0, text.out);
    assert.match(text.out, /^Backend {3}native: the native addon loaded/m);
    assert.match(text.out, /^ {2}kernel {3}Haswell \(OPENBLAS_CORETYPE=Haswell\)$/m);
    assert.match(text.out, /^ {2}threads {2}1 \(default\)$/m);
    assert.match(
      text.out,
      new RegExp(`^Node\\.js {3}${process.version.replace(/\./g, "\\.")} `, "m"),
    );
  },
);
