// The matrix product through OpenBLAS's CBLAS (see blas.h). Empty products never reach BLAS: a
// leading dimension of 0 is invalid there (xerbla would print and return), and k = 0 means C = 0.
#include "blas.h"

#include <cblas.h>

#include <algorithm>

namespace myelin {

template <typename T, typename Gemm>
static void product(Gemm blas, const T* a, const T* b, T* c, int64_t m, int64_t k, int64_t n,
                    bool transA, bool transB) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill(c, c + m * n, T(0));
    return;
  }
  const int lda = static_cast<int>(transA ? m : k);
  const int ldb = static_cast<int>(transB ? k : n);
  blas(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
       static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), T(1), a, lda, b, ldb, T(0),
       c, static_cast<int>(n));
}

void gemm(const float* a, const float* b, float* c, int64_t m, int64_t k, int64_t n, bool transA,
          bool transB) {
  product<float>(cblas_sgemm, a, b, c, m, k, n, transA, transB);
}

void gemm(const double* a, const double* b, double* c, int64_t m, int64_t k, int64_t n,
          bool transA, bool transB) {
  product<double>(cblas_dgemm, a, b, c, m, k, n, transA, transB);
}

const char* blasConfig() { return openblas_get_config(); }
const char* blasCoreName() { return openblas_get_corename(); }
int blasThreads() { return openblas_get_num_threads(); }
void setBlasThreads(int threads) { openblas_set_num_threads(threads); }

}  // namespace myelin
