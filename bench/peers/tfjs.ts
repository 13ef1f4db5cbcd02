// TensorFlow.js peers: the pure-JS "cpu" backend and the WebAssembly (XNNPACK, SIMD) backend.
// tfjs-node (native TensorFlow) is not used: it downloads a prebuilt library at install time.
import type * as TF from "@tensorflow/tfjs";

export type TfBackend = "cpu" | "wasm";

export async function loadTf(backend: TfBackend): Promise<typeof TF> {
  const tf = await import("@tensorflow/tfjs");
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  // silence the "install tfjs-node" banner: it goes to console.log
  const log = console.log;
  console.log = () => {};
  try {
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (!ok || tf.getBackend() !== backend)
      throw new Error(`tfjs backend ${backend} failed to load`);
  } finally {
    console.log = log;
  }
  return tf;
}

/** A dense MLP in tfjs: h ← f(h·W + b), same init as Myelin's (weights passed in). */
export class TfMlp {
  private readonly W: TF.Variable[];
  private readonly b: TF.Variable[];
  private readonly optimizer: TF.SGDOptimizer;

  constructor(
    private readonly tf: typeof TF,
    private readonly sizes: readonly number[],
    init: { W: Float32Array[]; b: Float32Array[] },
    private readonly hidden: "tanh" | "relu",
    private readonly output: "sigmoid" | "none",
    lr: number,
  ) {
    this.W = init.W.map((w, l) => tf.variable(tf.tensor2d(w, [sizes[l], sizes[l + 1]])));
    this.b = init.b.map((b) => tf.variable(tf.tensor1d(b)));
    this.optimizer = tf.train.sgd(lr);
  }

  forward(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    let h = x;
    for (let l = 0; l < this.W.length; l++) {
      const z = tf.add(tf.matMul(h, this.W[l]), this.b[l]) as TF.Tensor2D;
      const last = l + 1 === this.W.length;
      if (!last) h = this.hidden === "tanh" ? tf.tanh(z) : tf.relu(z);
      else h = this.output === "sigmoid" ? tf.sigmoid(z) : z;
    }
    return h;
  }

  /** One SGD step on BCE, L = −mean(y·log p + (1−y)·log(1−p)). */
  trainStep(x: Float32Array, y: Float32Array, batch: number): void {
    const tf = this.tf;
    tf.tidy(() => {
      const X = tf.tensor2d(x, [batch, this.sizes[0]]);
      const Y = tf.tensor2d(y, [batch, 1]);
      this.optimizer.minimize(() => {
        const p = this.forward(X);
        const ll = tf.add(tf.mul(Y, tf.log(p)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, p))));
        return tf.neg(tf.mean(ll)) as TF.Scalar;
      });
    });
  }

  predict(x: Float32Array, batch: number): Float32Array {
    const tf = this.tf;
    const out = tf.tidy(() => this.forward(tf.tensor2d(x, [batch, this.sizes[0]])));
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }
}
