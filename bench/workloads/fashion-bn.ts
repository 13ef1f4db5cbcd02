// W2-bn: what BatchNorm1d costs in training. W2's net (784-256-128-10 ReLU, Adam lr 1e-3, batch
// 128, train.fit) without BN, with a BatchNorm1d after each hidden Linear (fused into the Linear
// stack), and with the same BN run op by op (a subclass, which the stack planner leaves alone:
// the path every BN model took before). The three alternate in one process, ROUNDS times, each
// round one epoch over the first `rows` training images, so background load hits them alike.
import { data, nn, optim, seed, train } from "../../src/node/index.js";
import { useMyelinBackend } from "./common.js";

const BATCH = 128;
const ROUNDS = 3;

/** BatchNorm1d whose exact class is not BatchNorm1d: runs op by op, never fused. */
class OpByOpBatchNorm1d extends nn.BatchNorm1d {}

type Variant = "plain" | "bn" | "bnOpByOp";

function model(variant: Variant): nn.Sequential {
  seed(1);
  const norm = (features: number): nn.Module[] =>
    variant === "plain"
      ? []
      : [variant === "bn" ? nn.batchNorm1d(features) : new OpByOpBatchNorm1d(features)];
  return nn.sequential(
    nn.linear(784, 256),
    ...norm(256),
    nn.relu(),
    nn.linear(256, 128),
    ...norm(128),
    nn.relu(),
    nn.linear(128, 10),
  );
}

export interface BatchNormCost {
  /** Median samples/s of each variant. */
  plain: number;
  bn: number;
  bnOpByOp: number;
  /** Every round's samples/s, in the order measured. */
  rounds: Record<Variant, number[]>;
}

export async function measureBatchNormCost(quick: boolean): Promise<BatchNormCost> {
  useMyelinBackend("wasm");
  const sets = await data.loadFashionMnist();
  const rows = quick ? 5120 : 20480;
  const trainSet = { x: sets.train.x.slice(0, 0, rows), y: sets.train.y.slice(0, 0, rows) };
  const rounds: Record<Variant, number[]> = { plain: [], bn: [], bnOpByOp: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const variant of ["plain", "bn", "bnOpByOp"] as const) {
      const m = model(variant);
      const t0 = performance.now();
      await train.fit(m, trainSet, {
        loss: "crossEntropy",
        optimizer: optim.adam(m.parameters(), { lr: 1e-3 }),
        epochs: 1,
        batchSize: BATCH,
        seed: 1,
      });
      rounds[variant].push(rows / ((performance.now() - t0) / 1000));
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return {
    plain: median(rounds.plain),
    bn: median(rounds.bn),
    bnOpByOp: median(rounds.bnOpByOp),
    rounds,
  };
}
