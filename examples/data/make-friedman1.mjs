// Writes friedman1.csv: Friedman's regression benchmark #1 (J. H. Friedman, "Multivariate Adaptive
// Regression Splines", Annals of Statistics 19(1), 1991), 400 rows with a fixed seed:
//
//   x1..x5 ~ U(0, 1)   y = 10·sin(π·x1·x2) + 20·(x3 − 0.5)² + 10·x4 + 5·x5 + ε,   ε ~ N(0, 1)
//
// The noise ε sets the floor: no model can reach a root-mean-square error much below σ = 1.
// Run: node examples/data/make-friedman1.mjs   (the committed CSV is this script's output)
import { writeFileSync } from "node:fs";

const ROWS = 400;

/** mulberry32: a small seeded uniform generator on [0, 1), independent of Myelin's own. */
function uniform(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const u = uniform(1991);
/** Box–Muller: two uniforms → one standard normal. */
const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

const lines = ["x1,x2,x3,x4,x5,y"];
for (let n = 0; n < ROWS; n++) {
  const x = [u(), u(), u(), u(), u()].map((v) => Number(v.toFixed(4)));
  const [x1, x2, x3, x4, x5] = x;
  const y = 10 * Math.sin(Math.PI * x1 * x2) + 20 * (x3 - 0.5) ** 2 + 10 * x4 + 5 * x5 + normal();
  lines.push([...x, y.toFixed(4)].join(","));
}
writeFileSync(new URL("friedman1.csv", import.meta.url), lines.join("\n") + "\n");
console.log(`wrote friedman1.csv: ${ROWS} rows`);
