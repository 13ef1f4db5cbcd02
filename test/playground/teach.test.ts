// The teaching views in the real page (headless Chromium): the gradient-flow warning for the deep
// sigmoid preset and not for its ReLU + batch-norm twin, the NaN alarm after a poisoned weight,
// an optimizer race of two or more curves, and the activation explorer's ticks against the
// library's property table read here in Node.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { activations } from "../../src/index.js";
import { needsChromium, openPlayground, screenshot } from "./harness.js";
import { PALETTE } from "../../playground/src/teach/chart.js";

const E2E = { timeout: 120_000, ...needsChromium };

const epoch = (page: Page): Promise<number> => page.$eval("#epoch", (el) => Number(el.textContent));

async function trainAtLeast(page: Page, epochs: number): Promise<void> {
  if ((await page.textContent("#play")) === "Play") await page.click("#play");
  await page.waitForFunction(
    (n) => Number(document.querySelector("#epoch")?.textContent) >= n,
    epochs,
    { timeout: 60_000 },
  );
}

/** How many of the canvas's pixels have exactly this #rrggbb colour. */
function countColor(page: Page, selector: string, hex: string): Promise<number> {
  return page.$eval(
    selector,
    (canvas, rgb) => {
      const c = canvas as HTMLCanvasElement;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) n++;
      }
      return n;
    },
    [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)),
  );
}

test(
  "deep sigmoid preset: the vanishing warning shows; its ReLU + batch-norm twin: none",
  E2E,
  async () => {
    const pg = await openPlayground();
    try {
      const { page } = pg;
      await page.click('button[data-preset="deep-sigmoid"]');
      await trainAtLeast(page, 3);
      const warning = page.locator(".gradient-flow .teach-warning");
      await warning.waitFor({ state: "visible", timeout: 30_000 });
      assert.match((await warning.getAttribute("data-kinds")) ?? "", /vanishing/);
      assert.match((await warning.textContent()) ?? "", /ReLU, batch norm, or He init/);
      // six lines, one per Linear layer, and a legend naming them
      assert.equal(await page.locator(".gradient-flow .legend li").count(), 7);
      for (const color of PALETTE.slice(0, 2)) {
        assert.ok((await countColor(page, ".gradient-flow canvas", color)) > 20, color);
      }
      await screenshot(page, "teach-deep-sigmoid");

      await page.click('button[data-preset="deep-relu-bn"]');
      assert.equal(await warning.isVisible(), false, "the warning is cleared by the new setup");
      await trainAtLeast(page, 5);
      assert.ok((await epoch(page)) >= 5);
      assert.equal(await warning.isVisible(), false);
      assert.deepEqual(pg.consoleErrors, []);
      assert.deepEqual(pg.pageErrors, []);
    } finally {
      await pg.close();
    }
  },
);

test(
  "poison: the NaN alarm names the layer, the epoch and step, and training pauses",
  E2E,
  async () => {
    const pg = await openPlayground();
    try {
      const { page } = pg;
      await trainAtLeast(page, 2);
      await page.evaluate(() => window.myelinPlayground.command("poison", { layer: 1 }));
      const alarm = page.locator('.nan-alarm[role="alert"]');
      await alarm.waitFor({ state: "visible", timeout: 30_000 });
      const text = (await alarm.textContent()) ?? "";
      // hidden [4, 2]: the second Linear layer is the Sequential's layers[2]
      assert.match(text, /layer 2\b/);
      assert.match(text, /epoch \d+, step \d+/);
      // the remedy for a weight training did not put there (a NaN from training names lr/clipping)
      assert.match(text, /reset/);
      await page.waitForFunction(() => document.querySelector("#play")?.textContent === "Play");
      const at = await epoch(page);
      await page.waitForTimeout(500);
      assert.equal(await epoch(page), at, "training stays paused");
      await screenshot(page, "teach-nan-alarm");
      assert.deepEqual(pg.pageErrors, []);
    } finally {
      await pg.close();
    }
  },
);

test("optimizer race: one curve per racer on one canvas", E2E, async () => {
  const pg = await openPlayground();
  try {
    const { page } = pg;
    await page.click('button[data-preset="optimizer-race"]');
    const racers = page.locator(".race .legend li");
    await page.waitForFunction(
      () => {
        const items = Array.from(document.querySelectorAll(".race .legend li"));
        return (
          items.length >= 2 && items.every((li) => Number(li.getAttribute("data-epochs")) >= 5)
        );
      },
      undefined,
      { timeout: 60_000 },
    );
    const n = await racers.count();
    assert.ok(n >= 2);
    await page.waitForTimeout(100); // one animation frame for the last records
    for (const color of PALETTE.slice(0, n)) {
      assert.ok((await countColor(page, ".race canvas", color)) > 20, `curve ${color}`);
    }
    await screenshot(page, "teach-race");
    assert.deepEqual(pg.consoleErrors, []);
    assert.deepEqual(pg.pageErrors, []);
  } finally {
    await pg.close();
  }
});

test(
  "activation explorer: relu's and sigmoid's ticks are the library's property table",
  E2E,
  async () => {
    const pg = await openPlayground();
    try {
      const { page } = pg;
      const select = page
        .getByLabel("Activation", { exact: false })
        .and(page.locator(".activation-explorer select"));
      for (const name of ["relu", "sigmoid"]) {
        await select.selectOption(name);
        const marks = await page.$$eval(".activation-explorer [data-property]", (els) =>
          els.map(
            (e) =>
              [
                (e as HTMLElement).dataset.property!,
                (e as HTMLElement).dataset.holds === "true",
              ] as const,
          ),
        );
        const table = activations.properties(name);
        assert.equal(marks.length, 7);
        for (const [key, holds] of marks) {
          assert.equal(holds, table[key as keyof typeof table], `${name}: ${key}`);
        }
        assert.ok((await countColor(page, ".activation-explorer canvas", PALETTE[0])) > 20);
        assert.ok((await countColor(page, ".activation-explorer canvas", PALETTE[1])) > 20);
      }
      // the two differ where the article says: sigmoid saturates and is smooth, relu neither
      const sigmoid = activations.properties("sigmoid");
      const relu = activations.properties("relu");
      assert.deepEqual(
        [sigmoid.saturating, sigmoid.smooth, relu.saturating, relu.smooth],
        [true, true, false, false],
      );
      await screenshot(page, "teach-explorer");
    } finally {
      await pg.close();
    }
  },
);
