// custom-layer-and-loss.ts — your own layer and your own loss, trained, saved and loaded.
//
// Shows: a layer is a class extending nn.Module with its parameters registered; nn.registerLayer
// lets model files name it (typeName) and rebuild it (fromConfig, which validates the untrusted
// config). A loss is any function (output, target) → scalar tensor written with tensor ops:
// autograd derives its backward pass, and train.fit takes it in place of a name. A model file
// stores the architecture and weights, not the loss, so the loss needs no registration.
//
// The layer: Swish with a learnt slope per feature, y = x·σ(β⊙x) (β = 1 is SiLU).
// The loss: log-cosh, l = ln cosh(ŷ − y), ≈ d²/2 for small errors and ≈ |d| − ln 2 for large
// ones, so a few wild targets pull the fit much less than with the squared error.
//
// Claim: on sin(x) with 10% of the training targets corrupted by +3, the log-cosh model's test
// RMSE is under 0.2 and under half the MSE model's. (MSE fits the mean, shifted by 0.1·3 = 0.3;
// log-cosh shifts by the d solving 0.9·tanh(d) = 0.1·tanh(3 − d), about 0.11.) The loss matches
// ln cosh at hand-computed points; the loaded model's outputs equal the trained model's.
//
// Run: npx tsx examples/custom-layer-and-loss.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data, io, nn, noGrad, ones, seed, tensor, train, type Tensor } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 150 : 300));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

/** y = x·σ(β⊙x), one learnt β per feature.  x [N, F] → y [N, F]. */
class LearnableSwish extends nn.Module {
  static readonly typeName = "example.LearnableSwish"; // the name model files use; prefix it
  /** Rebuilds the layer from a model file's config, which may be hostile: readCount validates. */
  static fromConfig(config: nn.LayerConfig): LearnableSwish {
    return new LearnableSwish(nn.readCount(config, "features", LearnableSwish.typeName));
  }
  readonly typeName = LearnableSwish.typeName;
  readonly beta: Tensor;
  constructor(readonly features: number) {
    super();
    this.beta = this.registerParameter("beta", ones([features])); // saved, loaded, trained
  }
  forward(x: Tensor): Tensor {
    return x.mul(x.mul(this.beta).sigmoid()); // backward comes from autograd through mul, sigmoid
  }
  override config() {
    return { features: this.features }; // what fromConfig needs, stored in the model file
  }
}
nn.registerLayer(LearnableSwish);

/**
 * Log-cosh loss, mean over all elements:  l = ln cosh(d), d = ŷ − y.
 * Computed as |d| + ln(1 + e^(−2|d|)) − ln 2, the same value without overflow: cosh(d) overflows
 * float32 for |d| > 89, and e^(−2|d|) ≤ 1 never does. Backward comes from autograd.
 */
function logCosh(output: Tensor, target: Tensor): Tensor {
  const a = output.sub(target.reshape(output.shape)).abs();
  return a.add(a.mul(-2).exp().add(1).log()).sub(Math.LN2).mean();
}

// the loss against ln cosh computed directly, at points where cosh is still representable
const d = [0, 0.5, -2, 10];
const lossValue = logCosh(tensor(d), tensor([0, 0, 0, 0])).item();
const lossExpected = d.reduce((s, v) => s + Math.log(Math.cosh(v)), 0) / d.length;
console.log(
  `logCosh at ${JSON.stringify(d)}: ${lossValue.toFixed(6)}, ln cosh: ${lossExpected.toFixed(6)}`,
);

// sin(x) with noise 0.05; then every tenth training target is corrupted by +3
const clean = data.sine({ n: 400, noise: 0.05, seed: 1 });
const { train: trainSet, test: testSet } = data.trainTestSplit(clean, {
  testFraction: 0.25,
  seed: 2,
});
const corrupted = trainSet.y.clone();
for (let i = 0; i < corrupted.size; i += 10) corrupted.data[i] += 3;
const dirty = { ...trainSet, y: corrupted };

const makeModel = () => {
  seed(1);
  return nn.sequential(nn.linear(1, 32), new LearnableSwish(32), nn.linear(32, 1));
};
/** Root-mean-square distance from the test targets (clean sine plus 0.05 noise). */
const testRmse = (model: nn.Module) =>
  train.evaluate(model, testSet, { loss: "mse", metrics: ["rmse"] }).rmse;
const options = { optimizer: { name: "adam", lr: 0.01 }, epochs, batchSize: 32, seed: 3 } as const;

const robust = makeModel();
await train.fit(robust, dirty, { ...options, loss: logCosh });
const squared = makeModel();
await train.fit(squared, dirty, { ...options, loss: "mse" });
const robustRmse = testRmse(robust);
const mseRmse = testRmse(squared);
console.log(
  `test RMSE against the clean sine: log-cosh ${robustRmse.toFixed(4)}, mse ${mseRmse.toFixed(4)}`,
);

// save and load: the registered layer round-trips with its learnt β
const dir = mkdtempSync(join(tmpdir(), "myelin-example-"));
const path = join(dir, "swish.myelin");
await io.save(robust, path, { task: "regression", extra: { trainedWith: "logCosh" } });
const { model: loaded } = await io.load(path);
rmSync(dir, { recursive: true, force: true });
const before = noGrad(() => robust.eval().forward(testSet.x)).data;
const after = noGrad(() => loaded.eval().forward(testSet.x)).data;
const sameOutputs = before.every((v, i) => v === after[i]);
const betas = (loaded.namedChildren()[1][1] as LearnableSwish).beta.data;
console.log(
  `loaded: ${loaded.namedChildren()[1][1].constructor.name}, β ∈ [${Math.min(...betas).toFixed(2)}, ${Math.max(...betas).toFixed(2)}], same outputs: ${sameOutputs}`,
);

console.log(
  "RESULT " + JSON.stringify({ epochs, lossValue, lossExpected, robustRmse, mseRmse, sameOutputs }),
);
