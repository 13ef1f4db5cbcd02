// dtype conversion. y = x in another precision;  dx = dY converted back to x's dtype.
import { allocStorage, checkDType, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { result } from "./define.js";

/**
 * y = x converted to `dtypeIn` (x itself when already of that dtype); ∂L/∂x = ∂L/∂y converted back.
 */
export function cast(x: Tensor, dtypeIn: DType): Tensor {
  const dtype = checkDType(dtypeIn, "to");
  if (dtype === x.dtype) return x;
  const out = allocStorage(dtype, x.size);
  out.set(x.data);
  return result("cast", out, x.shape, [x], (dY) => [cast(dY, x.dtype)]);
}
