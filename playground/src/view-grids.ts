// The grids the views evaluate for a job: the boundary grid (50² points for a 2-D set, 200 along
// x for a curve) and the smaller neuron grid (16² or 40), both over the box [−1.1, 1.1] and with
// the job's extra features, so the worker runs them through the network exactly as training data.
import { expandFeatures, gridPoints } from "./data/features.js";
import type { ViewGrids } from "./grid-snapshot.js";
import type { PlaygroundJob } from "./job.js";

/** The plotted box: the data lie in [−1, 1] (see fitToUnitBox), with a margin. */
export const BOX = { lo: -1.1, hi: 1.1 };

export interface JobGrids {
  /** What the worker evaluates (sent as the "view" command). */
  view: ViewGrids;
  /** Points per side of the boundary grid (or along x). */
  side: number;
  /** Points per side of the neuron grid (or along x). */
  neuronSide: number;
}

export function gridsFor(pj: PlaygroundJob): JobGrids {
  const dims = pj.set.dims;
  const side = dims === 2 ? 50 : 200;
  const neuronSide = dims === 2 ? 16 : 40;
  const width = pj.inputNames.length;
  const rows = (s: number) => {
    const data = expandFeatures(gridPoints(s, dims, BOX.lo, BOX.hi), dims, pj.features);
    return { data, shape: [data.length / width, width] };
  };
  return { view: { output: rows(side), neurons: rows(neuronSide) }, side, neuronSide };
}
