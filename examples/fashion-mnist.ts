// fashion-mnist.ts — an image classifier on real data: 70,000 grey 28×28 pictures of clothes.
//
// Data: Fashion-MNIST (Zalando Research, MIT licence) as Debian packages it:
//   sudo apt-get install dataset-fashion-mnist    → /usr/share/datasets/fashion-mnist/*.gz
// (or pass the directory holding the four IDX files: npx tsx examples/fashion-mnist.ts DIR).
// Shows: data.loadFashionMnist (IDX files, pixels scaled to [0, 1], images flattened to 784
// numbers), an MLP 784 → 128 ReLU → 10, train.fit with a progress line per epoch, and accuracy
// on the 10,000 test images the network never saw, per class too.
//
// Claim: at least 80% test accuracy after one epoch (the --quick run); about 87% after 5 epochs.
//
// Run: npx tsx examples/fashion-mnist.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { existsSync } from "node:fs";
import { data, nn, seed, train } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 1 : 5));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

const dir = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? data.FASHION_MNIST_DIR;
if (!existsSync(dir)) {
  console.error(
    `fashion-mnist: ${dir} does not exist. Install the data set with\n` +
      `  sudo apt-get install dataset-fashion-mnist\n` +
      `or download the four *-ubyte.gz files from https://github.com/zalandoresearch/fashion-mnist ` +
      `and pass their directory: npx tsx examples/fashion-mnist.ts DIR`,
  );
  process.exit(1);
}

const started = performance.now();
const { train: trainSet, test: testSet } = await data.loadFashionMnist(dir);
const classes = trainSet.labelNames ?? [];
console.log(
  `loaded ${trainSet.x.shape[0]} training and ${testSet.x.shape[0]} test images of ` +
    `${trainSet.x.shape[1]} pixels in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`classes: ${classes.join(", ")}`);

seed(0);
const model = nn.sequential(nn.linear(784, 128), nn.relu(), nn.linear(128, 10)); // 10 logits
const trainStart = performance.now();
await train.fit(model, trainSet, {
  loss: "crossEntropy",
  optimizer: { name: "adam", lr: 1e-3 },
  epochs,
  batchSize: 128,
  metrics: ["accuracy"],
  seed: 0,
  callbacks: [train.progress()], // one line per epoch (a bar on a terminal)
});
const seconds = (performance.now() - trainStart) / 1000;

const scores = train.evaluate(model, testSet, { loss: "crossEntropy", metrics: ["accuracy"] });
console.log(
  `test accuracy ${scores.accuracy.toFixed(4)} after ${epochs} epoch(s), ${seconds.toFixed(1)} s of training`,
);

// accuracy per class: which clothes the network confuses (shirts with T-shirts and pullovers, mostly)
const logits = train.predict(model, testSet.x);
const confusion = train.confusionMatrix(logits, testSet.y, 10);
confusion.forEach((row, k) => {
  const total = row.reduce((a, b) => a + b, 0);
  console.log(`  ${(classes[k] ?? String(k)).padEnd(12)} ${((100 * row[k]) / total).toFixed(1)}%`);
});

console.log("RESULT " + JSON.stringify({ epochs, testAccuracy: scores.accuracy, seconds }));
