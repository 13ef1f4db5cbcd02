// The Tensor: a dense, row-major block of float32 or float64 numbers with a shape, plus the
// autograd bookkeeping (requiresGrad, grad, the node that produced it). Tensors are immutable
// from the public API's point of view; only optimizers write into parameter data, under noGrad.
// Every op is available as a method here and as a function in ops/ (the methods delegate).
import { backward as runBackward, type GradNode } from "../autograd/graph.js";
import { GradError, ShapeError, fmtShape } from "../errors.js";
import type { DType, Storage } from "./dtype.js";
import { allocStorage, storageDType } from "./dtype.js";
import { sameShape, sizeOf, type Shape } from "./shape.js";
import { formatTensor } from "./format.js";
import * as elementwise from "../ops/elementwise.js";
import * as unary from "../ops/unary.js";
import * as reduce from "../ops/reduce.js";
import { logSumExp } from "../ops/softmax.js";
import * as movement from "../ops/movement.js";
import * as gatherOps from "../ops/gather.js";
import { matmul } from "../ops/matmul.js";
import { cast } from "../ops/cast.js";

/** A tensor or a plain number (broadcast as a scalar) — what elementwise ops accept. */
export type TensorLike = Tensor | number;
/** One axis or several; negative axes count from the end (−1 is the last). */
export type Axis = number | readonly number[];
/**
 * A number or arbitrarily nested arrays of numbers, as `tensor()` takes and `toArray()` returns.
 */
export type NestedArray = number | NestedArray[];

/**
 * A dense row-major n-dimensional array of float32 or float64 numbers, with reverse-mode
 * autodiff: ops on tensors with `requiresGrad` record a graph and `backward()` fills `.grad`.
 * Every op is a method here and a function at the package root (`x.add(y)` = `add(x, y)`).
 */
export class Tensor {
  /** Row-major element storage; length equals the product of `shape`. */
  readonly data: Storage;
  /** Size of each axis, outermost first ([N, D] for a batch of N rows of D features). */
  readonly shape: Shape;
  /** Element type of `data`: "float32" (the default) or "float64". */
  readonly dtype: DType;
  /** When true, ops on this tensor record a graph and backward() fills `.grad`. */
  requiresGrad: boolean;
  /** Accumulated ∂L/∂(this), same shape and dtype; null until a backward pass reaches it. */
  grad: Tensor | null = null;
  /** The op that produced this tensor (null for leaves). @internal */
  node: GradNode | null;
  /** Gradient waiting in a running backward pass (autograd/graph.ts). @internal */
  pendingGrad: Tensor | null = null;
  /** True when pendingGrad is referenced by nothing else (it may become .grad as is). @internal */
  pendingOwned = false;
  /** Stamp of the last topological sort that reached this tensor. @internal */
  visitMark = 0;

