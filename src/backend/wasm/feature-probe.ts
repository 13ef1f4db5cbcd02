// Does this engine run WebAssembly SIMD? Validate (not run) a tiny module that uses one v128
// instruction. Engines without SIMD reject the opcode, so validation is a reliable probe.

/**
 * (module (func (result v128) (i32x4.splat (i32.const 0))))  — 31 bytes, hand-assembled:
 *   header · type section [() → v128] · function section [type 0] · code section [body]
 */
const SIMD_PROBE = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // "\0asm", version 1
  0x01,
  0x05,
  0x01,
  0x60,
  0x00,
  0x01,
  0x7b, //       type section: 1 type, func () → (v128)
  0x03,
  0x02,
  0x01,
  0x00, //                         function section: 1 function of type 0
  0x0a,
  0x08,
  0x01,
  0x06,
  0x00, //                   code section: 1 body of 6 bytes, no locals
  0x41,
  0x00, //                                     i32.const 0
  0xfd,
  0x11, //                                     i32x4.splat
  0x0b, //                                           end
]);

/** Bytes of the probe module (exported for tests). */
export function simdProbeBytes(): Uint8Array<ArrayBuffer> {
  return SIMD_PROBE.slice();
}

/** True when `WebAssembly` exists and validates the SIMD probe module. Never throws. */
export function hasWasmSimd(probe: Uint8Array<ArrayBuffer> = SIMD_PROBE): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(probe);
  } catch {
    return false;
  }
}
