// The folder scripts/check-safetensors.py checks in PyTorch (CI: npm run interop:pytorch) is
// complete and self-consistent: a case per activation layer plus batch norm, dropout, nested,
// float64 and a CSV-trained model; each holds weights, a snippet loading them with strict=True,
// and Myelin's outputs — which the weights, imported back into Myelin, reproduce bit for bit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { io, nn, noGrad, tensor } from "../../src/node/index.js";
import { makeSafetensorsCheck } from "../../scripts/make-safetensors-check.js";
import { tempDir } from "../cli/helpers.js";

test("make-safetensors-check writes every case, and each one's weights reproduce its recorded outputs", async () => {
  const work = tempDir("myelin-safetensors-check-");
  try {
    const names = await makeSafetensorsCheck(work.dir);
    const expected = [
      ...Object.keys(nn.activationLayers).map((t) => `act-${t}`),
      "act-GELU-erf",
      "batch-norm",
      "dropout",
      "nested",
      "float64",
      "csv-penguins",
    ];
    assert.deepEqual([...names].sort(), expected.sort());
    for (const name of names) {
      const dir = join(work.dir, name);
      const check = JSON.parse(readFileSync(join(dir, "check.json"), "utf8")) as {
        dtype: "float32" | "float64";
        inputs: number[][];
        outputs: number[][];
      };
      assert.ok(check.inputs.length >= 8, name);
      const model = io.importSafetensors(readFileSync(join(dir, "model.safetensors")));
      const y = noGrad(() => model.forward(tensor(check.inputs, { dtype: check.dtype })));
      assert.deepEqual(y.toArray(), check.outputs, name);
      const snippet = readFileSync(join(dir, "model.py"), "utf8");
      assert.match(
        snippet,
        /^model\.load_state_dict\(load_safetensors\(WEIGHTS\), strict=True\)$/m,
      );
    }
  } finally {
    work.done();
  }
});
