// Finding and loading the compiled addon (npm run build:native writes it). Never throws: a
// missing file, a file that is not a loadable addon for this Node (corrupt, other platform, a
// missing libopenblas.so) or one without the expected functions gives { addon: null, reason }.
// Not here: registering a backend (index.ts), the kernels' adapter (backend.ts).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADDON_FUNCTIONS, type NativeAddon } from "./addon.js";

/** The addon's path inside the package: native/build/Release/myelin_native.node. */
const RELATIVE = join("native", "build", "Release", "myelin_native.node");

export type AddonLoad = { addon: NativeAddon; path: string } | { addon: null; reason: string };

/**
 * Where the addon is: MYELIN_NATIVE_ADDON when set, else native/build/Release/ in the first
 * folder above this module that has it (src/node/native in the repository, dist/src/node/native
 * once built: the depth differs). null when none has it.
 */
export function findAddon(): string | null {
  const fromEnv = process.env.MYELIN_NATIVE_ADDON;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** Loads the addon at `path` (default: findAddon()); the reason says why when it cannot. */
export function loadAddon(path: string | null = findAddon()): AddonLoad {
  if (path === null) {
    return { addon: null, reason: `no ${RELATIVE} (run npm run build:native)` };
  }
  if (!existsSync(path)) return { addon: null, reason: `${path} does not exist` };
  let loaded: unknown;
  try {
    loaded = createRequire(import.meta.url)(path);
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { addon: null, reason: `${path} failed to load: ${message}` };
  }
  const missing = ADDON_FUNCTIONS.filter(
    (f) => typeof (loaded as Record<string, unknown> | null)?.[f] !== "function",
  );
  if (missing.length > 0) {
    return { addon: null, reason: `${path} lacks ${missing.join(", ")} (rebuild it)` };
  }
  return { addon: loaded as NativeAddon, path };
}
