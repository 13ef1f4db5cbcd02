// The attack's cases: every input kind × the entry points that read it, over valid files,
// mutations, bombs and special files. SMALL is the test suite's set (special files × every reader,
// bombs, valid files, a few mutations); FULL is `npm run attack` (≥ 1,000 cases, seeded).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fuzzRandom, pick } from "../support/fuzz.js";
import {
  MUTATIONS,
  SPECIALS,
  placeSpecial,
  trainArgs,
  writeBombs,
  writeValidInputs,
  mutate,
  type Special,
  type ValidInputs,
} from "./corpus.js";
import { declaredBytes } from "./declared.js";
import type { Library } from "./library.js";
import type { AttackCase, InputClass, InputKind } from "./run-case.js";

export interface Plan {
  /** Mutated inputs per entry point. */
  mutationsPerEntry: number;
  /** Special files × these entry points (all entries when undefined). */
  specialEntries?: readonly string[];
  /** Special files given to the CLI entries (all when undefined). */
  cliSpecials?: readonly string[];
  /** Bombs × these entry points (all entries when undefined). */
  bombEntries?: readonly string[];
  inflateMiB: number;
  headerMiB: number;
}

export const SMALL: Plan = {
  mutationsPerEntry: 0,
  specialEntries: [
    ...["lib:load", "lib:loadCheckpoint", "lib:readCsvFile", "lib:readIdxFile"],
    ...["cli:inspect", "cli:resume", "cli:train-csv", "cli:train-idx"],
  ],
  cliSpecials: ["fifo-no-writer", "dev-zero", "directory"],
  bombEntries: [
    ...["lib:load", "lib:loadCheckpoint", "lib:readCsvFile", "lib:readIdxDataset"],
    "cli:train-idx",
  ],
  inflateMiB: 128,
  headerMiB: 32,
};

export const FULL: Plan = { mutationsPerEntry: 80, inflateMiB: 1024, headerMiB: 100 };

type Role = "images" | "labels";

/** One attacked input: its path and, for IDX, which file of the pair it stands for. */
interface Input {
  kind: InputKind;
  inputClass: InputClass;
  input: string;
  path: string;
  role?: Role;
  /** Set for special files: made afresh inside an IDX directory when needed. */
  special?: Special;
}

interface Entry {
  kind: InputKind;
  entry: string;
  /** The child's argv (and cwd for the CLI) to read `input`. */
  argv: (input: Input, ctx: Context) => { argv: string[]; cwd?: string };
}

interface Context {
  work: string;
  valid: ValidInputs;
  /** A fresh directory for one CLI case. */
  freshDir: () => string;
}

const ENTRIES: readonly Entry[] = [
  { kind: "model", entry: "lib:load", argv: (i) => ({ argv: ["load", i.path] }) },
  cli("model", "cli:inspect", (i) => ["inspect", i.path]),
  cli("model", "cli:predict", (i, c) => ["predict", i.path, "--data", c.valid.csv]),
  cli("model", "cli:evaluate", (i, c) => ["evaluate", i.path, "--data", c.valid.csv]),
  {
    kind: "checkpoint",
    entry: "lib:loadCheckpoint",
    argv: (i) => ({ argv: ["loadCheckpoint", i.path] }),
  },
  cli("checkpoint", "cli:resume", (i, c) => [
    ...trainArgs(c.valid.csv, 3),
    ...["--resume", i.path, "--out", "out.myelin"],
  ]),
  { kind: "csv", entry: "lib:readCsvFile", argv: (i) => ({ argv: ["readCsvFile", i.path] }) },
  cli("csv", "cli:train-csv", (i) => [...trainArgs(i.path, 1), "--out", "out.myelin"]),
  cli("csv", "cli:predict-data", (i, c) => ["predict", c.valid.model, "--data", i.path]),
  { kind: "idx", entry: "lib:readIdxFile", argv: (i) => ({ argv: ["readIdxFile", i.path] }) },
  {
    kind: "idx",
    entry: "lib:readIdxDataset",
    argv: (i, c) => ({
      argv:
        i.role === "labels"
          ? ["readIdxDataset", c.valid.idxImages, i.path]
          : ["readIdxDataset", i.path, c.valid.idxLabels],
    }),
  },
  {
    kind: "idx",
    entry: "cli:train-idx",
    argv: (i, c) => {
      const cwd = c.freshDir();
      const dir = idxDirectory(cwd, i, c.valid);
      const args = ["train", "--data", `idx:${dir}`, "--epochs", "1", "--layers", "4"];
      return { argv: [...args, "--report", "none", "--out", "out.myelin"], cwd };
    },
  },
];

function cli(kind: InputKind, entry: string, args: (i: Input, c: Context) => string[]): Entry {
  return { kind, entry, argv: (i, c) => ({ argv: args(i, c), cwd: c.freshDir() }) };
}

/**
 * An IDX directory (train-/t10k- images and labels) of valid files, with the attacked input as
 * train-<role>: a symlink to it, or the special file made in place.
 */
