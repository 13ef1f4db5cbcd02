// The playground page end to end in Debian's Chromium (C's harness builds the site and serves it
// under the real server's CSP): it loads with no console or page error and no foreign request;
// the default task trains in the worker (epochs per second measured and printed) while the page
// keeps drawing frames; every canvas draws something (screenshots in dist/playground-shots);
// two spirals reach ≥ 90 % test accuracy within a bounded number of epochs; a link reproduces a
// setup (controls, getSetup, the same first-epoch loss twice); a bad link is reported as text;
// a CSV chosen through the file input is plotted and trained, and a broken one explained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { decodeSetup } from "../../playground/src/url-state.js";
import { needsChromium, openPlayground, screenshot, type OpenedPlayground } from "./harness.js";

const E2E = { timeout: 120_000, ...needsChromium };

/** The number an <output> of the stats line holds (data-value; NaN before the first epoch). */
async function stat(page: Page, id: string): Promise<number> {
  const text = await page.locator(`#${id}`).getAttribute("data-value");
  return text === null || text === "" ? NaN : Number(text);
}

async function withPlayground(query: string, body: (pg: OpenedPlayground) => Promise<void>) {
  const pg = await openPlayground(query);
  try {
    await body(pg);
    assert.deepEqual(pg.consoleErrors, [], "console errors");
    assert.deepEqual(pg.pageErrors, [], "page errors");
    const foreign = pg.requests.filter((u) => !u.startsWith(pg.origin) && !u.startsWith("data:"));
    assert.deepEqual(foreign, [], "every request stays on the page's origin");
  } finally {
    await pg.close();
  }
}

// Functions with named inner functions run in the page as strings (page.evaluate only: the CSP
// forbids waitForFunction's string eval): tsx compiles them with a __name helper only Node has.

/** For each canvas: its id (or aria-label) and how many distinct colours its pixels hold (≤ 50). */
function canvasColours(page: Page): Promise<{ name: string; colours: number }[]> {
  return page.evaluate(`[...document.querySelectorAll("canvas")].map((c) => {
    const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < px.length && seen.size < 50; i += 4) {
      seen.add(((px[i] * 256 + px[i + 1]) * 256 + px[i + 2]) * 256 + px[i + 3]);
    }
    return { name: c.id || c.getAttribute("aria-label") || "canvas", colours: seen.size };
  })`);
}

/** Epochs per second, and frames the main thread drew meanwhile, over `ms` of training. */
const MEASURE_SPEED = (ms: number) => `(async () => {
  const epoch = () => Number(document.getElementById("epoch").dataset.value);
  let frames = 0;
  const e0 = epoch();
  const t0 = performance.now();
  const count = () => {
    frames++;
    if (performance.now() < t0 + ${ms}) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  await new Promise((r) => setTimeout(r, ${ms}));
  const seconds = (performance.now() - t0) / 1000;
  return { epochsPerSecond: (epoch() - e0) / seconds, framesPerSecond: frames / seconds };
})()`;

test("the default page loads clean, trains in the worker and draws every canvas", E2E, async () => {
  await withPlayground("", async ({ page }) => {
    await page.locator("#epoch").waitFor();
    assert.equal(await stat(page, "epoch"), 0);
    await page.click("#play");
    await page.waitForFunction(() => Number(document.getElementById("epoch")!.textContent) > 50);
    // epochs per second, and frames the main thread drew meanwhile, over 3 s
    const measured = (await page.evaluate(MEASURE_SPEED(3000))) as {
      epochsPerSecond: number;
      framesPerSecond: number;
    };
    console.log(
      `default task (circles, 2-4-2 tanh, batch 10, 100 train points): ` +
        `${measured.epochsPerSecond.toFixed(0)} epochs/s, page drew ${measured.framesPerSecond.toFixed(0)} frames/s`,
    );
    // a loose floor (speed is measured, not benchmarked, here): the target is 60 epochs/s
    assert.ok(measured.epochsPerSecond >= 30, `${measured.epochsPerSecond} epochs/s`);
    assert.ok(measured.framesPerSecond >= 10, `page froze: ${measured.framesPerSecond} frames/s`);
    await page.click("#play"); // pause
    await page.waitForFunction(() => document.getElementById("play")!.textContent === "Play");
    assert.ok((await stat(page, "test-accuracy")) >= 0.95, "circles are learned");
    await page.waitForTimeout(100); // one more frame after the pause
    await screenshot(page, "playground-default");
    const canvases = await canvasColours(page);
    assert.ok(canvases.length >= 5, `canvases: ${canvases.map((c) => c.name).join(", ")}`);
    for (const c of canvases) assert.ok(c.colours > 1, `canvas ${c.name} is blank`);
  });
});

