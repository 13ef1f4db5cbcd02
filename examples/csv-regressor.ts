// csv-regressor.ts — predicting a number from a CSV file.
//
// Data: examples/data/friedman1.csv, Friedman's benchmark #1 (400 rows, written by
// examples/data/make-friedman1.mjs): y = 10·sin(π·x1·x2) + 20·(x3 − 0.5)² + 10·x4 + 5·x5 + ε with
// x ~ U(0, 1) and noise ε ~ N(0, 1), so no model can get the root-mean-square error much below 1.
// Shows: a numeric target column (task "regression"), scaling the inputs and the target, an MLP
// trained with the mean squared error, scores in the target's units (R², RMSE, MAE) through the
// stored target scaling, and a prediction checked against the formula.
//
// Claim: test R² ≥ 0.85 and test RMSE ≤ 2 (twice the noise); at x = (0.5, 0.5, 0.5, 0.5, 0.5) the
// prediction is within 1.5 of the formula's 10·sin(π/4) + 0 + 5 + 2.5 ≈ 14.571.
//
// Run: npx tsx examples/csv-regressor.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { fileURLToPath } from "node:url";
import { data, io, nn, seed, tensor, train } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 150 : 300));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

const csvPath = fileURLToPath(new URL("data/friedman1.csv", import.meta.url));
const table = await data.readCsvFile(csvPath, { target: "y" });
console.log(
  `${csvPath}: ${table.x.shape[0]} rows, task ${table.task}, y ${JSON.stringify(table.y.shape)}`,
);

// Split, then standardize inputs and target with the training rows' mean and standard deviation
const split = data.trainTestSplit(table, { testFraction: 0.25, seed: 1 });
const xScaler = data.standardize(split.train.x);
const yScaler = data.standardize(split.train.y);
const trainSet = {
  ...split.train,
  x: xScaler.transform(split.train.x),
  y: yScaler.transform(split.train.y),
};

seed(1);
const model = nn.sequential(
  nn.linear(5, 32),
  nn.tanh(),
  nn.linear(32, 32),
  nn.tanh(),
  nn.linear(32, 1),
);
await train.fit(model, trainSet, {
  loss: "mse", // mean of (prediction − target)²
  optimizer: { name: "adam", lr: 0.005 },
  epochs,
  batchSize: 16,
  l2: 1e-3, // weight decay: adds 0.001·Σw² to the loss, so 300 rows do not get memorized
  seed: 1,
});

// The model's metadata says how raw inputs are scaled and how outputs map back to y's units;
// io.save(model, path, meta) would store exactly this next to the weights.
const meta: io.ModelMetadata = {
  task: "regression",
  loss: "mse",
  featureNames: table.featureNames,
  target: "y",
  preprocessing: { ...xScaler.toJSON() }, // a plain copy: the header field is typed as JSON
  targetScaling: yScaler.toJSON(),
};
const scores = train.scoreWithMetadata(model, meta, split.test.x, split.test.y);
const r2 = scores.r2 ?? NaN;
const rmse = scores.rmse ?? NaN;
console.log(
  `test: ${split.test.x.shape[0]} rows, R² ${r2.toFixed(4)}, RMSE ${rmse.toFixed(3)}, MAE ${scores.mae?.toFixed(3)}`,
);

const middle = [0.5, 0.5, 0.5, 0.5, 0.5];
const expected = 10 * Math.sin(Math.PI / 4) + 20 * 0 + 10 * 0.5 + 5 * 0.5;
const prediction = train.predictWithMetadata(model, meta, tensor([middle]));
if (prediction.task !== "regression") throw new Error("expected a regression model");
const predicted = prediction.values.item();
console.log(
  `x = ${JSON.stringify(middle)}: predicted ${predicted.toFixed(3)}, formula ${expected.toFixed(3)}`,
);

console.log(
  "RESULT " + JSON.stringify({ epochs, testR2: r2, testRmse: rmse, predicted, expected }),
);
