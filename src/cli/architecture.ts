// A model's layers as table rows (type, config, output shape, parameters), for `myelin inspect`
// and the training report. Reads the module tree only; prints nothing.
import type { nn } from "../node/index.js";

export interface LayerRow {
  index: number;
  type: string;
  config: Record<string, unknown>;
  /** Output shape with N for the batch axis, e.g. ["N", 16]. */
  outputShape: (string | number)[];
  parameters: number;
}

/** One row per layer of a Sequential (or the module itself), following the width through Linear layers. */
export function describeArchitecture(model: nn.Module, inFeatures?: number): LayerRow[] {
  const layers =
    model.namedChildren().length > 0 ? model.namedChildren().map(([, m]) => m) : [model];
  let width: number | undefined = inFeatures;
  return layers.map((layer, index) => {
    const config = layer.config();
    if (typeof config.outFeatures === "number") width = config.outFeatures;
    else if (width === undefined && typeof config.numFeatures === "number")
      width = config.numFeatures;
    return {
      index,
      type: layer.typeName,
      config,
      outputShape: ["N", width ?? "?"],
      parameters: layer.parameterCount(),
    };
  });
}
