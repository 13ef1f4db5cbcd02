// Typed errors of ONNX import and export. Reading an .onnx file never throws anything else:
// every rejection is an OnnxError with a stable reason code (UnsupportedOnnxOpError for an op,
// attribute or pattern Myelin cannot map); a model that cannot be exported is an OnnxExportError.
import { MyelinError, ValueError } from "../../errors.js";

/** Why an .onnx file was rejected. Stable strings, safe to switch on. */
export type OnnxReason =
  | "too-large"
  | "bad-protobuf"
  | "bad-model"
  | "unsupported-opset"
  | "bad-graph"
  | "bad-tensor"
  | "bad-dtype"
  | "bad-shape"
  | "too-many-elements"
  | "missing-initializer"
  | "external-data"
  | "unsupported-op";

/** An .onnx file that is not valid, not safe, or not a model Myelin can represent. */
export class OnnxError extends MyelinError {
  /** "OnnxError", as `err.name` and stack traces show it. */
  override name = "OnnxError";
  /** Machine-readable code of the defect, also shown in brackets at the message's end. */
  readonly reason: OnnxReason;

  constructor(reason: OnnxReason, message: string) {
    super(`ONNX: ${message} [${reason}]`);
    this.reason = reason;
  }
}

/**
 * The first node (in graph order) that import cannot map to a Myelin layer: its op type, its
 * node name and the default-domain opset the file declares. `detail` says what is wrong when the
 * op is known but an attribute or the way it is wired is not supported.
 */
export class UnsupportedOnnxOpError extends OnnxError {
  /** "UnsupportedOnnxOpError", as `err.name` and stack traces show it. */
  override name = "UnsupportedOnnxOpError";

  constructor(
    /** The node's op type ("Conv", "LSTM", …). */
    readonly opType: string,
    /** The node's name in the graph. */
    readonly nodeName: string,
    /** The default-domain opset the file declares. */
    readonly opset: number,
    detail?: string,
  ) {
    super(
      "unsupported-op",
      `node ${JSON.stringify(nodeName)} (op ${JSON.stringify(opType)}, opset ${opset}): ${detail ?? "op not supported by Myelin's importer"}`,
    );
  }
}

/** A model (or option) that ONNX export cannot write: the message names the layer and why. */
export class OnnxExportError extends ValueError {
  /** "OnnxExportError", as `err.name` and stack traces show it. */
  override name = "OnnxExportError";
}
