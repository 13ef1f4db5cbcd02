// Reading a kernel call's arguments from JavaScript: typed arrays as raw pointers into their own
// memory (zero copy), sizes as non-negative integers, and TypeErrors/RangeErrors that say which
// argument of which kernel was wrong. Not here: the kernels themselves.
#pragma once
#include <node_api.h>

#include <cstddef>
#include <cstdint>

namespace myelin {

enum class Elem { f32, f64, i32 };

/** A typed array's element type, length and first element (byte offset already applied). */
struct ArrayArg {
  Elem elem;
  size_t length;
  void* data;
};

/** The call's arguments; false (with a JS exception pending) when there are fewer than n. */
bool readArgs(napi_env env, napi_callback_info info, size_t n, napi_value* argv);

/** argv[i] as a Float32Array, Float64Array or Int32Array; false with an exception otherwise. */
bool arrayArg(napi_env env, napi_value value, const char* kernel, const char* name, ArrayArg* out);

/** true when value is null or undefined. */
bool isNull(napi_env env, napi_value value);

/** An integer in [0, 2³¹); false with a RangeError otherwise. */
bool sizeArg(napi_env env, napi_value value, const char* kernel, const char* name, int64_t* out);

bool numberArg(napi_env env, napi_value value, double* out);
bool boolArg(napi_env env, napi_value value, bool* out);

/** Throws a RangeError "kernel: message" and returns false. */
bool rangeError(napi_env env, const char* kernel, const char* message);

/** Throws a TypeError "kernel: message" and returns false. */
bool typeError(napi_env env, const char* kernel, const char* message);

}  // namespace myelin
