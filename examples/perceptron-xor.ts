// perceptron-xor.ts — why neural networks need a hidden layer.
//
// Shows: Rosenblatt's perceptron (one threshold unit, output = step(w·x + b)) learns AND, which a
// straight line separates, and cannot learn XOR, which no line separates; a network with one hidden
// layer of 8 tanh units, trained by backpropagation, learns XOR.
//
// Claim: the perceptron converges on AND (100% right); on XOR it gets at most 3 of the 4 points
// right (≤ 75%) however long it trains; the MLP gets all 4 XOR points right (100%).
//
// Run: npx tsx examples/perceptron-xor.ts     (EPOCHS=N sets the epochs, --quick a short run)
import { Perceptron, losses, nn, noGrad, optim, seed, tensor } from "myelin";

const quick = process.argv.includes("--quick");
const epochs = Number(process.env.EPOCHS ?? (quick ? 300 : 1000));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error("EPOCHS must be a positive integer");

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const AND = [0, 0, 0, 1];
const XOR = [0, 1, 1, 0];
const accuracy = (predicted: number[], target: number[]) =>
  predicted.filter((p, i) => p === target[i]).length / target.length;

// 1. The perceptron rule, w ← w + η(t − y)x, on AND: it stops after the first epoch without a mistake.
const andUnit = new Perceptron({ inputs: 2, learningRate: 1 });
const andFit = andUnit.fit(X, AND, { epochs });
const andAccuracy = accuracy(andUnit.predict(X), AND);
console.log(`perceptron on AND: converged ${andFit.converged} after ${andFit.epochs} epochs`);
console.log(`  w = [${andUnit.weights.join(", ")}], b = ${andUnit.bias}, accuracy ${andAccuracy}`);

// 2. The same rule on XOR: a line w·x + b = 0 puts at least one of the four points on the wrong side.
const xorUnit = new Perceptron({ inputs: 2, learningRate: 1 });
const xorFit = xorUnit.fit(X, XOR, { epochs });
const perceptronXorAccuracy = accuracy(xorUnit.predict(X), XOR);
console.log(`perceptron on XOR: converged ${xorFit.converged} after ${xorFit.epochs} epochs`);
console.log(
  `  accuracy ${perceptronXorAccuracy} (mistakes in the last epoch: ${xorFit.errors.at(-1)})`,
);

// 3. A multi-layer perceptron: 2 inputs → 8 tanh units → 1 output (a logit: > 0 means class 1).
seed(1);
const x = tensor(X);
const t = tensor(XOR.map((v) => [v]));
const mlp = nn.sequential(nn.linear(2, 8), nn.tanh(), nn.linear(8, 1));
const opt = optim.adam(mlp.parameters(), { lr: 0.05 });
let loss = NaN;
for (let epoch = 0; epoch < epochs; epoch++) {
  opt.zeroGrad();
  const l = losses.bceWithLogits(mlp.forward(x), t); // forward pass and loss
  l.backward(); // backpropagation: ∂loss/∂w for every weight
  opt.step(); // w ← w + Δw
  loss = l.item();
}
const logits = noGrad(() => mlp.forward(x));
const mlpXorAccuracy = accuracy(
  Array.from(logits.data, (z) => (z > 0 ? 1 : 0)),
  XOR,
);
console.log(
  `MLP 2-8-1 on XOR: loss ${loss.toFixed(4)} after ${epochs} epochs, accuracy ${mlpXorAccuracy}`,
);

console.log(
  "RESULT " +
    JSON.stringify({
      epochs,
      andConverged: andFit.converged,
      andAccuracy,
      perceptronXorConverged: xorFit.converged,
      perceptronXorAccuracy,
      mlpXorAccuracy,
      mlpXorLoss: loss,
    }),
);
