// Takes the README's picture of the playground: two spirals trained in the page until ≥ 90 % test
// accuracy, then the top of the page (controls, data, network with its neuron heat maps, decision
// boundary and loss curves) saved as docs/playground.png. Run: node --import tsx scripts/screenshot-playground.ts
// (builds the site itself; needs Debian's chromium).
import { fileURLToPath } from "node:url";
import { openPlayground } from "../test/playground/harness.js";

const OUT = fileURLToPath(new URL("../docs/playground.png", import.meta.url));
const QUERY =
  "dataset=spirals&points=500&trainRatio=0.7&hidden=8,8,8&activation=tanh&optimizer=adam&learningRate=0.01";

const opened = await openPlayground(QUERY);
try {
  const { page } = opened;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click("#play");
  await page.waitForFunction(
    () => Number(document.getElementById("test-accuracy")!.dataset.value) >= 0.9,
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  await page.click("#play"); // pause, so the picture matches the numbers it shows
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1280, height: 770 } });
  const errors = [...opened.consoleErrors, ...opened.pageErrors];
  if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join("\n")}`);
  console.log(`wrote ${OUT}`);
} finally {
  await opened.close();
}
