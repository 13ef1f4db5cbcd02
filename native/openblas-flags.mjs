// Prints OpenBLAS's compiler flags for binding.gyp: `include` → include directories, `libs` →
// linker flags. Asks pkg-config; without it, falls back to the default search paths and -lopenblas
// (Debian's libopenblas-dev also installs cblas.h into the default include path).
import { execFileSync } from "node:child_process";

function pkgConfig(flag) {
  try {
    return execFileSync("pkg-config", [flag, "openblas"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

const what = process.argv[2];
if (what === "include") {
  const flags = pkgConfig("--cflags-only-I") ?? "";
  console.log(
    flags
      .split(/\s+/)
      .filter(Boolean)
      .map((f) => f.replace(/^-I/, ""))
      .join(" "),
  );
} else if (what === "libs") {
  console.log(pkgConfig("--libs") ?? "-lopenblas");
} else {
  console.error("usage: node openblas-flags.mjs include|libs");
  process.exit(2);
}