  constructor(data: Storage, shape: Shape, requiresGrad = false, node: GradNode | null = null) {
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError(
        `Tensor: data has ${data.length} elements but shape ${fmtShape(shape)} needs ${sizeOf(shape)}`,
      );
    }
    this.data = data;
    this.shape = shape;
    this.dtype = storageDType(data);
    this.requiresGrad = requiresGrad;
    this.node = node;
  }

  /** Number of axes: `shape.length` (0 for a scalar). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements: the product of `shape`. */
  get size(): number {
    return this.data.length;
  }

  /** True for tensors created by the user (not produced by a recorded op). */
  get isLeaf(): boolean {
    return this.node === null;
  }

  // ---- conversion -------------------------------------------------------------------------

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        `item: tensor of shape ${fmtShape(this.shape)} has ${this.size} elements, not 1`,
      );
    }
    return this.data[0];
  }

  /** Nested arrays in row-major order; a plain number for a rank-0 tensor. */
  toArray(): NestedArray {
    if (this.ndim === 0) return this.data[0];
    const build = (axis: number, offset: number, stride: number): NestedArray[] => {
      const n = this.shape[axis];
      const inner = stride / Math.max(n, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) {
        out.push(
          axis === this.ndim - 1
            ? this.data[offset + i]
            : build(axis + 1, offset + i * inner, inner),
        );
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  /** The values as nested brackets, PyTorch style; an axis longer than 8 shows 3 + "..." + 3. */
  toString(): string {
    return formatTensor(this);
  }

  /** A copy that shares no storage and records no graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape.slice());
  }

  /** Same data, cut from the graph: gradients stop here. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** Convert to another dtype (differentiable). */
  to(dtype: DType): Tensor {
    return cast(this, dtype);
  }

  // ---- autograd ---------------------------------------------------------------------------

  /** Backpropagate from this tensor: scalar, or any shape with an upstream gradient of the same shape. */
  backward(grad?: Tensor): void {
    runBackward(this, grad);
  }

  /** Add `g` into `.grad` (a fresh buffer the first time, so grads never alias other tensors). @internal */
  accumulateGrad(g: Tensor): void {
    if (!sameShape(g.shape, this.shape)) {
      throw new GradError(
        `internal: gradient of shape ${fmtShape(g.shape)} for a tensor of shape ${fmtShape(this.shape)}`,
      );
    }
    if (this.grad === null) {
      const buf = allocStorage(this.dtype, this.size);
      buf.set(g.data);
      this.grad = new Tensor(buf, this.shape);
      return;
    }
    const acc = this.grad.data;
    const src = g.data;
    for (let i = 0; i < acc.length; i++) acc[i] += src[i];
  }

  /**
   * Take `g` itself as `.grad` when there is none yet and it fits (same shape and dtype);
   * otherwise add it in. Only for gradients nothing else references. @internal
   */
  adoptGrad(g: Tensor): void {
    if (
      this.grad === null &&
      g.dtype === this.dtype &&
      g.node === null &&
      sameShape(g.shape, this.shape)
    ) {
      this.grad = g.requiresGrad ? new Tensor(g.data, this.shape) : g;
      return;
    }
    this.accumulateGrad(g);
  }

  /** @internal ones of the same shape and dtype, outside any graph. */
  onesLikeDetached(): Tensor {
    const buf = allocStorage(this.dtype, this.size);
    buf.fill(1);
    return new Tensor(buf, this.shape);
  }

  // ---- elementwise (broadcasting) ---------------------------------------------------------
  /** this + other, broadcasting; ∂/∂this = 1, ∂/∂other = 1 (summed over broadcast axes). */
  add(other: TensorLike): Tensor {
    return elementwise.add(this, other);
  }
  /** this − other, broadcasting; ∂/∂this = 1, ∂/∂other = −1. */
  sub(other: TensorLike): Tensor {
    return elementwise.sub(this, other);
  }
  /** this · other elementwise, broadcasting; ∂/∂this = other, ∂/∂other = this. */
  mul(other: TensorLike): Tensor {
    return elementwise.mul(this, other);
  }
  /** this / other elementwise, broadcasting; ∂/∂this = 1/other, ∂/∂other = −this/other². */
  div(other: TensorLike): Tensor {
    return elementwise.div(this, other);
  }
  /** thisᵉ elementwise, broadcasting; ∂/∂this = e·thisᵉ⁻¹, ∂/∂e = thisᵉ·ln(this). */
  pow(exponent: TensorLike): Tensor {
    return elementwise.pow(this, exponent);
  }
  /** max(this, other) elementwise; the gradient goes to the larger input (split on ties). */
  maximum(other: TensorLike): Tensor {
    return elementwise.maximum(this, other);
  }
  /** min(this, other) elementwise; the gradient goes to the smaller input (split on ties). */
  minimum(other: TensorLike): Tensor {
    return elementwise.minimum(this, other);
  }
  /** 1 where this = other, else 0 (no gradient). */
  eq(other: TensorLike): Tensor {
    return elementwise.eq(this, other);
  }
  /** 1 where this ≠ other, else 0 (no gradient). */
  ne(other: TensorLike): Tensor {
    return elementwise.ne(this, other);
  }
  /** 1 where this < other, else 0 (no gradient). */
  lt(other: TensorLike): Tensor {
    return elementwise.lt(this, other);
  }
  /** 1 where this ≤ other, else 0 (no gradient). */
  le(other: TensorLike): Tensor {
    return elementwise.le(this, other);
  }
  /** 1 where this > other, else 0 (no gradient). */
  gt(other: TensorLike): Tensor {
    return elementwise.gt(this, other);
  }
  /** 1 where this ≥ other, else 0 (no gradient). */
  ge(other: TensorLike): Tensor {
    return elementwise.ge(this, other);
  }
  /** where(this ≠ 0, a, b): elementwise choice with this tensor as the condition. */
  where(a: TensorLike, b: TensorLike): Tensor {
    return elementwise.where(this, a, b);
  }

  // ---- unary ------------------------------------------------------------------------------
  /** −x; ∂/∂x = −1. */
  neg(): Tensor {
    return unary.neg(this);
  }
  /** eˣ; ∂/∂x = eˣ. */
  exp(): Tensor {
    return unary.exp(this);
  }
  /** ln x (x > 0); ∂/∂x = 1/x. */
  log(): Tensor {
    return unary.log(this);
  }
  /** ln(1 + x), accurate for small x; ∂/∂x = 1/(1 + x). */
  log1p(): Tensor {
    return unary.log1p(this);
  }
  /** √x; ∂/∂x = 1/(2√x). */
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  /** x²; ∂/∂x = 2x. */
  square(): Tensor {
    return unary.square(this);
  }
  /** |x|; ∂/∂x = sign(x). */
  abs(): Tensor {
    return unary.abs(this);
  }
  /** sign(x) ∈ {−1, 0, 1} (no gradient: the derivative is 0 almost everywhere). */
  sign(): Tensor {
    return unary.sign(this);
  }
  /** tanh x; ∂/∂x = 1 − tanh²x. */
  tanh(): Tensor {
    return unary.tanh(this);
  }
  /** σ(x) = 1/(1 + e⁻ˣ); ∂/∂x = σ(x)(1 − σ(x)). */
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  /** max(0, x); ∂/∂x = 1 for x > 0, else 0. */
  relu(): Tensor {
    return unary.relu(this);
  }
  /**
   * x limited to [min, max] (null or undefined: no bound on that side); ∂/∂x = 1 inside, 0 outside.
   */
  clamp(min?: number | null, max?: number | null): Tensor {
    return unary.clamp(this, min, max);
  }

  // ---- linear algebra ---------------------------------------------------------------------
  /** Matrix product this·other: [n, k]·[k, m] → [n, m]; leading batch axes broadcast. */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }

  // ---- reductions -------------------------------------------------------------------------
  /** Σ over `axis` (all axes when omitted); `keepDims` keeps reduced axes as size 1. */
  sum(axis?: Axis, keepDims = false): Tensor {
    return reduce.sum(this, axis, keepDims);
  }
  /** Mean over `axis` (all axes when omitted); `keepDims` keeps reduced axes as size 1. */
  mean(axis?: Axis, keepDims = false): Tensor {
    return reduce.mean(this, axis, keepDims);
  }
  /** Largest value over `axis` (all elements when omitted); the gradient goes to the maximum. */
  max(axis?: number, keepDims = false): Tensor {
    return reduce.max(this, axis, keepDims);
  }
  /** Smallest value over `axis` (all elements when omitted); the gradient goes to the minimum. */
  min(axis?: number, keepDims = false): Tensor {
    return reduce.min(this, axis, keepDims);
  }
  /** Index of the largest value over `axis` (of the flattened tensor when omitted), as numbers. */
  argmax(axis?: number, keepDims = false): Tensor {
    return reduce.argmax(this, axis, keepDims);
  }
  /** Index of the smallest value over `axis` (of the flattened tensor when omitted), as numbers. */
  argmin(axis?: number, keepDims = false): Tensor {
    return reduce.argmin(this, axis, keepDims);
  }
  /**
   * log Σ exp(x) over `axis`, computed as m + log Σ exp(x − m) with m = max so exp never overflows.
   */
  logSumExp(axis: number, keepDims = false): Tensor {
    return logSumExp(this, axis, keepDims);
  }

  // ---- movement ---------------------------------------------------------------------------
  /** Same data in a new shape with the same element count; one size may be −1 (inferred). */
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as readonly number[];
    return movement.reshape(this, s);
  }
  /** Same data as one axis: [size]. */
  flatten(): Tensor {
    return movement.reshape(this, [this.size]);
  }
  /** Swap two axes (default: the last two). */
  transpose(axis0 = -2, axis1 = -1): Tensor {
    return movement.transpose(this, axis0, axis1);
  }
  /** Transpose of a 2-D tensor (shorthand for transpose()). */
  get T(): Tensor {
    return movement.transpose(this, -2, -1);
  }
  /** Reorder the axes: output axis i is input axis axes[i]. */
  permute(...axes: number[]): Tensor {
    return movement.permute(this, axes);
  }
  /** Broadcast size-1 axes to `shape` without copying; the gradient sums back over them. */
  expand(shape: readonly number[]): Tensor {
    return movement.expand(this, shape);
  }
  /** Insert an axis of size 1 at `axis`. */
  unsqueeze(axis: number): Tensor {
    return movement.unsqueeze(this, axis);
  }
  /** Drop the size-1 axis `axis`, or every size-1 axis when omitted. */
  squeeze(axis?: number): Tensor {
    return movement.squeeze(this, axis);
  }
  /**
   * Elements start ≤ i < end along `axis` (end defaults to the axis size; negatives count from the end).
   */
  slice(axis: number, start: number, end?: number): Tensor {
    return movement.slice(this, axis, start, end);
  }
  /** Select entries along `axis` by integer indices (rows by default). */
  indexSelect(indices: gatherOps.IndexLike, axis = 0): Tensor {
    return gatherOps.indexSelect(this, indices, axis);
  }
  /** torch.gather: out[i][j] = x[i][index[i][j]] along `axis`. */
  gather(axis: number, index: gatherOps.IndexLike | Tensor): Tensor {
    return gatherOps.gather(this, axis, index);
  }
}
