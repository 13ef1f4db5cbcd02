// What each example in examples/ claims, as checks on the RESULT {json} line it prints last.
// Used by scripts/run-examples.mjs (which runs them) and test/examples (which tests the checks).
// Expected values are computed here from their formulas, never taken from the example's output.

/**
 * The examples, in the order the runner runs them. `file` is relative to examples/; `needs` names
 * a system path and the Debian package that provides it (missing: skipped outside CI, failed
 * under CI=true); `browser` examples are bundled and opened in Chromium instead of run by tsx.
 */
export const EXAMPLES = [
  {
    name: "perceptron-xor",
    file: "perceptron-xor.ts",
    claims: [
      [
        "the perceptron converges on AND (100%)",
        (r) => r.andConverged === true && r.andAccuracy === 1,
      ],
      ["the perceptron gets ≤ 75% of XOR", (r) => r.perceptronXorAccuracy <= 0.75],
      ["the MLP gets 100% of XOR", (r) => r.mlpXorAccuracy === 1],
    ],
  },
  {
    name: "two-spirals",
    file: "two-spirals.ts",
    claims: [["test accuracy ≥ 95%", (r) => r.testAccuracy >= 0.95]],
  },
  {
    name: "csv-classifier",
    file: "csv-classifier.ts",
    claims: [
      ["test accuracy ≥ 90%", (r) => r.testAccuracy >= 0.9],
      ["the loaded model's outputs equal the trained model's", (r) => r.sameOutputs === true],
      [
        "the example flowers are setosa, versicolor, virginica",
        (r) => JSON.stringify(r.predicted) === '["setosa","versicolor","virginica"]',
      ],
    ],
  },
  {
    name: "csv-regressor",
    file: "csv-regressor.ts",
    claims: [
      ["test R² ≥ 0.85", (r) => r.testR2 >= 0.85],
      ["test RMSE ≤ 2 (twice the noise σ = 1)", (r) => r.testRmse <= 2],
      [
        "f(0.5, …, 0.5) within 1.5 of 10·sin(π/4) + 7.5",
        (r) => Math.abs(r.predicted - (10 * Math.sin(Math.PI / 4) + 7.5)) <= 1.5,
      ],
    ],
  },
  {
    name: "fashion-mnist",
    file: "fashion-mnist.ts",
    needs: { path: "/usr/share/datasets/fashion-mnist", pkg: "dataset-fashion-mnist" },
    claims: [["test accuracy ≥ 80%", (r) => r.testAccuracy >= 0.8]],
  },
  {
    name: "custom-training-loop",
    file: "custom-training-loop.ts",
    claims: [
      ["test accuracy ≥ 95%", (r) => r.testAccuracy >= 0.95],
      ["the last epoch's loss < ⅓ of the first's", (r) => r.lastLoss < r.firstLoss / 3],
      ["lr_e = ½·0.1·(1 + cos(πe/T)) every epoch", (r) => followsCosine(r.lrs, 0.1, r.epochs)],
    ],
  },
  {
    name: "custom-layer-and-loss",
    file: "custom-layer-and-loss.ts",
    claims: [
      [
        "logCosh = mean ln cosh at [0, 0.5, −2, 10]",
        (r) => Math.abs(r.lossValue - meanLogCosh([0, 0.5, -2, 10])) < 1e-5,
      ],
      ["log-cosh test RMSE ≤ 0.2", (r) => r.robustRmse <= 0.2],
      ["log-cosh test RMSE < ½ of MSE's", (r) => r.robustRmse < r.mseRmse / 2],
      ["the loaded model's outputs equal the trained model's", (r) => r.sameOutputs === true],
    ],
  },
  {
    name: "embedding-margin",
    file: "embedding-margin.ts",
    claims: [
      ["input-plane triplet accuracy ≤ 65%", (r) => r.inputTripletAccuracy <= 0.65],
      ["embedding triplet accuracy ≥ 95%", (r) => r.embeddingTripletAccuracy >= 0.95],
      [
        "same-class pairs closer than other-class pairs",
        (r) => r.meanSameClassDistance < r.meanOtherClassDistance,
      ],
    ],
  },
  {
    name: "browser",
    file: "browser/main.ts",
    browser: true,
    needs: { path: "/usr/bin/chromium", pkg: "chromium" },
    claims: [
      ["XOR 100% in Chromium", (r) => r.accuracy === 1],
      ["the wasm SIMD backend ran it", (r) => r.backend === "wasm"],
    ],
  },
];

/** Σ ln cosh(d) / n, from Math.cosh directly (the points are small enough not to overflow). */
function meanLogCosh(d) {
  return d.reduce((s, v) => s + Math.log(Math.cosh(v)), 0) / d.length;
}

/** lrs[e] = ½·eta0·(1 + cos(π·e/T)) for e = 0 … T − 1 (cosine annealing, ηmin = 0). */
function followsCosine(lrs, eta0, epochs) {
  if (!Array.isArray(lrs) || lrs.length !== epochs || epochs < 1) return false;
  return lrs.every(
    (lr, e) => Math.abs(lr - 0.5 * eta0 * (1 + Math.cos((Math.PI * e) / epochs))) < 1e-9,
  );
}

/** The RESULT object of an example's output: its last non-empty line must be `RESULT {json}`. */
export function parseResult(stdout) {
  const last = stdout.trimEnd().split("\n").at(-1) ?? "";
  if (!last.startsWith("RESULT "))
    return { error: `last line is not "RESULT {json}": ${last.slice(0, 120)}` };
  try {
    const value = JSON.parse(last.slice("RESULT ".length));
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { error: "RESULT is not a JSON object" };
    return { value };
  } catch (e) {
    return { error: `RESULT is not JSON: ${e.message}` };
  }
}

/** Each claim of `example` checked on `result`: [{ claim, ok }]; a thrown check counts as failed. */
export function checkClaims(example, result) {
  return example.claims.map(([claim, holds]) => {
    let ok = false;
    try {
      ok = holds(result) === true;
    } catch {
      ok = false;
    }
    return { claim, ok };
  });
}
