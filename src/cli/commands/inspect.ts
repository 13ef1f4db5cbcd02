// `myelin inspect MODEL`: architecture (each layer with its output shape and parameter count),
// total parameters, task, labels, preprocessing and the training summary. --json for machines.
import { io, type nn } from "../../node/index.js";
import type { ModelMetadata } from "../../io/model.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { describeArchitecture } from "../architecture.js";
import { atMostOneModel, modelArgument } from "../model-argument.js";
import { fmt, printJson, type Io } from "../output.js";

const FLAGS = defineFlags({ ...COMMON_FLAGS });

const INSPECT_HELP = helpText(
  "myelin inspect MODEL [--json]",
  "Show a model file's architecture, parameter counts, task, labels, preprocessing and training summary.",
  FLAGS,
);

function inputWidth(model: nn.Module, meta: ModelMetadata): number | undefined {
  if (meta.featureNames) return meta.featureNames.length;
  const first = model.namedChildren()[0]?.[1] ?? model;
  const c = first.config();
  return typeof c.inFeatures === "number" ? c.inFeatures : undefined;
}

export async function runInspect(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "inspect");
  if (flags.help) {
    stdio.stdout(INSPECT_HELP);
    return 0;
  }
  atMostOneModel(positionals, "inspect");
  const path = modelArgument(positionals, "inspect", stdio.cwd);
  const { model, meta } = await io.load(path);
  const d = inputWidth(model, meta);
  const layers = describeArchitecture(model, d);
  const summary = {
    ok: true,
    command: "inspect",
    model: positionals[0],
    input: ["N", d ?? "?"],
    layers,
    totalParameters: model.parameterCount(),
    task: meta.task ?? null,
    labelNames: meta.labelNames ?? null,
    featureNames: meta.featureNames ?? null,
    target: meta.target ?? null,
    loss: meta.loss ?? null,
    preprocessing: meta.preprocessing ?? null,
    training: meta.training ?? null,
  };
  if (flags.json) {
    printJson(stdio, summary);
    return 0;
  }
  const out: string[] = [`Model ${positionals[0]}`, "", `Input        [N, ${d ?? "?"}]`];
  for (const l of layers) {
    const cfg = Object.entries(l.config)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(" ");
    out.push(
      `${String(l.index).padStart(3)}  ${l.type.padEnd(12)} → [${l.outputShape.join(", ")}]`.padEnd(
        40,
      ) + `${String(l.parameters).padStart(9)} params  ${cfg}`,
    );
  }
  out.push(`Total parameters: ${summary.totalParameters}`, "");
  out.push(`Task:          ${meta.task ?? "unknown"} (loss ${meta.loss ?? "unknown"})`);
  if (meta.labelNames) out.push(`Labels:        ${meta.labelNames.join(", ")}`);
  if (meta.featureNames) out.push(`Features:      ${abbreviate(meta.featureNames)}`);
  if (meta.target) out.push(`Target:        ${meta.target}`);
  out.push(`Preprocessing: ${describePreprocessing(meta.preprocessing)}`);
  out.push(...describeTraining(meta.training));
  stdio.stdout(out.join("\n") + "\n");
  return 0;
}

function abbreviate(names: string[]): string {
  return names.length <= 8
    ? names.join(", ")
    : `${names.slice(0, 6).join(", ")}, … (${names.length} columns)`;
}

function describePreprocessing(p: unknown): string {
  if (p === null || p === undefined) return "none";
  const o = p as { kind?: string; mean?: number[]; std?: number[]; min?: number[] };
  const cols = o.mean?.length ?? o.min?.length;
  return `${o.kind ?? "unknown"}${cols !== undefined ? ` over ${cols} columns (fitted on training rows)` : ""}`;
}

function describeTraining(t: unknown): string[] {
  if (t === null || typeof t !== "object") return ["Training:      no summary"];
  const o = t as Record<string, unknown>;
  const metrics = (o.finalMetrics ?? {}) as Record<string, number>;
  const shown = Object.entries(metrics)
    .filter(([k]) => /^(train|test|validation)\.(accuracy|loss|r2|mae)$/.test(k))
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(" · ");
  return [
    `Training:      ${String(o.epochsRun ?? "?")} epochs on ${String(o.dataSource ?? "?")}, seed ${String(o.seed ?? "?")}, ${String(o.date ?? "")}`,
    `Final metrics: ${shown || "none"}`,
  ];
}
