// npm run build:native — builds the optional native backend (native/: a Node-API addon over
// OpenBLAS) with npm's own node-gyp against this Node's installed headers (--nodedir; nothing is
// downloaded). Never fails: without a compiler, Python, OpenBLAS or the headers it says why and
// exits 0, and Myelin runs on WebAssembly. `--strict` exits 1 instead (for checking a setup).
// Output: native/build/Release/myelin_native.node (found by src/node/native/loader.ts).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const strict = process.argv.includes("--strict");

function giveUp(reason) {
  console.warn(`build:native: not built (${reason}); Myelin will use WebAssembly`);
  process.exit(strict ? 1 : 0);
}

/** The directory holding include/node/node_api.h for the running Node (e.g. /usr). */
function findNodeDir() {
  const candidates = [
    process.env.MYELIN_NODEDIR,
    resolve(dirname(process.execPath), ".."),
    "/usr",
    "/usr/local",
  ].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, "include", "node", "node_api.h")));
}

/** npm's bundled node-gyp (no download), or one on PATH. */
function findNodeGyp() {
  const npmDirs = [
    process.env.npm_execpath ? resolve(dirname(process.env.npm_execpath), "..") : null,
    resolve(dirname(process.execPath), "..", "lib", "node_modules", "npm"),
    "/usr/lib/node_modules/npm",
    "/usr/share/nodejs/npm",
  ].filter(Boolean);
  for (const dir of npmDirs) {
    const script = join(dir, "node_modules", "node-gyp", "bin", "node-gyp.js");
    if (existsSync(script)) return [process.execPath, script];
  }
  return null;
}

const nodedir = findNodeDir();
if (nodedir === undefined) giveUp("no Node headers (include/node/node_api.h) found");
const gyp = findNodeGyp();
if (gyp === null) giveUp("npm's node-gyp not found");
const result = spawnSync(gyp[0], [gyp[1], "rebuild", `--nodedir=${nodedir}`, "--loglevel=warn"], {
  cwd: join(root, "native"),
  stdio: "inherit",
});
if (result.status !== 0) giveUp(`node-gyp exited with ${result.status ?? result.signal}`);
const addon = join(root, "native", "build", "Release", "myelin_native.node");
if (!existsSync(addon)) giveUp(`${addon} missing after the build`);
console.log(`build:native: built ${addon}`);
