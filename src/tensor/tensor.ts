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

export type TensorLike = Tensor | number;
export type Axis = number | readonly number[];
export type NestedArray = number | NestedArray[];

export class Tensor {
  /** Row-major element storage; length equals the product of `shape`. */
  readonly data: Storage;
  readonly shape: Shape;
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

  get ndim(): number {
    return this.shape.length;
  }

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
  add(other: TensorLike): Tensor {
    return elementwise.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return elementwise.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return elementwise.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return elementwise.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return elementwise.pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return elementwise.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return elementwise.minimum(this, other);
  }
  eq(other: TensorLike): Tensor {
    return elementwise.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return elementwise.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return elementwise.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return elementwise.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return elementwise.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return elementwise.ge(this, other);
  }
  /** where(this ≠ 0, a, b): elementwise choice with this tensor as the condition. */
  where(a: TensorLike, b: TensorLike): Tensor {
    return elementwise.where(this, a, b);
  }

  // ---- unary ------------------------------------------------------------------------------
  neg(): Tensor {
    return unary.neg(this);
  }
  exp(): Tensor {
    return unary.exp(this);
  }
  log(): Tensor {
    return unary.log(this);
  }
  log1p(): Tensor {
    return unary.log1p(this);
  }
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  square(): Tensor {
    return unary.square(this);
  }
  abs(): Tensor {
    return unary.abs(this);
  }
  sign(): Tensor {
    return unary.sign(this);
  }
  tanh(): Tensor {
    return unary.tanh(this);
  }
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  relu(): Tensor {
    return unary.relu(this);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return unary.clamp(this, min, max);
  }

  // ---- linear algebra ---------------------------------------------------------------------
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }

  // ---- reductions -------------------------------------------------------------------------
  sum(axis?: Axis, keepDims = false): Tensor {
    return reduce.sum(this, axis, keepDims);
  }
  mean(axis?: Axis, keepDims = false): Tensor {
    return reduce.mean(this, axis, keepDims);
  }
  max(axis?: number, keepDims = false): Tensor {
    return reduce.max(this, axis, keepDims);
  }
  min(axis?: number, keepDims = false): Tensor {
    return reduce.min(this, axis, keepDims);
  }
  argmax(axis?: number, keepDims = false): Tensor {
    return reduce.argmax(this, axis, keepDims);
  }
  argmin(axis?: number, keepDims = false): Tensor {
    return reduce.argmin(this, axis, keepDims);
  }
  logSumExp(axis: number, keepDims = false): Tensor {
    return logSumExp(this, axis, keepDims);
  }

  // ---- movement ---------------------------------------------------------------------------
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as readonly number[];
    return movement.reshape(this, s);
  }
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
  permute(...axes: number[]): Tensor {
    return movement.permute(this, axes);
  }
  expand(shape: readonly number[]): Tensor {
    return movement.expand(this, shape);
  }
  unsqueeze(axis: number): Tensor {
    return movement.unsqueeze(this, axis);
  }
  squeeze(axis?: number): Tensor {
    return movement.squeeze(this, axis);
  }
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
