// embedding-margin.ts — learning a distance instead of a class: an embedding network trained with
// the triplet margin loss.
//
// Shows: a network f that maps each point to an 8-number embedding, trained on triplets (anchor a,
// positive p of the same class, negative n of the other class) with losses.tripletMargin,
//   l = max(0, ‖f(a) − f(p)‖ − ‖f(a) − f(n)‖ + margin),
// which pulls same-class pairs together and pushes other-class pairs at least `margin` further
// away. The classes are two concentric circles (radius 1 and 0.5): in the input plane a point on
// the outer circle is often nearer to inner points than to the far side of its own circle, so
// raw distance says little about the class.
//
// Claim: on held-out test points, the triplet accuracy (the share of triplets whose positive is
// closer to the anchor than the negative) is at most 65% in the input plane and at least 95% in
// the trained embedding; there, same-class pairs are closer on average than other-class pairs.
//
// Run: npx tsx examples/embedding-margin.ts     (EPOCHS=N sets the steps, --quick a short run)
import { Random, data, losses, nn, noGrad, optim, seed, type Tensor } from "myelin";

const quick = process.argv.includes("--quick");
const steps = Number(process.env.EPOCHS ?? (quick ? 400 : 1500));
if (!Number.isInteger(steps) || steps < 1) throw new Error("EPOCHS must be a positive integer");

seed(0);
const circles = data.circles({ n: 600, noise: 0.05, factor: 0.5, seed: 1 });
const { train: trainSet, test: testSet } = data.trainTestSplit(circles, {
  testFraction: 0.25,
  seed: 2,
});

/** Random triplets from a labelled set: row indices of anchors, positives and negatives. */
function sampleTriplets(y: Tensor, count: number, rng: Random) {
  const byClass: number[][] = [[], []];
  y.data.forEach((c, i) => byClass[c].push(i));
  const pick = (list: number[]) => list[rng.int(list.length)];
  const anchors: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let t = 0; t < count; t++) {
    const c = rng.int(2);
    anchors.push(pick(byClass[c]));
    positives.push(pick(byClass[c]));
    negatives.push(pick(byClass[1 - c]));
  }
  return { anchors, positives, negatives };
}

/** Share of triplets with d(a, p) < d(a, n), and the mean same- and other-class distances. */
function tripletStats(points: Tensor, t: ReturnType<typeof sampleTriplets>) {
  const dist = (i: number, j: number) => {
    const width = points.shape[1];
    let s = 0;
    for (let k = 0; k < width; k++)
      s += (points.data[i * width + k] - points.data[j * width + k]) ** 2;
    return Math.sqrt(s);
  };
  let correct = 0;
  let same = 0;
  let other = 0;
  t.anchors.forEach((a, i) => {
    const dp = dist(a, t.positives[i]);
    const dn = dist(a, t.negatives[i]);
    if (dp < dn) correct++;
    same += dp;
    other += dn;
  });
  const n = t.anchors.length;
  return { accuracy: correct / n, meanSame: same / n, meanOther: other / n };
}

// f: 2 → 64 → 64 → 8, an embedding (no softmax, no classes)
const embed = nn.sequential(
  nn.linear(2, 64),
  nn.tanh(),
  nn.linear(64, 64),
  nn.tanh(),
  nn.linear(64, 8),
);
const optimizer = optim.adam(embed.parameters(), { lr: 0.01 });
const rng = new Random(3);

const testTriplets = sampleTriplets(testSet.y, 2000, new Random(4));
const inputStats = tripletStats(testSet.x, testTriplets);
console.log(`input plane: triplet accuracy ${inputStats.accuracy.toFixed(3)}`);

for (let step = 0; step < steps; step++) {
  const t = sampleTriplets(trainSet.y, 64, rng);
  optimizer.zeroGrad();
  const loss = losses.tripletMargin(
    embed.forward(trainSet.x.indexSelect(t.anchors)),
    embed.forward(trainSet.x.indexSelect(t.positives)),
    embed.forward(trainSet.x.indexSelect(t.negatives)),
    { margin: 1 },
  );
  loss.backward();
  optimizer.step();
  if (step % 200 === 199)
    console.log(`step ${step + 1}/${steps} · triplet loss ${loss.item().toFixed(4)}`);
}

const embedded = noGrad(() => embed.forward(testSet.x));
const embeddingStats = tripletStats(embedded, testTriplets);
console.log(
  `embedding:   triplet accuracy ${embeddingStats.accuracy.toFixed(3)}; mean distance same class ` +
    `${embeddingStats.meanSame.toFixed(3)}, other class ${embeddingStats.meanOther.toFixed(3)}`,
);

console.log(
  "RESULT " +
    JSON.stringify({
      steps,
      inputTripletAccuracy: inputStats.accuracy,
      embeddingTripletAccuracy: embeddingStats.accuracy,
      meanSameClassDistance: embeddingStats.meanSame,
      meanOtherClassDistance: embeddingStats.meanOther,
    }),
);
