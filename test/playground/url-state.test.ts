// The playground's URL state under Node: a Setup survives encode → decode unchanged, every field
// is validated (a bad value keeps the default and is reported in words), unknown and repeated
// parameters are reported, and nothing in a hostile query reaches the Setup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SETUP, type Setup } from "../../playground/src/setup.js";
import { decodeSetup, encodeSetup, HIDDEN_ACTIVATIONS } from "../../playground/src/url-state.js";

const CUSTOM: Setup = {
  dataset: "moons-multi",
  classes: 5,
  noise: 12.5,
  points: 650,
  trainRatio: 0.7,
  seed: 123456,
  features: ["x1x2", "sinx2"],
  hidden: [8, 3, 1, 8, 2, 5],
  activation: "gelu",
  init: "he",
  batchNorm: true,
  dropout: 0.25,
  optimizer: "adamw",
  learningRate: 0.003,
  batchSize: 32,
  l1: 0.001,
  l2: 0.0001,
  clip: "value",
  clipValue: 0.5,
  race: ["sgd", "adam", "rmsprop"],
};

test("encode → decode reproduces a Setup exactly, with no problems", () => {
  for (const setup of [DEFAULT_SETUP, CUSTOM, { ...DEFAULT_SETUP, hidden: [], features: [] }]) {
    const { setup: back, problems } = decodeSetup(encodeSetup(setup));
    assert.deepEqual(problems, []);
    assert.deepEqual(back, setup);
  }
});

test("the query is readable: lists use plain commas, every field is present", () => {
  const q = encodeSetup(CUSTOM);
  assert.match(q, /(^|&)hidden=8,3,1,8,2,5(&|$)/);
  assert.match(q, /(^|&)race=sgd,adam,rmsprop(&|$)/);
  assert.equal(new URLSearchParams(q).size, Object.keys(DEFAULT_SETUP).length);
});

test("an empty query (or a lone ?) is the default setup; missing fields are not problems", () => {
  for (const q of ["", "?"])
    assert.deepEqual(decodeSetup(q), { setup: DEFAULT_SETUP, problems: [] });
  const { setup, problems } = decodeSetup("?dataset=spirals&hidden=8,8,8&activation=tanh");
  assert.deepEqual(problems, []);
  assert.deepEqual(setup, { ...DEFAULT_SETUP, dataset: "spirals", hidden: [8, 8, 8] });
});

test("the decoded setup never shares arrays with DEFAULT_SETUP", () => {
  const { setup } = decodeSetup("");
  setup.hidden.push(3);
  assert.deepEqual(DEFAULT_SETUP.hidden, [4, 2]);
});

/** [query, field, the words the problem must contain] — each value is out of its stated range. */
const INVALID: [string, keyof Setup, RegExp][] = [
  ["dataset=mnist", "dataset", /dataset="mnist" is not one of circles, xor, .*; using circles/],
  ["classes=2", "classes", /classes="2" is not an integer in 3–5; using 3/],
  ["classes=3.5", "classes", /not an integer/],
  ["noise=51", "noise", /noise="51" is not a number in 0–50/],
  ["noise=abc", "noise", /not a number/],
  ["noise=", "noise", /not a number/],
  ["noise=0x10", "noise", /not a number/],
  ["noise=Infinity", "noise", /not a number/],
  ["points=49", "points", /points="49" is not an integer in 50–1000/],
  ["points=1001", "points", /50–1000/],
  ["trainRatio=0.95", "trainRatio", /0.1–0.9/],
  ["seed=-1", "seed", /seed="-1" is not an integer/],
  ["seed=1e20", "seed", /not an integer/],
  ["features=x1sq,x3sq", "features", /item "x3sq" is not one of x1sq/],
  ["features=x1sq,x1sq", "features", /lists "x1sq" twice/],
  ["hidden=4,9", "hidden", /item "9" is not an integer in 1–8; using 4,2/],
  ["hidden=0", "hidden", /item "0"/],
  ["hidden=1,1,1,1,1,1,1", "hidden", /more than 6 items/],
  ["hidden=4,,2", "hidden", /item ""/],
  ["activation=step", "activation", /activation="step" is not one of/],
  ["activation=<img src=x onerror=alert(1)>", "activation", /not one of/],
  [
    "init=glorot",
    "init",
    /init="glorot" is not one of default, xavier, xavier-normal, he, kaiming-uniform, lecun, lecun-uniform, zeros/,
  ],
  ["batchNorm=yes", "batchNorm", /not true or false; using false/],
  ["dropout=0.95", "dropout", /0–0.9/],
  [
    "optimizer=lbfgs",
    "optimizer",
    /not one of sgd, momentum, nesterov, rmsprop, adagrad, adam, adamw/,
  ],
  ["learningRate=0", "learningRate", /must be greater than 0; using 0.03/],
  ["learningRate=11", "learningRate", /0–10/],
  ["batchSize=0", "batchSize", /1–1000/],
  ["l1=-0.1", "l1", /0–1/],
  ["l2=2", "l2", /0–1/],
  ["clip=both", "clip", /not one of off, norm, value/],
  ["clipValue=0", "clipValue", /greater than 0/],
  ["race=adam,adam", "race", /lists "adam" twice/],
  ["race=adam,lion", "race", /item "lion"/],
];

