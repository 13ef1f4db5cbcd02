// The forward and backward pass of a captured Linear stack (train.captureStep), replayed over
// arrays allocated once: the same kernel calls, with the same sizes and in the same order, as the
// fused stack op (src/ops/linear-stack.ts), so every value is bit-identical to it — without
// tensors, graph nodes or allocation per step. Not here: which models qualify and what happens
// to the gradients (src/train/capture), the loss (loss-rows.ts).
import { kernels, type ActivationKind } from "../../backend/index.js";
import { allocStorage, type DType, type Storage } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";

/** One layer as the plan found it:  Y = f(X·Wᵀ + b),  X: [N, D] → Y: [N, H]. */
export interface ReplayLayer {
  W: Tensor;
  b: Tensor | null;
  D: number;
  H: number;
  kind: ActivationKind;
  slope: number;
}

/** Per-layer arrays for a fixed batch of N rows. */
interface LayerBuffers {
  /** Z = A_prev·Wᵀ + b  [N, H] */
  z: Storage;
  /** A = f(Z)  [N, H] (the same array as z for the identity) */
  y: Storage;
  /** ∂L/∂Z  [N, H] */
  dZ: Storage;
  /** ∂L/∂A_prev  [N, D] (unused on the first layer: the input needs no gradient) */
  dAPrev: Storage;
}

/** Receives each parameter's gradient as soon as it is final (W_k, then b_k, from the top). */
export type GradientSink = (p: Tensor, g: Storage) => void;

export class StackReplay {
  private readonly buffers: LayerBuffers[];
  /** ∂L/∂Y of the last layer: the loss writes it here. */
  readonly dOut: Storage;
  /** Where the weight and bias gradients are written (swappable for fresh arrays). */
  readonly dW: Storage[];
  readonly db: (Storage | null)[];

  constructor(
    readonly layers: readonly ReplayLayer[],
    readonly N: number,
    readonly dtype: DType,
  ) {
    this.buffers = layers.map(({ D, H, kind }) => {
      const z = allocStorage(dtype, N * H);
      return {
        z,
        y: kind === "identity" ? z : allocStorage(dtype, N * H),
        dZ: allocStorage(dtype, N * H),
        dAPrev: allocStorage(dtype, N * D),
      };
    });
    this.dOut = allocStorage(dtype, N * layers[layers.length - 1].H);
    this.dW = layers.map(({ D, H }) => allocStorage(dtype, H * D));
    this.db = layers.map(({ b, H }) => (b === null ? null : allocStorage(dtype, H)));
  }

  /** Features in and out: x is [N, inFeatures], the output [N, outFeatures]. */
  get inFeatures(): number {
    return this.layers[0].D;
  }

  get outFeatures(): number {
    return this.layers[this.layers.length - 1].H;
  }

  /**
   *   Z_k = A_{k−1}·W_kᵀ + b_k,  A_k = f_k(Z_k),  A₀ = X          X: [N, D₁] → A_L: [N, H_L]
   * Returns A_L (an array of the replay's own, overwritten by the next call).
   */
  forward(x: Storage): Storage {
    const N = this.N;
    let a = x;
    for (let k = 0; k < this.layers.length; k++) {
      const { W, b, D, H, kind, slope } = this.layers[k];
      const { z, y } = this.buffers[k];
      kernels.linearForward(a, 0, W.data, b === null ? null : b.data, z, 0, N, D, H);
      // identity: y is z (the fused op copies Z into Y; the values are the same)
      if (kind !== "identity") kernels.activate(kind, slope, z, 0, y, 0, N * H);
      a = y;
    }
    return a;
  }

  /**
   * From dOut = ∂L/∂A_L, for k = L … 1 (after the forward of the same x):
   *   dZ_k = dA_k ⊙ f_k′(Z_k)      dW_k = dZ_kᵀ·A_{k−1}      db_k = Σ_n dZ_k[n, :]
   *   dA_{k−1} = dZ_k·W_k  (with W_k as it was in the forward), then sink(W_k, dW_k), sink(b_k, db_k)
   * so a sink may update W_k at once: no later step reads it.
   */
  backward(x: Storage, sink: GradientSink): void {
    const N = this.N;
    let dA = this.dOut;
    for (let k = this.layers.length - 1; k >= 0; k--) {
      const { W, b, D, H, kind, slope } = this.layers[k];
      const { z, y, dZ: dZBuffer, dAPrev } = this.buffers[k];
      let dZ = dA;
      if (kind !== "identity") {
        kernels.activationGrad(kind, slope, dA, z, 0, y, 0, dZBuffer, N * H);
        dZ = dZBuffer;
      }
      const aPrev = k === 0 ? x : this.buffers[k - 1].y;
      const dW = this.dW[k];
      const db = this.db[k];
      kernels.linearParamGrads(dZ, aPrev, 0, dW, db, N, D, H);
      if (k > 0) kernels.linearInputGrad(dZ, W.data, dAPrev, N, D, H);
      sink(W, dW);
      if (b !== null && db !== null) sink(b, db);
      dA = dAPrev;
    }
  }
}
