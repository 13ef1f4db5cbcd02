// The non-matmul kernels (see kernels.h). Per-element work is in float for float32 arrays (the
// exact IEEE add/sub/mul/div and the bias add the conformance suite requires); exp and tanh of a
// float call expf/tanhf (≤ 1 ulp in glibc); sigmoid and the softmax rows are evaluated in double
// and rounded once, so a shifted exponent x − m_r is never rounded to float first.
#include "kernels.h"

#include <cmath>

// AVX2 and AVX-512 clones of each loop, chosen at load time by the CPU (GCC function
// multiversioning); other compilers and targets get the baseline build only.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define MULTIVERSION __attribute__((target_clones("default", "avx2", "avx512f")))
#else
#define MULTIVERSION
#endif

namespace myelin {
namespace {

// relu keeps NaN (v == v is false only for NaN) and maps −0 to +0, as the js reference does.
template <typename T>
inline T relu(T v) {
  return v > T(0) ? v : (v == v ? T(0) : v);
}

// leaky: slope·v in double, rounded once (the js reference multiplies JS numbers)
template <typename T>
inline T leaky(T v, double slope) {
  return v > T(0) ? v : static_cast<T>(slope * static_cast<double>(v));
}

// σ(v) = 1/(1 + e^(−v)) for v ≥ 0, e^v/(1 + e^v) otherwise: e^(−|v|) never overflows
inline double sigmoid(double v) {
  if (v >= 0) return 1.0 / (1.0 + std::exp(-v));
  const double e = std::exp(v);
  return e / (1.0 + e);
}

template <typename T>
inline T act(Act kind, T v, double slope) {
  switch (kind) {
    case Act::identity:
      return v;
    case Act::relu:
      return relu(v);
    case Act::tanh:
      return std::tanh(v);
    case Act::sigmoid:
      return static_cast<T>(sigmoid(v));
    case Act::leakyRelu:
      return leaky(v, slope);
  }
  return v;
}

// One loop per activation (the switch outside the loop, so each loop vectorises).
template <typename T, Act K>
inline void biasActRows(const T* x, const T* bias, T* out, int64_t rows, int64_t cols,
                        double slope) {
  for (int64_t r = 0; r < rows; r++) {
    const T* xr = x + r * cols;
    T* outr = out + r * cols;
    if (bias == nullptr) {
      for (int64_t c = 0; c < cols; c++) outr[c] = act<T>(K, xr[c], slope);
    } else {
      for (int64_t c = 0; c < cols; c++) outr[c] = act<T>(K, static_cast<T>(xr[c] + bias[c]), slope);
    }
  }
}

template <typename T>
inline void biasActivationImpl(const T* x, const T* bias, T* out, int64_t rows, int64_t cols,
                               Act kind, double slope) {
  switch (kind) {
    case Act::identity:
      return biasActRows<T, Act::identity>(x, bias, out, rows, cols, slope);
    case Act::relu:
      return biasActRows<T, Act::relu>(x, bias, out, rows, cols, slope);
    case Act::tanh:
      return biasActRows<T, Act::tanh>(x, bias, out, rows, cols, slope);
    case Act::sigmoid:
      return biasActRows<T, Act::sigmoid>(x, bias, out, rows, cols, slope);
    case Act::leakyRelu:
      return biasActRows<T, Act::leakyRelu>(x, bias, out, rows, cols, slope);
  }
}

template <typename T>
inline void unaryImpl(Unary kind, const T* x, T* out, int64_t n) {
  switch (kind) {
    case Unary::exp:
      for (int64_t i = 0; i < n; i++) out[i] = std::exp(x[i]);
      return;
    case Unary::tanh:
      for (int64_t i = 0; i < n; i++) out[i] = std::tanh(x[i]);
      return;
    case Unary::sigmoid:
      for (int64_t i = 0; i < n; i++) out[i] = static_cast<T>(sigmoid(x[i]));
      return;
    case Unary::relu:
      for (int64_t i = 0; i < n; i++) out[i] = relu(x[i]);
      return;
  }
}

template <typename T>
inline void binaryImpl(Binary kind, const T* a, const T* b, T* out, int64_t n) {
  switch (kind) {
    case Binary::add:
      for (int64_t i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case Binary::sub:
      for (int64_t i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case Binary::mul:
      for (int64_t i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case Binary::div:
      for (int64_t i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
  }
}

template <typename T>
inline void sumAxisImpl(const T* x, T* out, int64_t outer, int64_t n, int64_t inner) {
  for (int64_t o = 0; o < outer; o++) {
    T* outo = out + o * inner;
    for (int64_t i = 0; i < inner; i++) outo[i] = T(0);
    for (int64_t k = 0; k < n; k++) {
      const T* row = x + (o * n + k) * inner;
      for (int64_t i = 0; i < inner; i++) outo[i] += row[i];
    }
  }
}

// log-sum-exp: m = max_k x[k] (NaN never becomes m, but its e^(NaN − m) makes the sum NaN; a
// +∞ gives ∞ − ∞ = NaN; a row of −∞ gives m = −∞ and NaN differences: the rules of backend.ts)
template <typename T>
inline void rowShift(const T* xr, int64_t cols, double* m, double* sum) {
  double mx = -INFINITY;
  for (int64_t c = 0; c < cols; c++) mx = xr[c] > mx ? static_cast<double>(xr[c]) : mx;
  double s = 0;
  for (int64_t c = 0; c < cols; c++) s += std::exp(static_cast<double>(xr[c]) - mx);
  *m = mx;
  *sum = s;
}

template <typename T>
inline void softmaxRowsImpl(const T* x, T* out, int64_t rows, int64_t cols, bool log) {
  for (int64_t r = 0; r < rows; r++) {
    const T* xr = x + r * cols;
    T* outr = out + r * cols;
    double m, s;
    rowShift(xr, cols, &m, &s);
    if (log) {
      const double lse = std::log(s);
      for (int64_t c = 0; c < cols; c++) outr[c] = static_cast<T>(xr[c] - m - lse);
    } else {
      for (int64_t c = 0; c < cols; c++) outr[c] = static_cast<T>(std::exp(xr[c] - m) / s);
    }
  }
}

template <typename T>
inline void crossEntropyRowsImpl(const T* x, const int32_t* targets, T* loss, T* grad,
                                 int64_t rows, int64_t cols) {
  for (int64_t r = 0; r < rows; r++) {
    const T* xr = x + r * cols;
    const int32_t t = targets[r];
    double m, s;
    rowShift(xr, cols, &m, &s);
    // −log p_t = −((x_t − m) − ln s): x_t − m first, so the max row element loses no digits
    loss[r] = static_cast<T>(-((static_cast<double>(xr[t]) - m) - std::log(s)));
    if (grad == nullptr) continue;
    T* gr = grad + r * cols;
    for (int64_t c = 0; c < cols; c++) {
      const double p = std::exp(xr[c] - m) / s;
      gr[c] = static_cast<T>(c == t ? p - 1.0 : p);
    }
  }
}

}  // namespace

// The exported instantiations, one multiversioned function per element type.
#define DEFINE_KERNELS(T)                                                                         \
  template <>                                                                                     \
  MULTIVERSION void biasActivation<T>(const T* x, const T* bias, T* out, int64_t rows,            \
                                      int64_t cols, Act kind, double slope) {                     \
    biasActivationImpl<T>(x, bias, out, rows, cols, kind, slope);                                 \
  }                                                                                               \
  template <>                                                                                     \
  MULTIVERSION void unary<T>(Unary kind, const T* x, T* out, int64_t n) {                         \
    unaryImpl<T>(kind, x, out, n);                                                                \
  }                                                                                               \
  template <>                                                                                     \
  MULTIVERSION void binary<T>(Binary kind, const T* a, const T* b, T* out, int64_t n) {           \
    binaryImpl<T>(kind, a, b, out, n);                                                            \
  }                                                                                               \
  template <>                                                                                     \
  MULTIVERSION void sumAxis<T>(const T* x, T* out, int64_t outer, int64_t n, int64_t inner) {     \
    sumAxisImpl<T>(x, out, outer, n, inner);                                                      \
  }                                                                                               \
  template <>                                                                                     \
  void softmaxRows<T>(const T* x, T* out, int64_t rows, int64_t cols, bool log) {                 \
    softmaxRowsImpl<T>(x, out, rows, cols, log);                                                  \
  }                                                                                               \
  template <>                                                                                     \
  void crossEntropyRows<T>(const T* x, const int32_t* targets, T* loss, T* grad, int64_t rows,    \
                           int64_t cols) {                                                        \
    crossEntropyRowsImpl<T>(x, targets, loss, grad, rows, cols);                                  \
  }

DEFINE_KERNELS(float)
DEFINE_KERNELS(double)

}  // namespace myelin
