// A fused log-softmax over the last axis of [M, C] rows, for crossEntropy. Internal to losses:
// composing x − logSumExp(x) rounds the log-sum-exp to the dtype at the logits' magnitude
// (float32 at |x| = 1e4 keeps ~1e-3), which breaks Σ_c softmax = 1; here every row is computed
// relative to its max in float64 arithmetic and stored once.
import { result } from "../ops/define.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

/**
 * logp_{n,c} = (x_{n,c} − m_n) − ln Σ_k e^(x_{n,k} − m_n),   m_n = max_k x_{n,k}
 * (log-sum-exp: subtracting m_n first means exp never overflows)
 * backward: dx_{n,c} = dY_{n,c} − softmax_{n,c} · Σ_k dY_{n,k},  softmax = e^(logp)
 *
 * Shapes: x [M, C] → logp [M, C]. A row of all −∞ gives NaN (no class has probability).
 */
export function logSoftmaxRows(x: Tensor): Tensor {
  const [M, C] = x.shape;
  const out = allocStorage(x.dtype, x.size);
  const d = x.data;
  for (let n = 0; n < M; n++) {
    const row = n * C;
    let m = -Infinity;
    for (let c = 0; c < C; c++) m = Math.max(m, d[row + c]);
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(d[row + c] - m);
    const logS = Math.log(s);
    for (let c = 0; c < C; c++) out[row + c] = d[row + c] - m - logS;
  }
  const y: Tensor = result("logSoftmax", out, x.shape, [x], (dY) => {
    const dx = allocStorage(dY.dtype, x.size);
    for (let n = 0; n < M; n++) {
      const row = n * C;
      let sum = 0;
      for (let c = 0; c < C; c++) sum += dY.data[row + c];
      for (let c = 0; c < C; c++) dx[row + c] = dY.data[row + c] - Math.exp(y.data[row + c]) * sum;
    }
    return [new Tensor(dx, x.shape)];
  });
  return y;
}
