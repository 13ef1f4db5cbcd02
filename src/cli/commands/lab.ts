// `myelin lab [NAME] [--quick] [--json] [--seed N] [--out FILE.html]`: without NAME, list the
// labs; with it, run that experiment and print its claim, conditions, tables and verdicts (or the
// LabResult as JSON), and write its plots as one HTML page with the same path checks and atomic
// writer as every other output.
import { io } from "../../node/index.js";
import { EXPERIMENTS } from "../../lab/experiments/index.js";
import { resultHtml, resultText } from "../../lab/render.js";
import { closest, COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { printJson, UsageError, type Io } from "../output.js";
import { checkOutputPath } from "../safe-path.js";
import { removeStaleTemps } from "../stale-temp-cleanup.js";
import { terminalSafe } from "../terminal-text.js";

const FLAGS = defineFlags({
  quick: { type: "boolean", help: "a smaller run (under 10 s)" },
  seed: { type: "int", value: "N", default: 1, min: 0, help: "seed of every random draw" },
  out: { type: "string", value: "FILE.html", help: "write the tables and plots as an HTML page" },
  overwrite: { type: "boolean", help: "replace an existing --out file" },
  ...COMMON_FLAGS,
});

const LAB_HELP = helpText(
  "myelin lab [NAME] [--quick] [--json] [--seed N] [--out FILE.html]",
  "Measure one of the article's claims: each lab states the claim and its conditions, runs with a fixed seed, prints tables and ends with verdicts from its own numbers. Without NAME, list the labs.",
  FLAGS,
);

export async function runLab(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "lab");
  if (flags.help) {
    stdio.stdout(LAB_HELP);
    return 0;
  }
  const names = EXPERIMENTS.map((e) => e.name);
  if (positionals.length === 0) {
    if (flags.json)
      printJson(stdio, {
        ok: true,
        command: "lab",
        labs: EXPERIMENTS.map((e) => ({ name: e.name, summary: e.summary })),
      });
    else {
      const width = Math.max(...names.map((n) => n.length));
      stdio.stdout(
        `Labs (run \`myelin lab NAME [--quick]\`):\n${EXPERIMENTS.map((e) => `  ${e.name.padEnd(width)}  ${e.summary}`).join("\n")}\n`,
      );
    }
    return 0;
  }
  if (positionals.length > 1) {
    throw new UsageError(`one lab at a time, got ${positionals.length} names`, "lab");
  }
  const name = positionals[0];
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  if (experiment === undefined) {
    const hint = closest(name, names);
    throw new UsageError(
      `unknown lab ${terminalSafe(JSON.stringify(name), 60)}${hint ? ` (did you mean ${hint}?)` : ""}; labs: ${names.join(", ")}`,
      "lab",
    );
  }
  const outPath =
    flags.out === undefined
      ? null
      : checkOutputPath(flags.out, stdio.cwd, {
          flag: "--out",
          command: "lab",
          overwrite: Boolean(flags.overwrite),
        });
  if (outPath) await removeStaleTemps([outPath], stdio, "lab");
  const result = await experiment.run({ quick: Boolean(flags.quick), seed: flags.seed });
  if (outPath) {
    await io.writeFileAtomic(outPath, new TextEncoder().encode(resultHtml(result)), {
      exclusive: flags.overwrite !== true,
    });
  }
  if (flags.json) printJson(stdio, { ok: true, command: "lab", ...result });
  else {
    stdio.stdout(resultText(result));
    if (outPath) stdio.stderr(`myelin lab: wrote ${terminalSafe(String(flags.out))}\n`);
  }
  return 0;
}
