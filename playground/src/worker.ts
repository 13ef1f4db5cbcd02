// The playground's worker script (bundled as worker.js): trains through the library's
// worker.serveTraining and answers with a snapshot for the views after each batch of epochs.
// Commands from the page:
//   "view"   ViewGrids    the grids to evaluate (sent after each reset; kept until the next)
//   "poison" { layer }    debug: W[0, 0] of the layer-th Linear (0-based) becomes NaN
import { worker } from "../../src/index.js";
import { poisonLinear, takeSnapshot, type ViewGrids } from "./grid-snapshot.js";

let grids: ViewGrids | null = null;

worker.serveTraining(self as unknown as worker.WorkerScopeLike, {
  snapshot: (model) => takeSnapshot(model, grids),
  commands: {
    view: (_model, payload) => {
      grids = payload as ViewGrids;
    },
    poison: (model, payload) => {
      const layer = (payload as { layer?: unknown } | null)?.layer;
      poisonLinear(model, typeof layer === "number" ? layer : NaN);
    },
  },
});