test("two spirals reach ≥ 90 % test accuracy within 600 epochs", E2E, async () => {
  const query =
    "dataset=spirals&points=500&trainRatio=0.7&hidden=8,8,8&activation=tanh&optimizer=adam&learningRate=0.01";
  await withPlayground(query, async ({ page }) => {
    await page.click("#play");
    // the first reading with ≥ 90 % (or the bound), taken in the page so epoch and accuracy match
    const reached = await page.waitForFunction(
      () => {
        const epoch = Number(document.getElementById("epoch")!.dataset.value);
        const accuracy = Number(document.getElementById("test-accuracy")!.dataset.value);
        return accuracy >= 0.9 || epoch >= 600 ? { epoch, accuracy } : false;
      },
      undefined,
      { timeout: 90_000, polling: 50 },
    );
    const { epoch, accuracy } = (await reached.jsonValue()) as { epoch: number; accuracy: number };
    console.log(`spirals: test accuracy ${(100 * accuracy).toFixed(1)} % at epoch ${epoch}`);
    assert.ok(accuracy >= 0.9, `test accuracy ${accuracy} at epoch ${epoch}`);
    await page.click("#play");
    await screenshot(page, "playground-spirals");
  });
});

const CUSTOM =
  "dataset=moons-multi&classes=4&noise=10&points=300&trainRatio=0.6&seed=42&features=x1x2&hidden=6,3" +
  "&activation=relu&init=he&batchNorm=true&dropout=0&optimizer=rmsprop&learningRate=0.005" +
  "&batchSize=16&l1=0&l2=0.001&clip=norm&clipValue=2";

/** Open the link, check the controls show it, train one epoch; resolves with that epoch's losses. */
async function firstEpoch(query: string): Promise<[number, number]> {
  let losses: [number, number] = [NaN, NaN];
  await withPlayground(query, async ({ page }) => {
    const expected = decodeSetup(query).setup;
    assert.deepEqual(await page.evaluate(() => window.myelinPlayground.getSetup()), expected);
    const value = (name: string) => page.locator(`[name="${name}"]`).inputValue();
    assert.equal(await value("dataset"), "moons-multi");
    assert.equal(await value("classes"), "4");
    assert.equal(await value("activation"), "relu");
    assert.equal(await value("init"), "he");
    assert.equal(await value("optimizer"), "rmsprop");
    assert.equal(await value("learningRate"), "0.005");
    assert.equal(await value("clip"), "norm");
    assert.equal(await page.locator('[name="batchNorm"]').isChecked(), true);
    assert.equal(await page.locator('[name="feature-x1x2"]').isChecked(), true);
    assert.equal(await page.locator('[name="feature-x1sq"]').isChecked(), false);
    assert.equal(await page.locator(".layer-col").count(), 2);
    await page.click("#step");
    await page.waitForFunction(() => document.getElementById("epoch")!.dataset.value === "1");
    losses = [await stat(page, "train-loss"), await stat(page, "test-loss")];
    // the page's URL carries the same setup back
    const url = await page.evaluate(() => location.search);
    assert.deepEqual(decodeSetup(url), { setup: expected, problems: [] });
  });
  return losses;
}

test(
  "a link reproduces a setup: the controls show it, the first epoch's loss is the same twice",
  E2E,
  async () => {
    const a = await firstEpoch(CUSTOM);
    const b = await firstEpoch(CUSTOM);
    assert.ok(Number.isFinite(a[0]) && a[0] > 0, `train loss ${a[0]}`);
    assert.deepEqual(b, a);
    // 4 classes: a first-epoch cross-entropy near ln 4 ≈ 1.39, not a bce value
    assert.ok(a[0] > 0.5 && a[0] < 3, `train loss ${a[0]}`);
  },
);

test("a bad link is explained in words and shown as text, never as markup", E2E, async () => {
  const query = "noise=abc&activation=%3Cimg%20src%3Dx%20id%3Dinjected%3E&foo=1";
  await withPlayground(query, async ({ page }) => {
    const items = await page.locator("#problems li").allTextContents();
    assert.equal(items.length, 3, items.join(" | "));
    assert.match(items[0], /noise="abc" is not a number in 0–50; using 0/);
    assert.match(items[1], /activation="<img src=x id=injected>" is not one of/);
    assert.match(items[2], /Unknown parameter "foo" ignored/);
    assert.equal(await page.locator("#injected").count(), 0);
    assert.equal(await page.locator('[name="activation"]').inputValue(), "tanh");
  });
});

