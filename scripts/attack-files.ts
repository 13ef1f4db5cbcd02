// The file attack, full size (`npm run attack`: builds dist/, then runs this): model files,
// checkpoints, CSV and IDX — valid, mutated, bombs and special files — through every entry point
// that reads them (library calls and the CLI), each case in its own child process killed after
// 5 s. Prints per kind: cases, untyped errors, crashes, hangs, cases over the RSS budget
// (2 × declared data + 150 MiB, on the child's total peak RSS) and the worst RSS/budget ratio;
// then every failing group with a one-line repro. Exit code 1 when any case fails.
//   node --import tsx scripts/attack-files.ts [--small] [--parallel N] [--bundle [--src DIR]]
//                                             [--keep] [--json FILE]
// --bundle attacks an esbuild bundle of src/ (of the checkout DIR with --src) instead of dist/;
// --json writes every case and its outcome.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baselines, failed, runAll, summary } from "../test/hardening/attack.js";
import { buildCases, FULL, SMALL } from "../test/hardening/cases.js";
import { bundledLibrary, distLibrary } from "../test/hardening/library.js";
import { MiB } from "../test/hardening/run-case.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const parallel = Number(option("--parallel") ?? 2) || 2;
const plan = args.includes("--small") ? SMALL : FULL;
const lib = args.includes("--bundle")
  ? await bundledLibrary(option("--src"))
  : (distLibrary() ?? (await bundledLibrary()));
const work = mkdtempSync(join(tmpdir(), "myelin-attack-"));

const started = performance.now();
const cases = await buildCases(lib, work, plan);
const base = await baselines(lib);
console.log(
  `${cases.length} cases (${plan === FULL ? "full" : "small"}, seed ${process.env.MYELIN_FUZZ_SEED ?? "default"}), library ${lib.mode}, ${parallel} in parallel; ` +
    `idle child RSS: library ${(base.lib / MiB).toFixed(0)} MiB, CLI ${(base.cli / MiB).toFixed(0)} MiB (included in every budget check)`,
);
const results = await runAll(cases, lib, parallel, (_r, done) => {
  if (done % 100 === 0) console.error(`  ${done}/${cases.length}`);
});
console.log(summary(results, lib));
const jsonPath = option("--json");
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results, null, 1));
console.log(`wall time ${((performance.now() - started) / 1000).toFixed(0)} s; work dir ${work}`);
if (!args.includes("--keep")) rmSync(work, { recursive: true, force: true });
lib.dispose();
process.exitCode = results.some(failed) ? 1 : 0;
