# The native backend's Node-API addon (plain node_api.h, no node-addon-api): OpenBLAS's
# sgemm/dgemm plus the other kernels in C++. Built by scripts/build-native.mjs with the
# machine's own Node headers (--nodedir), never downloaded headers.
{
  "targets": [
    {
      "target_name": "myelin_native",
      "sources": ["src/addon.cc", "src/args.cc", "src/blas.cc", "src/kernels.cc"],
      "include_dirs": ["<!@(node openblas-flags.mjs include)"],
      "libraries": ["<!@(node openblas-flags.mjs libs)"],
      # -O3 vectorises the loops for the baseline ISA; kernels.cc adds AVX2/AVX-512 clones that
      # the loader picks at run time (target_clones), so no -march assumes this CPU
      "cflags_cc": ["-O3", "-fno-math-errno", "-ffp-contract=off", "-std=c++17", "-fvisibility=hidden"],
      "cflags_cc!": ["-fno-exceptions", "-O2", "-O0"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
