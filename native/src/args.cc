// Argument readers for the kernels (see args.h).
#include "args.h"

#include <cmath>
#include <string>

namespace myelin {

static bool throwWith(napi_env env, bool range, const char* kernel, const std::string& message) {
  std::string text = std::string(kernel) + ": " + message;
  if (range)
    napi_throw_range_error(env, nullptr, text.c_str());
  else
    napi_throw_type_error(env, nullptr, text.c_str());
  return false;
}

bool rangeError(napi_env env, const char* kernel, const char* message) {
  return throwWith(env, true, kernel, message);
}

bool typeError(napi_env env, const char* kernel, const char* message) {
  return throwWith(env, false, kernel, message);
}

bool readArgs(napi_env env, napi_callback_info info, size_t n, napi_value* argv) {
  size_t argc = n;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return false;
  if (argc < n) {
    napi_throw_type_error(env, nullptr, "myelin native: too few arguments");
    return false;
  }
  return true;
}

bool isNull(napi_env env, napi_value value) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok) return false;
  return type == napi_null || type == napi_undefined;
}

bool arrayArg(napi_env env, napi_value value, const char* kernel, const char* name, ArrayArg* out) {
  bool isTyped = false;
  napi_is_typedarray(env, value, &isTyped);
  if (!isTyped) return throwWith(env, false, kernel, std::string(name) + " must be a typed array");
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  napi_get_typedarray_info(env, value, &type, &out->length, &out->data, &buffer, &offset);
  switch (type) {
    case napi_float32_array:
      out->elem = Elem::f32;
      return true;
    case napi_float64_array:
      out->elem = Elem::f64;
      return true;
    case napi_int32_array:
      out->elem = Elem::i32;
      return true;
    default:
      return throwWith(env, false, kernel,
                       std::string(name) + " must be a Float32Array, Float64Array or Int32Array");
  }
}

bool sizeArg(napi_env env, napi_value value, const char* kernel, const char* name, int64_t* out) {
  double v;
  if (napi_get_value_double(env, value, &v) != napi_ok || !(v >= 0 && v < 2147483648.0) ||
      std::floor(v) != v) {
    return throwWith(env, true, kernel, std::string(name) + " must be an integer in [0, 2^31)");
  }
  *out = static_cast<int64_t>(v);
  return true;
}

bool numberArg(napi_env env, napi_value value, double* out) {
  return napi_get_value_double(env, value, out) == napi_ok;
}

bool boolArg(napi_env env, napi_value value, bool* out) {
  return napi_get_value_bool(env, value, out) == napi_ok;
}

}  // namespace myelin
