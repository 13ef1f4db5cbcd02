// What the worker sends the views after each batch of epochs: every Linear's weights (the edges),
// the network's output on the boundary grid and each hidden neuron's activation on the neuron
// grid (the heat maps). Runs inside the worker, in eval mode (batch norm uses its running
// statistics, dropout is off) and without recording gradients. Not here: any colouring.
import { fromData, nn, noGrad, type Tensor, type worker } from "../../src/index.js";

/** The input rows (extra features included) the views want evaluated. */
export interface ViewGrids {
  /** [G, inFeatures]: the boundary / surface grid. */
  output: worker.ArrayData;
  /** [g, inFeatures]: the smaller grid of the per-neuron heat maps. */
  neurons: worker.ArrayData;
}

export interface LayerWeights {
  /** W [outFeatures, inFeatures], row-major. */
  weight: Float32Array;
  bias: Float32Array | null;
  inFeatures: number;
  outFeatures: number;
}

export interface Snapshot {
  layers: LayerWeights[];
  /** The raw network output on ViewGrids.output: [G, outputs] (logits or values). */
  output?: Float32Array;
  /** Per hidden layer, its activations on ViewGrids.neurons: [g, width]. */
  neurons?: Float32Array[];
  /** The raw output on ViewGrids.neurons: [g, outputs] (the output tiles). */
  neuronOutput?: Float32Array;
}

function isActivation(layer: nn.Module): boolean {
  return !(
    layer instanceof nn.Linear ||
    layer instanceof nn.BatchNorm1d ||
    layer instanceof nn.Dropout
  );
}

/** The Linear layers of the model, in order. */
export function linearLayers(model: nn.Sequential): nn.Linear[] {
  return model.layers.filter((l): l is nn.Linear => l instanceof nn.Linear);
}

/**
 * Run the layers one by one on x, keeping the output of each hidden activation
 * (the activation right after a Linear or its BatchNorm1d): h₁, h₂, … and the final output.
 */
function forwardWithHidden(model: nn.Sequential, x: Tensor): { out: Tensor; hidden: Tensor[] } {
  const hidden: Tensor[] = [];
  let y = x;
  const layers = model.layers;
  for (const [i, layer] of layers.entries()) {
    y = layer.forward(y);
    if (isActivation(layer) && i < layers.length - 1) hidden.push(y);
  }
  return { out: y, hidden };
}

function copyOf(t: Tensor): Float32Array {
  return Float32Array.from(t.data as ArrayLike<number>);
}

/** The snapshot of `model` (grids: null → weights only, e.g. before the page sent its grids). */
export function takeSnapshot(model: nn.Sequential, grids: ViewGrids | null): Snapshot {
  const linears = linearLayers(model);
  const layers = linears.map((l) => ({
    weight: copyOf(l.weight),
    bias: l.bias ? copyOf(l.bias) : null,
    inFeatures: l.weight.shape[1],
    outFeatures: l.weight.shape[0],
  }));
  const inFeatures = layers[0]?.inFeatures;
  // A grid of another width belongs to the previous job (a reset crossed the page's new grids).
  if (
    grids === null ||
    grids.output.shape[1] !== inFeatures ||
    grids.neurons.shape[1] !== inFeatures
  ) {
    return { layers };
  }
  const wasTraining = model.isTraining;
  model.eval();
  try {
    return noGrad(() => {
      const output = copyOf(model.forward(fromData(grids.output.data, grids.output.shape)));
      const neuronsIn = fromData(grids.neurons.data, grids.neurons.shape);
      const { out, hidden } = forwardWithHidden(model, neuronsIn);
      return { layers, output, neurons: hidden.map(copyOf), neuronOutput: copyOf(out) };
    });
  } finally {
    model.train(wasTraining);
  }
}

/**
 * The debug command "poison": set W[0, 0] of the `layer`-th Linear (0-based) to NaN, so the next
 * forward pass carries a NaN from that layer on. Throws for a layer that does not exist.
 */
export function poisonLinear(model: nn.Sequential, layer: number): void {
  const linears = linearLayers(model);
  if (!Number.isInteger(layer) || layer < 0 || layer >= linears.length) {
    throw new RangeError(
      `poison: layer ${layer} does not exist (the model has ${linears.length} Linear layers)`,
    );
  }
  (linears[layer].weight.data as Float32Array)[0] = NaN;
}
