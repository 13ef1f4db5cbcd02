// two-spirals.ts — a classic hard toy problem: two interleaved spirals, one per class.
//
// Shows: a seeded synthetic data set, a train/test split, a small MLP built with nn.sequential,
// train.fit with the Adam optimizer and mini-batches, and train.evaluate on held-out points.
//
// Claim: the MLP classifies at least 95% of the held-out test points correctly.
//
// Run: npx tsx examples/two-spirals.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { data, nn, seed, train } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 150 : 300));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

seed(0); // weights start from the same random numbers every run
// 600 points (x, y) on two spirals, labels 0 and 1; 20% held out, never trained on
const spirals = data.twoSpirals({ n: 600, noise: 0.02, seed: 1 });
const { train: trainSet, test: testSet } = data.trainTestSplit(spirals, {
  testFraction: 0.2,
  seed: 2,
  stratify: true,
});

// 2 inputs → 64 → 64 → 2 logits (one per class); tanh bends the decision boundary smoothly
const model = nn.sequential(
  nn.linear(2, 64),
  nn.tanh(),
  nn.linear(64, 64),
  nn.tanh(),
  nn.linear(64, 2),
);

const history = await train.fit(model, trainSet, {
  loss: "crossEntropy", // softmax + negative log-likelihood on the logits
  optimizer: { name: "adam", lr: 0.01 },
  epochs,
  batchSize: 32,
  metrics: ["accuracy"],
  seed: 3,
});
const scores = train.evaluate(model, testSet, { loss: "crossEntropy", metrics: ["accuracy"] });

console.log(model.toString());
console.log(`train: loss ${history.last.loss.toFixed(4)}, accuracy ${history.last.accuracy}`);
console.log(`test:  loss ${scores.loss.toFixed(4)}, accuracy ${scores.accuracy}`);
console.log(
  "RESULT " +
    JSON.stringify({
      epochs,
      trainAccuracy: history.last.accuracy,
      testAccuracy: scores.accuracy,
      testRows: testSet.x.shape[0],
    }),
);