test("each invalid value keeps the field's default and says why, in one sentence", () => {
  for (const [query, field, words] of INVALID) {
    const { setup, problems } = decodeSetup(query);
    assert.deepEqual(setup[field], DEFAULT_SETUP[field], query);
    assert.equal(problems.length, 1, `${query}: ${problems.join(" | ")}`);
    assert.match(problems[0], words, query);
  }
});

test("one bad field does not spoil the good ones beside it", () => {
  const { setup, problems } = decodeSetup("noise=99&points=300&optimizer=adam&hidden=x");
  assert.equal(setup.noise, DEFAULT_SETUP.noise);
  assert.equal(setup.points, 300);
  assert.equal(setup.optimizer, "adam");
  assert.deepEqual(setup.hidden, DEFAULT_SETUP.hidden);
  assert.equal(problems.length, 2);
});

test("unknown and repeated parameters are reported; __proto__ cannot reach the Setup", () => {
  const { setup, problems } = decodeSetup(
    "__proto__=x&constructor=y&seed=5&seed=6&toString=1&Dataset=xor",
  );
  assert.equal(setup.seed, 5);
  assert.equal(Object.getPrototypeOf(setup), Object.prototype);
  assert.deepEqual(Object.keys(setup).sort(), Object.keys(DEFAULT_SETUP).sort());
  assert.deepEqual(problems, [
    'Unknown parameter "__proto__" ignored.',
    'Unknown parameter "constructor" ignored.',
    "Parameter seed given more than once; the first value is used.",
    'Unknown parameter "toString" ignored.',
    'Unknown parameter "Dataset" ignored.',
  ]);
});

test("a long hostile value is shortened in the message", () => {
  const { problems } = decodeSetup(`activation=${"a".repeat(500)}`);
  assert.equal(problems.length, 1);
  assert.ok(problems[0].length < 400, problems[0]);
  assert.match(problems[0], /"a{40}…"/);
});

test("hidden activations: every library activation except step, aliases not accepted", () => {
  assert.ok(!HIDDEN_ACTIVATIONS.includes("step"));
  for (const name of ["sigmoid", "tanh", "relu", "gelu", "selu", "mish", "softplus"]) {
    assert.ok(HIDDEN_ACTIVATIONS.includes(name), name);
  }
  assert.equal(decodeSetup("activation=relu").problems.length, 0);
  assert.equal(decodeSetup("activation=ReLU").problems.length, 1);
});

test("booleans accept true/false and 1/0; an empty hidden list is a perceptron", () => {
  assert.equal(decodeSetup("batchNorm=1").setup.batchNorm, true);
  assert.equal(decodeSetup("batchNorm=false").setup.batchNorm, false);
  assert.deepEqual(decodeSetup("hidden=").setup.hidden, []);
  assert.deepEqual(decodeSetup("features=").setup.features, []);
});
