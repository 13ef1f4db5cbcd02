// erf/erfc against 40-digit mpmath values (test/reference/activations.json) and identities.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { erf, erfc } from "./erf.js";

interface ErfRow {
  x: number;
  erf: number;
  erfc: number;
}
const ref = JSON.parse(
  readFileSync(new URL("../../test/reference/activations.json", import.meta.url), "utf8"),
) as { erf: ErfRow[] };

test("erf: |error| < 1e-14 against 40-digit values on [−6, 6] and in the tails", () => {
  assert.ok(ref.erf.length > 150);
  let worst = 0;
  for (const r of ref.erf) {
    const e = Math.abs(erf(r.x) - r.erf);
    worst = Math.max(worst, e);
    assert.ok(e < 1e-14, `erf(${r.x}) = ${erf(r.x)}, expected ${r.erf} (error ${e})`);
  }
  assert.ok(worst < 1e-15, `worst erf error ${worst}`);
});

test("erfc: relative error < 1e-14 where erfc(x) ≥ 1e-300 (tail included, up to x = 26)", () => {
  for (const r of ref.erf) {
    if (r.erfc < 1e-300) continue;
    const rel = Math.abs(erfc(r.x) - r.erfc) / r.erfc;
    assert.ok(rel < 1e-14, `erfc(${r.x}) = ${erfc(r.x)}, expected ${r.erfc} (rel ${rel})`);
  }
});

test("erf: known values, odd symmetry, limits, NaN", () => {
  // Abramowitz & Stegun table 7.1 (rounded to 10+ digits)
  assert.ok(Math.abs(erf(1) - 0.8427007929497149) < 1e-15);
  assert.ok(Math.abs(erf(0.5) - 0.5204998778130465) < 1e-15);
  assert.equal(erf(0), 0);
  for (const x of [1e-300, 0.3, 1.49, 1.5, 2.7, 5.5]) assert.equal(erf(-x), -erf(x));
  assert.equal(erf(Infinity), 1);
  assert.equal(erf(-Infinity), -1);
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
  assert.equal(erfc(30), 0);
  assert.ok(Number.isNaN(erf(NaN)) && Number.isNaN(erfc(NaN)));
  // erf(x) ≈ 2x/√π for tiny x
  assert.equal(erf(1e-300), (2 / Math.sqrt(Math.PI)) * 1e-300);
});

test("erf + erfc = 1 and erfc(−x) = 2 − erfc(x)", () => {
  for (let x = -6; x <= 6; x += 0.0625) {
    assert.ok(Math.abs(erf(x) + erfc(x) - 1) < 2e-16, `x=${x}`);
    assert.ok(Math.abs(erfc(-x) - (2 - erfc(x))) < 5e-16, `x=${x}`);
  }
});

test("erf is continuous across the series/continued-fraction switch at 1.5", () => {
  const below = erf(1.5 - 1e-12);
  const at = erf(1.5);
  // erf′(1.5) = (2/√π)e^(−2.25) ≈ 0.1189; a 1e-12 step changes erf by ≈ 1.2e-13
  assert.ok(Math.abs(at - below - 0.1189 * 1e-12) < 2e-15, `${at - below}`);
});
