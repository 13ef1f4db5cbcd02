// OpenBLAS: the matrix product (cblas sgemm/dgemm, row-major) and what the library says about
// itself (build configuration, the kernel chosen for this CPU, its thread count).
#pragma once
#include <cstdint>

namespace myelin {

/** C = op(A)·op(B), row-major; C overwritten (zeros when k = 0). */
void gemm(const float* a, const float* b, float* c, int64_t m, int64_t k, int64_t n, bool transA,
          bool transB);
void gemm(const double* a, const double* b, double* c, int64_t m, int64_t k, int64_t n,
          bool transA, bool transB);

const char* blasConfig();
const char* blasCoreName();
int blasThreads();
void setBlasThreads(int threads);

}  // namespace myelin
