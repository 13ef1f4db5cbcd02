import assert from "node:assert/strict";
import { test } from "node:test";
import type { Backend } from "./backend.js";
import { createAutoBackend } from "./auto.js";

function spy(name: "js" | "wasm", calls: string[]): Backend {
  return { name, matmul: (_a, _b, _c, m, k, n) => void calls.push(`${name} ${m}x${k}x${n}`) };
}

test("auto backend sends m·k·n below the threshold to the small backend, the rest to the large", () => {
  const calls: string[] = [];
  const auto = createAutoBackend(spy("js", calls), spy("wasm", calls), 1000);
  const x = new Float32Array(0);
  auto.matmul(x, x, x, 9, 10, 11, false, false); // 990 < 1000
  auto.matmul(x, x, x, 10, 10, 10, false, false); // 1000
  auto.matmul(x, x, x, 0, 5000, 5, true, true); // 0
  assert.deepEqual(calls, ["js 9x10x11", "wasm 10x10x10", "js 0x5000x5"]);
  assert.equal(auto.name, "wasm");
});
