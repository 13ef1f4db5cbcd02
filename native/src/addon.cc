// The addon's exports: each kernel reads its typed arrays in place (zero copy), checks element
// types and lengths (a wrong size throws instead of touching memory past an array), and calls the
// float or double kernel. Plus what `myelin info` shows: BLAS build, core, threads, CPU features.
#include <node_api.h>

#include "args.h"
#include "blas.h"
#include "kernels.h"

namespace myelin {
namespace {

// Same element type (float32 or float64) for every array, each holding at least `need` elements.
bool sameFloat(napi_env env, const char* kernel, const ArrayArg* arrays, const int64_t* need,
               int count) {
  for (int i = 0; i < count; i++) {
    if (arrays[i].elem == Elem::i32 || arrays[i].elem != arrays[0].elem) {
      return typeError(env, kernel, "arrays must all be Float32Array or all Float64Array");
    }
    if (static_cast<int64_t>(arrays[i].length) < need[i]) {
      return rangeError(env, kernel, "an array is shorter than the sizes require");
    }
  }
  return true;
}

#define F32(arg) static_cast<float*>((arg).data)
#define F64(arg) static_cast<double*>((arg).data)

napi_value Gemm(napi_env env, napi_callback_info info) {
  napi_value argv[8];
  ArrayArg x[3];
  int64_t m, k, n;
  bool ta, tb;
  if (!readArgs(env, info, 8, argv) || !arrayArg(env, argv[0], "matmul", "a", &x[0]) ||
      !arrayArg(env, argv[1], "matmul", "b", &x[1]) ||
      !arrayArg(env, argv[2], "matmul", "c", &x[2]) || !sizeArg(env, argv[3], "matmul", "m", &m) ||
      !sizeArg(env, argv[4], "matmul", "k", &k) || !sizeArg(env, argv[5], "matmul", "n", &n) ||
      !boolArg(env, argv[6], &ta) || !boolArg(env, argv[7], &tb))
    return nullptr;
  const int64_t need[3] = {m * k, k * n, m * n};
  if (!sameFloat(env, "matmul", x, need, 3)) return nullptr;
  if (x[0].elem == Elem::f32)
    gemm(F32(x[0]), F32(x[1]), F32(x[2]), m, k, n, ta, tb);
  else
    gemm(F64(x[0]), F64(x[1]), F64(x[2]), m, k, n, ta, tb);
  return nullptr;
}

napi_value BiasActivation(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  ArrayArg x[3];
  int64_t rows, cols, kind;
  double slope;
  if (!readArgs(env, info, 7, argv)) return nullptr;
  const bool hasBias = !isNull(env, argv[1]);
  if (!arrayArg(env, argv[0], "biasActivation", "x", &x[0]) ||
      !arrayArg(env, argv[2], "biasActivation", "out", &x[2]) ||
      (hasBias && !arrayArg(env, argv[1], "biasActivation", "bias", &x[1])) ||
      !sizeArg(env, argv[3], "biasActivation", "rows", &rows) ||
      !sizeArg(env, argv[4], "biasActivation", "cols", &cols) ||
      !sizeArg(env, argv[5], "biasActivation", "act", &kind) || !numberArg(env, argv[6], &slope))
    return nullptr;
  if (kind > 4) return rangeError(env, "biasActivation", "unknown activation"), nullptr;
  if (!hasBias) x[1] = x[0];
  const int64_t need[3] = {rows * cols, hasBias ? cols : 0, rows * cols};
  if (!sameFloat(env, "biasActivation", x, need, 3)) return nullptr;
  const Act act = static_cast<Act>(kind);
  if (x[0].elem == Elem::f32)
    biasActivation(F32(x[0]), hasBias ? F32(x[1]) : nullptr, F32(x[2]), rows, cols, act, slope);
  else
    biasActivation(F64(x[0]), hasBias ? F64(x[1]) : nullptr, F64(x[2]), rows, cols, act, slope);
  return nullptr;
}

napi_value UnaryMap(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  ArrayArg x[2];
  int64_t kind;
  if (!readArgs(env, info, 3, argv) || !sizeArg(env, argv[0], "unary", "kind", &kind) ||
      !arrayArg(env, argv[1], "unary", "x", &x[0]) || !arrayArg(env, argv[2], "unary", "out", &x[1]))
    return nullptr;
  if (kind > 3) return rangeError(env, "unary", "unknown map"), nullptr;
  const int64_t n = static_cast<int64_t>(x[0].length);
  const int64_t need[2] = {n, n};
  if (!sameFloat(env, "unary", x, need, 2)) return nullptr;
  if (x[0].elem == Elem::f32)
    unary(static_cast<Unary>(kind), F32(x[0]), F32(x[1]), n);
  else
    unary(static_cast<Unary>(kind), F64(x[0]), F64(x[1]), n);
  return nullptr;
}

napi_value BinaryOp(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  ArrayArg x[3];
  int64_t kind;
  if (!readArgs(env, info, 4, argv) || !sizeArg(env, argv[0], "binary", "kind", &kind) ||
      !arrayArg(env, argv[1], "binary", "a", &x[0]) || !arrayArg(env, argv[2], "binary", "b", &x[1]) ||
      !arrayArg(env, argv[3], "binary", "out", &x[2]))
    return nullptr;
  if (kind > 3) return rangeError(env, "binary", "unknown operation"), nullptr;
  const int64_t n = static_cast<int64_t>(x[2].length);
  const int64_t need[3] = {n, n, n};
  if (!sameFloat(env, "binary", x, need, 3)) return nullptr;
  if (x[0].elem == Elem::f32)
    binary(static_cast<Binary>(kind), F32(x[0]), F32(x[1]), F32(x[2]), n);
  else
    binary(static_cast<Binary>(kind), F64(x[0]), F64(x[1]), F64(x[2]), n);
  return nullptr;
}

napi_value SumAxis(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  ArrayArg x[2];
  int64_t outer, n, inner;
  if (!readArgs(env, info, 5, argv) || !arrayArg(env, argv[0], "sumAxis", "x", &x[0]) ||
      !arrayArg(env, argv[1], "sumAxis", "out", &x[1]) ||
      !sizeArg(env, argv[2], "sumAxis", "outer", &outer) ||
      !sizeArg(env, argv[3], "sumAxis", "n", &n) || !sizeArg(env, argv[4], "sumAxis", "inner", &inner))
    return nullptr;
  const int64_t need[2] = {outer * n * inner, outer * inner};
  if (!sameFloat(env, "sumAxis", x, need, 2)) return nullptr;
  if (x[0].elem == Elem::f32)
    sumAxis(F32(x[0]), F32(x[1]), outer, n, inner);
  else
    sumAxis(F64(x[0]), F64(x[1]), outer, n, inner);
  return nullptr;
}

napi_value SoftmaxFamily(napi_env env, napi_callback_info info, bool log) {
  const char* name = log ? "logSoftmaxRows" : "softmaxRows";
  napi_value argv[4];
  ArrayArg x[2];
  int64_t rows, cols;
  if (!readArgs(env, info, 4, argv) || !arrayArg(env, argv[0], name, "x", &x[0]) ||
      !arrayArg(env, argv[1], name, "out", &x[1]) || !sizeArg(env, argv[2], name, "rows", &rows) ||
      !sizeArg(env, argv[3], name, "cols", &cols))
    return nullptr;
  const int64_t need[2] = {rows * cols, rows * cols};
  if (!sameFloat(env, name, x, need, 2)) return nullptr;
  if (x[0].elem == Elem::f32)
    softmaxRows(F32(x[0]), F32(x[1]), rows, cols, log);
  else
    softmaxRows(F64(x[0]), F64(x[1]), rows, cols, log);
  return nullptr;
}

napi_value Softmax(napi_env env, napi_callback_info info) { return SoftmaxFamily(env, info, false); }
napi_value LogSoftmax(napi_env env, napi_callback_info info) { return SoftmaxFamily(env, info, true); }

napi_value CrossEntropy(napi_env env, napi_callback_info info) {
  const char* name = "crossEntropyRows";
  napi_value argv[6];
  ArrayArg x[3], targets;
  int64_t rows, cols;
  if (!readArgs(env, info, 6, argv)) return nullptr;
  const bool hasGrad = !isNull(env, argv[3]);
  if (!arrayArg(env, argv[0], name, "x", &x[0]) ||
      !arrayArg(env, argv[1], name, "targets", &targets) ||
      !arrayArg(env, argv[2], name, "loss", &x[1]) ||
      (hasGrad && !arrayArg(env, argv[3], name, "grad", &x[2])) ||
      !sizeArg(env, argv[4], name, "rows", &rows) || !sizeArg(env, argv[5], name, "cols", &cols))
    return nullptr;
  if (!hasGrad) x[2] = x[0];
  const int64_t need[3] = {rows * cols, rows, rows * cols};
  if (!sameFloat(env, name, x, need, 3)) return nullptr;
  if (targets.elem != Elem::i32 || static_cast<int64_t>(targets.length) < rows)
    return typeError(env, name, "targets must be an Int32Array of length ≥ rows"), nullptr;
  const int32_t* t = static_cast<int32_t*>(targets.data);
  for (int64_t r = 0; r < rows; r++) {
    if (t[r] < 0 || t[r] >= cols) return rangeError(env, name, "a target is outside [0, cols)"), nullptr;
  }
  if (x[0].elem == Elem::f32)
    crossEntropyRows(F32(x[0]), t, F32(x[1]), hasGrad ? F32(x[2]) : nullptr, rows, cols);
  else
    crossEntropyRows(F64(x[0]), t, F64(x[1]), hasGrad ? F64(x[2]) : nullptr, rows, cols);
  return nullptr;
}

napi_value Str(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s == nullptr ? "" : s, NAPI_AUTO_LENGTH, &v);
  return v;
}

// { config, core, threads }: OpenBLAS's build string, the kernel it chose here, its threads
napi_value BlasInfo(napi_env env, napi_callback_info) {
  napi_value out, threads;
  napi_create_object(env, &out);
  napi_set_named_property(env, out, "config", Str(env, blasConfig()));
  napi_set_named_property(env, out, "core", Str(env, blasCoreName()));
  napi_create_int32(env, blasThreads(), &threads);
  napi_set_named_property(env, out, "threads", threads);
  return out;
}

napi_value SetBlasThreads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t threads;
  if (!readArgs(env, info, 1, argv) || !sizeArg(env, argv[0], "setBlasThreads", "threads", &threads))
    return nullptr;
  if (threads < 1) return rangeError(env, "setBlasThreads", "threads must be ≥ 1"), nullptr;
  setBlasThreads(static_cast<int>(threads));
  return nullptr;
}