test(
  "a CSV picked through the file input is plotted and trained; a broken one is explained",
  E2E,
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "myelin-playground-csv-"));
    try {
      // three labelled clusters, in raw units (the page scales them)
      const rows = ["length_cm,weight_g,species"];
      const centres: [number, number, string][] = [
        [10, 200, "alpha"],
        [30, 200, "beta"],
        [20, 600, "<b>gamma</b>"],
      ];
      for (let i = 0; i < 90; i++) {
        const [cx, cy, label] = centres[i % 3];
        rows.push(`${cx + ((i * 7) % 11) - 5},${cy + ((i * 13) % 17) * 5 - 40},${label}`);
      }
      const good = join(dir, "fish.csv");
      writeFileSync(good, rows.join("\n") + "\n");
      const bad = join(dir, "broken.csv");
      writeFileSync(bad, 'a,b,c\n1,2,x\n1,2.5,y\n3,1,x\n4,1,5\n2,1,0x1F\n1,"1,5",x\n');
      await withPlayground("learningRate=0.1&optimizer=adam", async ({ page }) => {
        await page.setInputFiles("#csv-file", bad);
        await page.waitForFunction(() => document.querySelector(".csv-status")!.textContent !== "");
        const error = await page.locator(".csv-status").textContent();
        assert.match(error ?? "", /broken.csv line 7, column "b": "1,5" uses a decimal comma/);
        assert.equal(await page.locator('[name="dataset"]').inputValue(), "circles");

        await page.setInputFiles("#csv-file", good);
        await page.waitForFunction(() =>
          /classes/.test(document.querySelector(".csv-status")!.textContent!),
        );
        const status = await page.locator(".csv-status").textContent();
        assert.equal(
          status,
          "fish.csv: length_cm, weight_g → species; 90 rows, 3 classes: alpha, beta, <b>gamma</b>",
        );
        assert.equal(await page.locator(".csv-status b").count(), 0);
        assert.equal(await page.locator('[name="dataset"]').inputValue(), "csv");
        assert.equal(
          (await page.evaluate(() => window.myelinPlayground.getSetup())).dataset,
          "csv",
        );
        await page.click("#play");
        await page.waitForFunction(
          () => Number(document.getElementById("test-accuracy")!.dataset.value) >= 0.9,
          undefined,
          { timeout: 60_000 },
        );
        await page.click("#play");
        const canvases = await canvasColours(page);
        const boundary = canvases.find((c) => c.name === "boundary")!;
        assert.ok(boundary.colours > 3, "three classes coloured on the boundary");
        await screenshot(page, "playground-csv");
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

/** Every visible form control with no accessible name: "tag#id" for each (label, aria-label, text). */
const UNLABELLED = `[...document.querySelectorAll("input, select, button, textarea")]
  .filter((el) => el.getClientRects().length > 0 && el.type !== "hidden")
  .filter((el) => {
    const byId = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join("");
    const name = (el.getAttribute("aria-label") ?? "") +
      byId(el.getAttribute("aria-labelledby") ?? "") +
      [...(el.labels ?? [])].map((l) => l.textContent).join("") +
      (el.tagName === "BUTTON" ? el.textContent : "") + (el.title ?? "");
    return name.trim() === "";
  })
  .map((el) => el.tagName.toLowerCase() + "#" + (el.id || el.getAttribute("name") || "?"))`;

test(
  "usable by keyboard: every control has an accessible name, Tab reaches Play and Space starts training",
  E2E,
  async () => {
    await withPlayground("", async ({ page }) => {
      assert.deepEqual(await page.evaluate(UNLABELLED), [], "controls without an accessible name");
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(`document.activeElement?.id === "play"`);
      }
      assert.ok(reached, "Tab never focused the Play button");
      await page.keyboard.press("Space");
      await page.waitForFunction(
        () => Number(document.getElementById("epoch")!.dataset.value) >= 5,
        undefined,
        {
          timeout: 30_000,
          polling: 50,
        },
      );
      await page.keyboard.press("Space"); // pause again, by keyboard
      assert.equal((await page.locator("#play").textContent())?.trim(), "Play");
    });
  },
);
