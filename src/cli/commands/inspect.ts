// `myelin inspect MODEL`: architecture (each layer with its output shape and parameter count),
// total parameters, task, labels, preprocessing and the training summary. --json for machines.
import { io, type nn } from "../../node/index.js";
import type { ModelMetadata } from "../../io/model.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { describeArchitecture } from "../architecture.js";
import { foreignKindOf, inspectForeign } from "../inspect-foreign.js";
import { namesText, preprocessingText, trainingLines } from "../metadata-text.js";
import { atMostOneModel, modelArgument } from "../model-argument.js";
import { printJson, type Io } from "../output.js";
import { terminalSafe } from "../terminal-text.js";

const FLAGS = defineFlags({ ...COMMON_FLAGS });

const INSPECT_HELP = helpText(
  "myelin inspect MODEL|FILE.onnx|FILE.safetensors [--json]",
  "Show a model file's architecture, parameter counts, task, labels, preprocessing and training summary; for an .onnx file its opset, inputs, outputs, ops and initializers; for a .safetensors file its tensors and metadata.",
  FLAGS,
);

function inputWidth(model: nn.Module, meta: ModelMetadata): number | undefined {
  if (meta.featureNames) return meta.featureNames.length;
  const first = model.namedChildren()[0]?.[1] ?? model;
  const c = first.config();
  return typeof c.inFeatures === "number" ? c.inFeatures : undefined;
}

/**
 * "Optimizer:     adam, lr 0.01, batch size 16, up to 150 epochs; early stopping (patience 20)
 * kept epoch 37 of 58", from the stored hyper-parameters (free-form JSON: read defensively).
 */
function optimizerLine(training: ModelMetadata["training"]): string | undefined {
  const h = training?.hyperParameters;
  if (h === undefined) return undefined;
  const text = (v: unknown): string =>
    typeof v === "string" ? terminalSafe(v, 40) : typeof v === "number" ? String(v) : "?";
  const stopping = training?.earlyStopping;
  const patience = typeof h.patience === "number" ? h.patience : null;
  const epochs = `${patience !== null ? "up to " : ""}${text(h.epochs)} epochs`;
  const kept =
    stopping === undefined
      ? patience !== null
        ? `; early stopping (patience ${patience})`
        : "; no early stopping"
      : `; early stopping (patience ${stopping.patience}) kept epoch ${stopping.keptEpoch} of ${stopping.epochsRun}`;
  const why = "patience" in h ? kept : ""; // files from before early stopping say nothing about it
  return `Optimizer:     ${text(h.optimizer)}, lr ${text(h.lr)}, batch size ${text(h.batchSize)}, ${epochs}${why}`;
}

export async function runInspect(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "inspect");
  if (flags.help) {
    stdio.stdout(INSPECT_HELP);
    return 0;
  }
  atMostOneModel(positionals, "inspect");
  const path = modelArgument(positionals, "inspect", stdio.cwd);
  const foreign = foreignKindOf(path);
  if (foreign !== null)
    return inspectForeign(foreign, path, positionals[0], flags.json === true, stdio);
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
  // every name below may come from the file or the user: escaped for the terminal
  const out: string[] = [
    `Model ${terminalSafe(positionals[0])}`,
    "",
    `Input        [N, ${d ?? "?"}]`,
  ];
  for (const l of layers) {
    const cfg = Object.entries(l.config)
      .map(([k, v]) => terminalSafe(`${k}=${JSON.stringify(v)}`))
      .join(" ");
    out.push(
      `${String(l.index).padStart(3)}  ${l.type.padEnd(12)} → [${l.outputShape.join(", ")}]`.padEnd(
        40,
      ) + `${String(l.parameters).padStart(9)} params  ${cfg}`,
    );
  }
  out.push(`Total parameters: ${summary.totalParameters}`, "");
  const loss = meta.loss === undefined ? "unknown" : terminalSafe(meta.loss);
  out.push(`Task:          ${meta.task ?? "unknown"} (loss ${loss})`);
  if (meta.labelNames) out.push(`Labels:        ${namesText(meta.labelNames, 24)}`);
  if (meta.featureNames) out.push(`Features:      ${namesText(meta.featureNames, 8)}`);
  if (meta.target) out.push(`Target:        ${terminalSafe(meta.target)}`);
  out.push(`Preprocessing: ${preprocessingText(meta.preprocessing)}`);
  out.push(...trainingLines(meta.training));
  const optimizer = optimizerLine(meta.training);
  if (optimizer) out.push(optimizer);
  stdio.stdout(out.join("\n") + "\n");
  return 0;
}
