// The run's diagnostics as stored in the model file (training.diagnostics): the health warnings,
// the weight histograms and at most MAX_RECORDS gradientFlow records (evenly thinned, first and
// last kept), numbers to 4 significant digits, non-finite ones as null (JSON has no NaN).
import type { JsonObject } from "../../io/strict-json.js";
import type { RunDiagnostics } from "./fit.js";

const MAX_RECORDS = 100;

export function diagnosticsRecord(d: RunDiagnostics): JsonObject {
  const { records } = d;
  const every = Math.max(1, Math.ceil(records.length / MAX_RECORDS));
  const kept = records.filter((_, i) => i % every === 0 || i === records.length - 1);
  return json({ records: kept, warnings: d.warnings, weightHistograms: d.weightHistograms });
}

function json(v: unknown): JsonObject {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === "number" ? (Number.isFinite(x) ? Number(x.toPrecision(4)) : null) : x,
    ),
  ) as JsonObject;
}
