// csv-classifier.ts — a classifier from a CSV file, start to finish: read, split, scale, train,
// evaluate, save, load, predict new rows.
//
// Data: examples/data/iris.csv, Fisher's Iris (150 flowers, 4 measurements in cm, 3 species).
// Shows: data.readCsvFile with a named target column (species names become class indices),
// a stratified train/test split, standardization fitted on the training rows only, train.fit,
// train.evaluate, io.save with the preprocessing and label names stored in the model file, io.load,
// and train.predictWithMetadata, which applies the stored preprocessing to raw rows.
//
// Claim: at least 90% test accuracy; the loaded model's outputs equal the trained model's; the
// three example flowers are classified setosa, versicolor, virginica (typical of each species).
//
// Run: npx tsx examples/csv-classifier.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { data, io, nn, seed, tensor, train } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 60 : 150));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

// 1. Read: the last column, "target", holds the species name
const csvPath = fileURLToPath(new URL("data/iris.csv", import.meta.url));
const iris = await data.readCsvFile(csvPath, { target: "target" });
console.log(`${csvPath}: ${iris.x.shape[0]} rows, features ${iris.featureNames?.join(", ")}`);
console.log(`classes: ${iris.labelNames?.join(", ")}`);

// 2. Split (stratified: each species keeps its share in both parts), then scale each feature to
//    mean 0 and standard deviation 1 using the training rows' statistics only
const split = data.trainTestSplit(iris, { testFraction: 0.25, seed: 1, stratify: true });
const scaler = data.standardize(split.train.x);
const trainSet = { ...split.train, x: scaler.transform(split.train.x) };
const testSet = { ...split.test, x: scaler.transform(split.test.x) };

// 3. Train: 4 features → 16 tanh units → 3 logits
seed(1);
const model = nn.sequential(nn.linear(4, 16), nn.tanh(), nn.linear(16, 3));
await train.fit(model, trainSet, {
  loss: "crossEntropy",
  optimizer: { name: "adam", lr: 0.01 },
  epochs,
  batchSize: 16,
  seed: 1,
});

// 4. Evaluate on the held-out rows
const scores = train.evaluate(model, testSet, { loss: "crossEntropy", metrics: ["accuracy"] });
console.log(
  `test: ${testSet.x.shape[0]} rows, loss ${scores.loss.toFixed(4)}, accuracy ${scores.accuracy}`,
);

// 5. Save: weights, architecture, scaling and label names in one file; then load it back
const dir = mkdtempSync(join(tmpdir(), "myelin-example-"));
const modelPath = join(dir, "iris.myelin");
await io.save(model, modelPath, {
  task: "multiclass",
  loss: "crossEntropy",
  labelNames: iris.labelNames,
  featureNames: iris.featureNames,
  preprocessing: { ...scaler.toJSON() }, // a plain copy: the header field is typed as JSON
});
const { model: loaded, meta } = await io.load(modelPath);
rmSync(dir, { recursive: true, force: true });

// 6. Predict raw measurements (in cm, unscaled): the file's stored scaling is applied first
const newFlowers = [
  [5.0, 3.4, 1.5, 0.2], // short, narrow petals
  [6.0, 2.8, 4.5, 1.4],
  [7.2, 3.0, 6.0, 2.2], // long, wide petals
];
const prediction = train.predictWithMetadata(loaded, meta, tensor(newFlowers));
if (prediction.task === "regression") throw new Error("expected a classifier");
const names = Array.from(prediction.classes, (c) => meta.labelNames?.[c] ?? String(c));
newFlowers.forEach((row, i) => {
  const p = prediction.probabilities[i * 3 + prediction.classes[i]];
  console.log(`  ${JSON.stringify(row)} → ${names[i]} (p = ${p.toFixed(3)})`);
});

// the loaded model must give exactly the trained model's outputs
const before = train.predict(model, testSet.x).data;
const after = train.predict(loaded, testSet.x).data;
const sameOutputs = before.length === after.length && before.every((v, i) => v === after[i]);
console.log(`loaded model gives the same outputs: ${sameOutputs}`);

console.log(
  "RESULT " +
    JSON.stringify({ epochs, testAccuracy: scores.accuracy, sameOutputs, predicted: names }),
);
