// Function forms of every tensor op (the Tensor methods delegate to these).
export {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  where,
} from "./elementwise.js";
export {
  neg,
  exp,
  log,
  log1p,
  sqrt,
  square,
  abs,
  sign,
  tanh,
  sigmoid,
  relu,
  clamp,
  unaryOp,
} from "./unary.js";
export { matmul, matmulT } from "./matmul.js";
export { sum, mean, max, min, argmax, argmin } from "./reduce.js";
export { logSumExp } from "./softmax.js";
export {
  reshape,
  permute,
  transpose,
  expand,
  unsqueeze,
  squeeze,
  slice,
  concat,
  stack,
} from "./movement.js";
export { indexSelect, gather, type IndexLike } from "./gather.js";
export { cast } from "./cast.js";
