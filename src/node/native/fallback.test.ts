// The native backend is optional: a missing or corrupt addon registers nothing, says why once
// (nativeStatus().reason, and a process warning for a file that fails to load), and Node's
// default backend is then wasm; a loaded addon reports OpenBLAS's core and the thread setting.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { isCi } from "../../../test/support/system-package.js";
import { listBackends } from "../../backend/index.js";
import { loadNativeBackend, nativeStatus } from "./index.js";
import { findAddon, loadAddon } from "./loader.js";

const dir = mkdtempSync(join(tmpdir(), "myelin-native-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const missing = join(dir, "missing.node");
const corrupt = join(dir, "corrupt.node");
writeFileSync(corrupt, Buffer.from("\x7fELF this is not a shared object"));
const notAddon = join(dir, "not-addon.cjs");
writeFileSync(notAddon, "module.exports = { matmul() {} };");

test("a missing, corrupt or foreign addon file registers nothing and says why", () => {
  const cases: [string, RegExp][] = [
    [missing, /missing\.node does not exist/],
    [corrupt, /corrupt\.node failed to load: /],
    [notAddon, /not-addon\.cjs lacks biasActivation, unary/],
  ];
  for (const [path, reason] of cases) {
    assert.equal(loadNativeBackend({ path }), false);
    const status = nativeStatus();
    assert.equal(status.loaded, false);
    assert.match(status.reason, reason);
    assert.equal(status.blas, null);
    assert.equal(listBackends().includes("native"), false);
  }
  assert.deepEqual(loadAddon(null), {
    addon: null,
    reason: `no ${join("native", "build", "Release", "myelin_native.node")} (run npm run build:native)`,
  });
});

test("the failure is reported once per process, as a MYELIN_NATIVE_UNAVAILABLE warning", () => {
  // a fresh process: the default choice tries the corrupt file, falls back to wasm, warns once
  const entry = fileURLToPath(new URL("../index.ts", import.meta.url));
  const script = [
    `const m = await import(${JSON.stringify(entry)});`,
    `console.log(m.getBackend().name);`,
    `console.log(m.loadNativeBackend(), m.getBackend().name);`,
    `console.log(m.nativeStatus().reason);`,
  ].join("\n");
  const env: NodeJS.ProcessEnv = { ...process.env, MYELIN_NATIVE_ADDON: corrupt };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines[0], "wasm");
  assert.equal(lines[1], "false wasm");
  assert.match(lines[2], /corrupt\.node failed to load/);
  const warnings = r.stderr.match(/MYELIN_NATIVE_UNAVAILABLE/g) ?? [];
  assert.equal(warnings.length, 1, r.stderr);
  assert.match(
    r.stderr,
    /native backend unavailable \(.*corrupt\.node failed to load.*\); using WebAssembly/,
  );
});

test("blasThreads must be a positive integer", () => {
  assert.throws(
    () => loadNativeBackend({ blasThreads: 0 }),
    /blasThreads must be an integer ≥ 1, got 0/,
  );
  assert.throws(() => loadNativeBackend({ blasThreads: 1.5 }), /got 1\.5/);
});

const built = findAddon() !== null && loadAddon().addon !== null;
test(
  'a built addon registers "native" and reports OpenBLAS\'s core, threads and the CPU',
  built || isCi() ? {} : { skip: "the addon is not built (npm run build:native; CI=true fails)" },
  () => {
    assert.equal(loadNativeBackend({ blasThreads: 1 }), true);
    const status = nativeStatus();
    assert.equal(status.loaded, true);
    assert.equal(status.reason, "");
    assert.ok(listBackends().includes("native"));
    assert.match(status.blas!.config, /OpenBLAS/);
    assert.ok(status.blas!.core.length > 0);
    assert.equal(status.blas!.threads, 1);
    assert.equal(status.blas!.threadsFrom, "loadNativeBackend option");
    // every x86-64 CPU has SSE4.2 these days; the list must come from the CPU, not be empty
    if (process.arch === "x64") assert.ok(status.cpuFeatures.includes("sse4.2"));
  },
);
