// browser/main.ts — Myelin in a web page: trains a 2-8-1 network on XOR when the page loads.
//
// Shows: the browser entry ("myelin/browser": no Node modules; the WebAssembly SIMD kernels are
// inside the bundle and used where the browser supports SIMD), a training loop that yields to the
// page every few steps so it stays responsive, and the results written into the page.
//
// Claim: all 4 XOR points right (100%) after 300 Adam steps, on the wasm backend in Chromium.
//
// Run (from the repository root; any bundler works the same way):
//   npx esbuild examples/browser/main.ts --bundle --outfile=examples/browser/main.js
// then open examples/browser/index.html in a browser. `npm run examples` does this in Chromium.
import { getBackend, losses, nn, noGrad, optim, seed, tensor } from "myelin/browser";

const STEPS = 300;
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const XOR = [0, 1, 1, 0];

const status = document.getElementById("status")!;
const table = document.getElementById("predictions") as HTMLTableSectionElement;
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

async function trainXor() {
  seed(1);
  const x = tensor(X);
  const t = tensor(XOR.map((v) => [v]));
  const model = nn.sequential(nn.linear(2, 8), nn.tanh(), nn.linear(8, 1)); // outputs a logit
  const opt = optim.adam(model.parameters(), { lr: 0.05 });
  let loss = NaN;
  for (let step = 1; step <= STEPS; step++) {
    opt.zeroGrad();
    const l = losses.bceWithLogits(model.forward(x), t);
    l.backward();
    opt.step();
    loss = l.item();
    if (step % 50 === 0) {
      status.textContent = `step ${step}/${STEPS} · loss ${loss.toFixed(4)}`;
      await nextFrame(); // let the browser paint
    }
  }
  const probabilities = Array.from(noGrad(() => model.forward(x).sigmoid()).data);
  const accuracy = probabilities.filter((p, i) => (p > 0.5 ? 1 : 0) === XOR[i]).length / 4;
  return { loss, probabilities, accuracy };
}

async function main() {
  const { loss, probabilities, accuracy } = await trainXor();
  const backend = getBackend().name;
  status.textContent = `Trained: loss ${loss.toFixed(4)}, accuracy ${accuracy * 100}% (backend ${backend})`;
  X.forEach(([a, b], i) => {
    const row = table.insertRow();
    for (const v of [a, b, XOR[i], probabilities[i].toFixed(3)])
      row.insertCell().textContent = String(v);
  });
  console.log("RESULT " + JSON.stringify({ steps: STEPS, loss, accuracy, backend }));
}

main().catch((e: unknown) => {
  status.textContent = `Error: ${String(e)}`;
  console.error(e);
});
