// The backend's kernels besides matmul, on raw pointers (float or double), with the formulas of
// src/backend/backend.ts. Each is compiled for the baseline ISA plus AVX2 and AVX-512 clones that
// the dynamic loader picks for this CPU (kernels.cc). Not here: reading JS arguments (args.h),
// BLAS (blas.cc).
#pragma once
#include <cstdint>

namespace myelin {

// Codes shared with src/node/native/codes.ts.
enum class Act : int { identity = 0, relu = 1, tanh = 2, sigmoid = 3, leakyRelu = 4 };
enum class Unary : int { exp = 0, tanh = 1, sigmoid = 2, relu = 3 };
enum class Binary : int { add = 0, sub = 1, mul = 2, div = 3 };

/** out[r, c] = f(x[r, c] + bias[c]) (bias may be null); out may be x. */
template <typename T>
void biasActivation(const T* x, const T* bias, T* out, int64_t rows, int64_t cols, Act act,
                    double slope);

/** out[i] = f(x[i]), i < n; out may be x. */
template <typename T>
void unary(Unary kind, const T* x, T* out, int64_t n);

/** out[i] = a[i] ∘ b[i], i < n; out may be a or b. */
template <typename T>
void binary(Binary kind, const T* a, const T* b, T* out, int64_t n);

/** out[o, i] = Σ_k x[o, k, i], summed into out in k order (as the js reference does). */
template <typename T>
void sumAxis(const T* x, T* out, int64_t outer, int64_t n, int64_t inner);

/** Row softmax (log = false) or log-softmax (log = true); out may be x. */
template <typename T>
void softmaxRows(const T* x, T* out, int64_t rows, int64_t cols, bool log);

/** loss[r] = m_r + ln Σ e^(x − m_r) − x[r, t_r]; grad = softmax − onehot (grad may be null). */
template <typename T>
void crossEntropyRows(const T* x, const int32_t* targets, T* loss, T* grad, int64_t rows,
                      int64_t cols);

}  // namespace myelin
