// The HTML training report opens in Debian's Chromium with every plot rendered: a deep sigmoid
// run (which has a health warning) writes its report, the page is opened from disk (it is
// self-contained: no network, no scripts), and every <svg> must lay out with a non-zero size and
// draw marks. The sections of issue 11 — training curves, gradient flow per layer, learning rate,
// weight histograms and the health warnings — must each be there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { needsSystemPackage } from "../support/system-package.js";
import { cli, tempDir } from "../cli/helpers.js";

const CHROMIUM = process.env.MYELIN_CHROMIUM ?? "/usr/bin/chromium";

interface Rendered {
  headings: string[];
  svgs: { width: number; height: number; marks: number }[];
  warnings: number;
  requests: number;
}

test(
  "the training report renders every plot in Chromium",
  needsSystemPackage(CHROMIUM, "chromium"),
  async () => {
    const work = tempDir("myelin-report-");
    try {
      const layers = "16,16,16,16,16,16,16,16";
      const r = cli(
        [
          ...["train", "--data", "spirals", "--layers", layers, "--activation", "sigmoid"],
          ...["--epochs", "3", "--out", "deep.myelin"],
        ],
        work.dir,
      );
      assert.equal(r.code, 0, r.stderr);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      try {
        const page = await browser.newPage();
        let requests = 0;
        page.on("request", (req) => {
          if (!req.url().startsWith("file:")) requests++;
        });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(join(work.dir, "deep.report.html")).href);
        const rendered = await page.evaluate((): Rendered => {
          const svgs = Array.from(document.querySelectorAll("svg")).map((svg) => {
            const box = svg.getBoundingClientRect();
            const marks = svg.querySelectorAll("path, polyline, line, rect, circle").length;
            return { width: box.width, height: box.height, marks };
          });
          const headings = Array.from(document.querySelectorAll("h2, h3, figcaption")).map(
            (h) => h.textContent ?? "",
          );
          const warnings = Array.from(document.querySelectorAll("li")).filter((li) =>
            /vanishing/.test(li.textContent ?? ""),
          ).length;
          return { headings, svgs, warnings, requests: 0 };
        });
        rendered.requests = requests;
        assert.deepEqual(errors, []);
        assert.equal(rendered.requests, 0, "the report must not load anything");
        for (const section of ["Training curves", "Gradient flow and health", "Health warnings"]) {
          assert.ok(
            rendered.headings.some((h) => h.includes(section)),
            `missing section "${section}" in ${JSON.stringify(rendered.headings)}`,
          );
        }
        const text = rendered.headings.join(" | ");
        assert.match(text, /learning rate/i);
        assert.match(text, /Gradient norm .* per layer/);
        assert.match(text, /Weights at the start/); // weight histograms
        assert.match(text, /Weights at the end/);
        assert.ok(rendered.svgs.length >= 5, `${rendered.svgs.length} plots`);
        for (const [i, svg] of rendered.svgs.entries()) {
          assert.ok(
            svg.width > 50 && svg.height > 50,
            `plot ${i} laid out ${svg.width}×${svg.height}`,
          );
          assert.ok(svg.marks > 2, `plot ${i} draws ${svg.marks} marks`);
        }
        assert.ok(rendered.warnings >= 1, "the vanishing warning is listed");
      } finally {
        await browser.close();
      }
    } finally {
      work.done();
    }
  },
);
