// Model-file metadata fields with the wrong type, one case per field: the reader must refuse each
// with ModelFormatError "bad-metadata" naming the field (shared by the io and the CLI tests).

const GOOD_EARLY_STOPPING = {
  monitor: "valLoss",
  patience: 20,
  keptEpoch: 37,
  bestValLoss: 0.081,
  epochsRun: 57,
  stoppedEarly: true,
};

/** [field path named in the message, header fields of the file]. @internal */
export const BAD_METADATA: [string, Record<string, unknown>][] = [
  ["task", { task: "classification" }],
  ["task", { task: 1 }],
  ["labelNames", { labelNames: "a,b" }],
  ["labelNames[1]", { labelNames: ["a", 2] }],
  ["labelNames[2]", { labelNames: ["a", "b", "a"] }],
  ["featureNames", { featureNames: {} }],
  ["featureNames[0]", { featureNames: [null] }],
  ["featureNames[1]", { featureNames: ["x", "x"] }],
  ["target", { target: ["y"] }],
  ["loss", { loss: 7 }],
  ["loss", { loss: "notALoss" }],
  ["preprocessing", { preprocessing: 7 }],
  ["preprocessing", { preprocessing: { kind: {}, mean: "abc" } }],
  ["preprocessing", { preprocessing: { kind: "standardize", mean: [0], std: [0] } }],
  [
    "preprocessing[1]",
    { preprocessing: [{ kind: "minMax", min: [0], max: [1], featureRange: [0, 1] }, "x"] },
  ],
  ["training", { training: "yesterday" }],
  ["training", { training: [1, "x"] }],
  ["training.epochsRun", { training: { epochsRun: {} } }],
  ["training.epochsRun", { training: { epochsRun: -1 } }],
  ["training.epochsRun", { training: { epochsRun: 2.5 } }],
  ["training.interrupted", { training: { interrupted: "no" } }],
  ["training.finalMetrics", { training: { finalMetrics: { "train.accuracy": "0.9" } } }],
  ["training.finalMetrics", { training: { finalMetrics: "0.9" } }],
  ["training.finalMetrics", { training: { finalMetrics: [1, 2] } }],
  ["training.hyperParameters", { training: { hyperParameters: "lr=0.1" } }],
  ["training.seed", { training: { seed: {} } }],
  ["training.seed", { training: { seed: 1.5 } }],
  ["training.date", { training: { date: [] } }],
  ["training.dataSource", { training: { dataSource: {} } }],
  ["training.trainRows", { training: { trainRows: "108" } }],
  ["training.testRows", { training: { testRows: -3 } }],
  ["training.seconds", { training: { seconds: "fast" } }],
  ["training.checkpointOf", { training: { checkpointOf: 3 } }],
  ["training.holdouts", { training: { holdouts: "20%" } }],
  ["training.holdouts.test", { training: { holdouts: { test: "t.csv" } } }],
  ["training.holdouts.test.rows", { training: { holdouts: { test: { rows: -1, from: "data" } } } }],
  ["training.holdouts.test.rows", { training: { holdouts: { test: { from: "data" } } } }],
  ["training.holdouts.validation.from", { training: { holdouts: { validation: { rows: 1 } } } }],
  [
    "training.holdouts.validation.fraction",
    { training: { holdouts: { validation: { rows: 1, from: "split", fraction: 2 } } } },
  ],
  [
    "training.holdouts.test.file",
    { training: { holdouts: { test: { rows: 1, from: "file", file: ["t.csv"] } } } },
  ],
  ["training.earlyStopping", { training: { earlyStopping: true } }],
  ["training.earlyStopping.monitor", { training: { earlyStopping: {} } }],
  [
    "training.earlyStopping.keptEpoch",
    { training: { earlyStopping: { ...GOOD_EARLY_STOPPING, keptEpoch: 0 } } },
  ],
  [
    "training.earlyStopping.stoppedEarly",
    { training: { earlyStopping: { ...GOOD_EARLY_STOPPING, stoppedEarly: 1 } } },
  ],
];

/** Well-typed metadata, plus unknown fields that must stay allowed. @internal */
export const GOOD_METADATA: Record<string, unknown> = {
  task: "multiclass",
  labelNames: ["a", "b"],
  featureNames: ["x"],
  target: "y",
  loss: "crossEntropy",
  preprocessing: [{ kind: "standardize", mean: [0], std: [1] }],
  training: {
    epochsRun: 3,
    interrupted: false,
    finalMetrics: { "test.loss": null, "train.loss": 0.5 },
    hyperParameters: { lr: 0.1 },
    seed: -4,
    date: "2026-12-03",
    dataSource: "d.csv",
    trainRows: 10,
    testRows: 0,
    seconds: 0.25,
    holdouts: {
      validation: { rows: 12, from: "split", fraction: 0.1 },
      test: { rows: 37, from: "file", file: "test.csv", futureField: 1 },
    },
    earlyStopping: GOOD_EARLY_STOPPING,
    futureField: { anything: [1] },
  },
  extra: { free: ["form", 1, null] },
  someFutureField: 42,
};