// The instruction sets this CPU offers (as the compiler's run-time check sees them) and so
// which clone of the kernels runs.
napi_value CpuFeatures(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_array(env, &out);
#if defined(__GNUC__) && defined(__x86_64__)
  const char* names[] = {"sse4.2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl"};
  const bool has[] = {
      __builtin_cpu_supports("sse4.2") != 0, __builtin_cpu_supports("avx") != 0,
      __builtin_cpu_supports("avx2") != 0,   __builtin_cpu_supports("fma") != 0,
      __builtin_cpu_supports("avx512f") != 0, __builtin_cpu_supports("avx512bw") != 0,
      __builtin_cpu_supports("avx512vl") != 0};
  uint32_t j = 0;
  for (int i = 0; i < 7; i++) {
    if (has[i]) napi_set_element(env, out, j++, Str(env, names[i]));
  }
#endif
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"matmul", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasActivation", nullptr, BiasActivation, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"unary", nullptr, UnaryMap, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, BinaryOp, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sumAxis", nullptr, SumAxis, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmaxRows", nullptr, Softmax, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"logSoftmaxRows", nullptr, LogSoftmax, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"crossEntropyRows", nullptr, CrossEntropy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"blasInfo", nullptr, BlasInfo, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setBlasThreads", nullptr, SetBlasThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cpuFeatures", nullptr, CpuFeatures, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace
}  // namespace myelin

NAPI_MODULE(NODE_GYP_MODULE_NAME, myelin::Init)
