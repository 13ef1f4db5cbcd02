// Typed errors of the model-file container (src/io) and of the Node file helpers (src/node/io).
// Parsing never throws anything else: every rejection is a ModelFormatError with a reason code.
import { MyelinError, ValueError } from "../errors.js";

/**
 * Why a model file was rejected. Stable strings, safe to switch on; the message adds details
 * (byte offsets, names, values). See src/io/FORMAT.md for the rule behind each code.
 */
export type ModelFormatReason =
  | "too-small"
  | "bad-magic"
  | "unsupported-version"
  | "header-too-large"
  | "header-truncated"
  | "bad-padding"
  | "bad-utf8"
  | "bad-json"
  | "json-too-deep"
  | "duplicate-key"
  | "forbidden-key"
  | "bad-header"
  | "bad-value"
  | "too-many-tensors"
  | "bad-tensor-name"
  | "duplicate-tensor-name"
  | "bad-tensor-entry"
  | "bad-dtype"
  | "bad-shape"
  | "too-many-elements"
  | "bad-byte-length"
  | "tensor-too-large"
  | "bad-offset"
  | "misaligned-offset"
  | "out-of-bounds"
  | "overlapping-tensors"
  | "gap-in-data"
  | "trailing-bytes"
  | "checksum-mismatch"
  | "bad-metadata";

/** A model file (or a model about to be encoded) that breaks the container format. */
export class ModelFormatError extends MyelinError {
  /** "ModelFormatError", as `err.name` and stack traces show it. */
  override name = "ModelFormatError";
  /** Machine-readable code of the defect, also shown in brackets at the message's end. */
  readonly reason: ModelFormatReason;

  constructor(reason: ModelFormatReason, message: string) {
    super(`${message} [${reason}]`);
    this.reason = reason;
  }
}

/**
 * The writer refused a value (NaN, a function, a cycle, a bad tensor name, a limit exceeded):
 * nothing is wrong with any file — the data given to save is. `path` is the JSON path of the
 * refused value (`meta.training.finalMetrics["test.loss"]`, `header.a[1]`), or "tensors" for a
 * tensor problem; `reason` is the code the reader would have used for the same defect.
 */
export class ModelEncodeError extends ValueError {
  /** "ModelEncodeError", as `err.name` and stack traces show it. */
  override name = "ModelEncodeError";
  /** The code the reader would give the same defect. */
  readonly reason: ModelFormatReason;
  /** JSON path of the refused value, or "tensors". */
  readonly path: string;

  constructor(reason: ModelFormatReason, path: string, message: string) {
    super(`${message} [${reason}]`);
    this.reason = reason;
    this.path = path;
  }
}

/**
 * A version-2 file whose stored CRC-32C differs from the bytes': the file was damaged after it
 * was written (a flipped bit, a truncated copy, an edit). `part` says which checksum failed.
 */
export class ChecksumMismatchError extends ModelFormatError {
  /** "ChecksumMismatchError", as `err.name` and stack traces show it. */
  override name = "ChecksumMismatchError";
  /** Which checksum failed: the header's or the tensor data's. */
  readonly part: "header" | "data";
  /** CRC-32C stored in the file. */
  readonly expected: number;
  /** CRC-32C of the bytes as read. */
  readonly actual: number;

  constructor(part: "header" | "data", expected: number, actual: number, covered: string) {
    const hex = (v: number): string => `0x${v.toString(16).padStart(8, "0")}`;
    super(
      "checksum-mismatch",
      `${part} checksum mismatch: the file stores CRC-32C ${hex(expected)} but ${covered} give ${hex(actual)}; the file is damaged`,
    );
    this.part = part;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The step of an atomic write that failed (or that a fault hook fired after). */
export type IoStep =
  | "open"
  | "write"
  | "fsync"
  | "close"
  | "rename"
  | "link"
  | "fsync-dir"
  | "readdir"
  | "unlink"
  | "stat"
  | "read";

/**
 * A file-system operation that failed. `code` is the OS error code ("ENOSPC", "EACCES", …) when
 * there is one; `path` is the file the caller asked for (not the temp file).
 */
export class IoError extends MyelinError {
  /** "IoError", as `err.name` and stack traces show it. */
  override name = "IoError";
  /** The file the caller asked for (not the temp file). */
  readonly path: string;
  /** OS error code ("ENOSPC", "EACCES", …), when there is one. */
  readonly code: string | undefined;
  /** The file-system step that failed. */
  readonly step: IoStep;

  constructor(
    path: string,
    step: IoStep,
    code: string | undefined,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.path = path;
    this.step = step;
    this.code = code;
  }
}
