// The training report's diagnostics section: per-layer gradient norms and update ratios (log
// scale), the learning rate, weight histograms at start and end and the health warnings, as
// well-formed inline SVG (checked by parsing the markup here, not in a browser).
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeReport, type ReportInput } from "./report.js";

const layer = (name: string, gradNorm: number) => ({
  layer: name,
  index: 0,
  gradNorm,
  weightNorm: 1,
  updateRatio: 1e-3,
  saturated: null,
  dead: null,
  activation: null,
});

const INPUT: ReportInput = {
  title: "t",
  source: "spirals",
  task: "binary",
  history: [1, 2, 3].map((e) => ({ loss: 1 / e, lr: 0.01 / e })),
  scores: {},
  hyperParameters: {},
  architecture: [],
  seconds: 1,
  modelPath: "m.myelin",
  diagnostics: {
    records: [1, 2, 3].map((e) => ({
      epoch: e,
      batch: 4,
      step: 4 * e,
      layers: [layer("layer 0 (Linear)", 1e-7 * e), layer("layer 2 (Linear)", 0.1 * e)],
    })),
    warnings: [
      {
        kind: "vanishing",
        layer: "layer 0 (Linear)",
        message: "layer 0 (Linear)'s gradients are 1e-6 of layer 2 (Linear)'s: vanishing <&>",
        remedy: "try ReLU, batch norm or He initialization",
        epoch: 1,
      },
    ],
    weightHistograms: {
      start: { min: -1, max: 1, counts: [1, 5, 9, 5, 1] },
      end: { min: -2, max: 2, counts: [2, 4, 6, 4, 2] },
    },
  },
};

async function render(input: ReportInput): Promise<string> {
  let html = "";
  await writeReport("r.html", input, {
    write: (_p, bytes) => {
      html = new TextDecoder().decode(bytes);
      return Promise.resolve();
    },
  });
  return html;
}

/** Every <svg> … </svg> with its caption; throws unless each svg's tags nest and close. */
function figures(html: string): { caption: string; svg: string }[] {
  const re = /<figure><figcaption>([^<]*)<\/figcaption>(<svg[\s\S]*?<\/svg>)<\/figure>/g;
  return [...html.matchAll(re)].map(([, caption, svg]) => {
    const open: string[] = [];
    for (const [tag, close, name, self] of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (self) continue;
      if (!close) open.push(name);
      else assert.equal(open.pop(), name, `unbalanced ${tag} in ${caption}`);
    }
    assert.deepEqual(open, [], caption);
    return { caption, svg };
  });
}

test("report: gradient norms per layer, update ratios, lr, weight histograms and warnings", async () => {
  const html = await render(INPUT);
  const byCaption = new Map(figures(html).map((f) => [f.caption, f.svg]));
  const grads = byCaption.get("Gradient norm ‖∂L/∂W‖ per layer, per epoch (log scale)");
  assert.ok(grads, [...byCaption.keys()].join(" | "));
  assert.equal(grads.match(/<polyline/g)?.length, 2); // one line per layer
  assert.match(grads, />layer 0</);
  assert.match(grads, />1\.0e-7</); // log-scale ticks reach the smallest norm
  assert.ok(byCaption.get("Update ratio ‖ΔW‖/‖W‖ per layer, per epoch (log scale)"));
  const lr = byCaption.get("Learning rate per epoch");
  assert.ok(lr);
  assert.equal(lr.match(/<polyline[^>]*points="([^"]*)"/)![1].split(" ").length, 3);
  for (const [caption, bins] of [
    ["Weights at the start (all Linear layers)", 5],
    ["Weights at the end (all Linear layers)", 5],
  ] as const) {
    assert.equal(byCaption.get(caption)?.match(/class="bar"/g)?.length, bins, caption);
  }
  assert.match(
    html,
    /<li>epoch 1: layer 0 \(Linear\)&#39;s gradients are 1e-6 of layer 2 \(Linear\)&#39;s: vanishing &#60;&#38;&#62; — try ReLU/,
  );
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i.test(html), "self-contained");
});

test("report: records every N steps are plotted against the recorded step, not the epoch", async () => {
  const d = INPUT.diagnostics!;
  const records = [...d.records, ...d.records].map((r, i) => ({ ...r, step: i + 1 }));
  const html = await render({ ...INPUT, diagnostics: { ...d, records } });
  const grads = figures(html).find((f) => f.caption.startsWith("Gradient norm"));
  assert.equal(grads?.caption, "Gradient norm ‖∂L/∂W‖ per layer, at 6 recorded steps (log scale)");
  assert.match(grads.svg, />recorded step \(1–6\)</);
});

test("report: without diagnostics, the learning rate is still plotted and nothing else is claimed", async () => {
  const html = await render({ ...INPUT, diagnostics: undefined });
  const captions = figures(html).map((f) => f.caption);
  assert.ok(captions.includes("Learning rate per epoch"), captions.join(" | "));
  assert.ok(!captions.some((c) => c.startsWith("Gradient norm")));
  assert.ok(!html.includes("Health warnings"));
});
