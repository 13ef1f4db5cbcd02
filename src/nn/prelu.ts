// PReLU, the activation layer with a parameter: leaky ReLU whose negative slope is learnt, one
// for all channels or one per channel (torch.nn.PReLU). The formula lives in activations/
// (prelu); this file holds the parameter, its init and its model-file config.
import { ValueError } from "../errors.js";
import { PRELU_INIT, prelu, preluActivation } from "../activations/rectifiers.js";
import { full } from "../tensor/create.js";
import { checkDType, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { readCount, readNumber, type LayerConfig } from "./config.js";
import { Module } from "./module.js";

/** Options of {@link PReLU}. */
export interface PReLUOptions {
  /** Number of slopes: 1 (default, shared) or C, one per channel of x: [N, C, *]. */
  numParameters?: number;
  /** Initial value of every slope (default 0.25). */
  init?: number;
  /** Parameter dtype (default "float32"). */
  dtype?: DType;
}

/**
 * y = x if x > 0, else a·x, with a learnt (torch.nn.PReLU).
 *
 *   forward   y = max(0, x) + a·min(0, x)    x: [N, C, *] (or any shape with one slope) → same
 *   backward  dx = dY·(1 if x > 0 else a)
 *             da = Σ dY·x over the elements a applies to, where x ≤ 0     → [numParameters]
 * (derivation with activations.prelu). With numParameters = C the channel axis is 1, as in
 * PyTorch; an input of rank < 2 has one channel. PyTorch advises no weight decay on a.
 *
 *   const act = new PReLU({ numParameters: 16 });   // weight: [16], all 0.25
 *   act.forward(tensor([[-2, 1, …]]));               // [1, 16]
 */
export class PReLU extends Module {
  static readonly typeName = "PReLU";
  /** The row in src/activations/ this layer applies (with its own learnt slope). */
  static readonly activation = preluActivation;
  /** Stored in the layer's dtype (a loader reads the dtype from it). */
  static readonly dtypeState = ["weight"] as const;
  readonly typeName = PReLU.typeName;
  readonly numParameters: number;
  readonly init: number;
  /** a: [numParameters]. */
  readonly weight: Tensor;

  constructor(options: PReLUOptions = {}) {
    super();
    const numParameters = options.numParameters ?? 1;
    const init = options.init ?? PRELU_INIT;
    if (!Number.isInteger(numParameters) || numParameters < 1) {
      throw new ValueError(`PReLU: numParameters must be an integer ≥ 1, got ${numParameters}`);
    }
    if (typeof init !== "number" || !Number.isFinite(init)) {
      throw new ValueError(`PReLU: init must be a finite number, got ${String(init)}`);
    }
    const dtype = checkDType(options.dtype ?? "float32", "PReLU");
    this.numParameters = numParameters;
    this.init = init;
    this.weight = this.registerParameter("weight", full([numParameters], init, { dtype }));
  }

  forward(x: Tensor): Tensor {
    return prelu(x, this.weight);
  }

  /** The constructor's options; the learnt slopes are state ("weight"), saved with the model. */
  override config(): { numParameters: number; init: number } {
    return { numParameters: this.numParameters, init: this.init };
  }

  /** Numbers a config's weight holds: numParameters. */
  static elements(config: LayerConfig): number {
    return readCount(config, "numParameters", "PReLU");
  }

  /** Rebuild from a model file's config (numParameters in [1, 2²⁴], init finite). */
  static fromConfig(config: LayerConfig, _children: Module[], dtype?: DType): PReLU {
    return new PReLU({
      numParameters: readCount(config, "numParameters", "PReLU"),
      init: readNumber(config, "init", "PReLU", PRELU_INIT),
      dtype,
    });
  }
}
