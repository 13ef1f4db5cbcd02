// Dropout (torch.nn.Dropout): in training, zero each element with probability p and scale the
// survivors by 1/(1 − p) ("inverted" dropout), so eval mode is the identity. Not here: Dropout2d.
import { ValueError } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { globalRandom, type Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { readNumber, type LayerConfig } from "./config.js";
import { Module } from "./module.js";

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** Generator for the masks; the global one (see seed()) by default. */
  generator?: Random;
}

/**
 * Inverted dropout.
 *
 *   Shape     X: [*]  →  Y: same shape
 *   train     m_i = 1/(1 − p) with probability 1 − p, else 0  (fresh mask every call)
 *             y = x ⊙ m;   backward  dx = dY ⊙ m
 *   eval      y = x  (identity)
 * p = 0 returns x unchanged; p = 1 returns zeros. p outside [0, 1] → ValueError.
 * Default p = 0.5 (as PyTorch).
 */
export class Dropout extends Module {
  static readonly typeName = "Dropout";
  readonly typeName = Dropout.typeName;
  readonly p: number;
  private readonly generator: Random | undefined;

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super();
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new ValueError(`Dropout: probability p must be in [0, 1], got ${p}`);
    }
    this.p = p;
    this.generator = options.generator;
  }

  forward(x: Tensor): Tensor {
    if (!this.isTraining || this.p === 0) return x;
    const g = this.generator ?? globalRandom;
    const keep = 1 - this.p;
    const scale = keep > 0 ? 1 / keep : 0;
    const mask = allocStorage(x.dtype, x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = g.uniform() < keep ? scale : 0;
    // backward comes from autograd through mul: dx = dY ⊙ m
    return x.mul(new Tensor(mask, x.shape.slice()));
  }

  override config(): Record<string, unknown> {
    return { p: this.p };
  }

  /** Rebuild from a model file's config (p a finite number, default 0.5). */
  static fromConfig(config: LayerConfig): Dropout {
    return new Dropout(readNumber(config, "p", "Dropout", 0.5));
  }
}
