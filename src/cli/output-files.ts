// The files a command will write, checked against each other and against the files it reads,
// before any data is read: no two outputs and no output and input may be the same file. "Same"
// is decided twice — by the path with every existing symlink resolved (`./a/../m`, symlinked
// directories) and, for files that exist, by (device, inode) (hard links). This file does not
// check where an output may go (safe-path.ts) or remove stale temps (stale-temps.ts).
import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./output.js";

/** One file a command names: the flag (or "MODEL") that named it and its absolute path. */
export interface NamedFile {
  flag: string;
  path: string;
}

export interface CommandFiles {
  command: string;
  outputs: NamedFile[];
  inputs: NamedFile[];
  /** Output/input flag pairs that may name the same file on purpose (--checkpoint, --resume). */
  mayShare?: [output: string, input: string][];
}

/**
 * Throw a UsageError naming both flags when two outputs, or an output and an input, are the
 * same file. Inputs may coincide with each other (reading twice harms nothing).
 */
export function refuseSharedFiles(files: CommandFiles): void {
  const outputs = files.outputs.map((f) => ({ ...f, id: fileIdentity(f.path) }));
  const inputs = files.inputs.map((f) => ({ ...f, id: fileIdentity(f.path) }));
  const allowed = (a: string, b: string): boolean =>
    (files.mayShare ?? []).some(([o, i]) => (o === a && i === b) || (o === b && i === a));
  outputs.forEach((out, k) => {
    for (const other of [...outputs.slice(0, k), ...inputs]) {
      if (!sameFile(out.id, other.id) || allowed(out.flag, other.flag)) continue;
      const role = inputs.includes(other) ? "the input" : "the output";
      throw new UsageError(
        `${out.flag} ${JSON.stringify(out.path)} is the same file as ${role} ${other.flag} ${JSON.stringify(other.path)}; give each output its own file`,
        files.command,
      );
    }
  });
}

interface FileIdentity {
  /** The path with the symlinks of its longest existing prefix resolved. */
  resolved: string;
  /** "dev:ino" of the file when it exists. */
  inode: string | null;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.resolved === b.resolved || (a.inode !== null && a.inode === b.inode);
}

function fileIdentity(path: string): FileIdentity {
  const full = resolve(path);
  let inode: string | null = null;
  try {
    const s = statSync(full);
    inode = `${s.dev}:${s.ino}`;
  } catch {
    // not there (yet): the resolved path alone decides
  }
  return { resolved: resolveExisting(full), inode };
}

/** realpath of the longest existing prefix of `full`, with the rest appended unchanged. */
function resolveExisting(full: string): string {
  const rest: string[] = [];
  for (let p = full; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return full;
      rest.push(basename(p));
    }
  }
}