function idxDirectory(cwd: string, i: Input, valid: ValidInputs): string {
  if (i.special?.name === "name-too-long") return join(cwd, "d".repeat(300));
  const dir = join(cwd, "idx");
  mkdirSync(dir);
  const names = { images: "images-idx3-ubyte", labels: "labels-idx1-ubyte" } as const;
  const source = { images: valid.idxImages, labels: valid.idxLabels };
  for (const set of ["train", "t10k"]) {
    for (const role of ["images", "labels"] as const) {
      const path = join(dir, `${set}-${names[role]}`);
      if (set !== "train" || role !== (i.role ?? "images")) symlinkSync(source[role], path);
      else if (i.special?.make) i.special.make(path, source[role]);
      else if (i.special === undefined || i.special.fixed !== undefined) symlinkSync(i.path, path);
    }
  }
  return dir;
}

/** Build the inputs under `work` and the case list for `plan`. */
export async function buildCases(lib: Library, work: string, plan: Plan): Promise<AttackCase[]> {
  const rng = fuzzRandom(906);
  const valid = writeValidInputs(work, lib, rng);
  let dirs = 0;
  const ctx: Context = {
    work,
    valid,
    freshDir: () => {
      const dir = join(work, "cwd", String(dirs++));
      mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
  const bombs = await writeBombs(join(work), valid, plan);
  mkdirSync(join(work, "mutations"));
  const cases: AttackCase[] = [];
  for (const e of ENTRIES) {
    const inputs: Input[] = [
      ...validInputs(e.kind, valid),
      ...bombs
        .filter((b) => b.kind === e.kind && (plan.bombEntries?.includes(e.entry) ?? true))
        .map((b) => ({ ...b, inputClass: "bomb" as const, input: b.name })),
      ...specialInputs(e, work, valid, plan),
    ];
    for (let m = 0; m < plan.mutationsPerEntry; m++) {
      const base = pick(rng, validInputs(e.kind, valid));
      const how = pick(rng, MUTATIONS);
      const path = join(work, "mutations", `${cases.length}-${m}-${how}`);
      writeFileSync(path, mutate(rng, readFileSync(base.path), how));
      inputs.push({ ...base, inputClass: "mutation", input: `${how}(${base.input})`, path });
    }
    for (const i of inputs) {
      const { argv, cwd } = e.argv(i, ctx);
      cases.push({
        kind: e.kind,
        inputClass: i.inputClass,
        input: i.input,
        entry: e.entry,
        argv,
        cwd,
        declaredBytes: await declaredBytes(e.kind, i.path),
      });
    }
  }
  return cases;
}

function validInputs(kind: InputKind, v: ValidInputs): Input[] {
  const one = (input: string, path: string, role?: Role): Input => ({
    kind,
    inputClass: "valid",
    input,
    path,
    role,
  });
  if (kind === "model") return [one("model", v.model)];
  if (kind === "checkpoint") return [one("checkpoint", v.checkpoint)];
  if (kind === "csv") return [one("csv", v.csv)];
  return [
    one("images", v.idxImages, "images"),
    one("labels", v.idxLabels, "labels"),
    one("images.gz", v.idxImagesGz, "images"),
    one("labels.gz", v.idxLabelsGz, "labels"),
  ];
}

/** The special files for one entry (placed once per kind and role, except inside IDX dirs). */
function specialInputs(e: Entry, work: string, valid: ValidInputs, plan: Plan): Input[] {
  if (plan.specialEntries && !plan.specialEntries.includes(e.entry)) return [];
  const roles: (Role | undefined)[] =
    e.kind !== "idx"
      ? [undefined]
      : e.entry === "lib:readIdxFile"
        ? ["images"]
        : ["images", "labels"];
  const inputs: Input[] = [];
  for (const role of roles) {
    const dir = join(work, `special-${e.entry.replace(":", "-")}-${role ?? e.kind}`);
    mkdirSync(dir, { recursive: true });
    const validOfKind =
      e.kind === "idx"
        ? role === "labels"
          ? valid.idxLabels
          : valid.idxImages
        : { model: valid.model, checkpoint: valid.checkpoint, csv: valid.csv }[e.kind];
    for (const s of SPECIALS) {
      if (e.entry.startsWith("cli:") && plan.cliSpecials && !plan.cliSpecials.includes(s.name))
        continue;
      if (role === "labels" && plan.cliSpecials && e.entry !== "lib:readIdxDataset") continue;
      // inside an IDX directory the special file is made per case, under its IDX name
      const inDir = e.entry === "cli:train-idx";
      const path = inDir ? (s.fixed ?? "") : placeSpecial(s, dir, validOfKind);
      inputs.push({
        kind: e.kind,
        inputClass: "special",
        input: role ? `${s.name} as ${role}` : s.name,
        path,
        role,
        special: inDir ? s : undefined,
      });
    }
  }
  return inputs;
}
