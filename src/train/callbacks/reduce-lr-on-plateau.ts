// reduceLROnPlateauCallback(): lower the optimizer's learning rate when a logged value stops
// improving. A thin callback over optim's ReduceLROnPlateau (PyTorch's rule), fed once per epoch.
// Not the schedule itself: that is optim.reduceLROnPlateau(optimizer, options).
import {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from "../../optim/schedules/reduce-lr-on-plateau.js";
import type { Callback } from "../callback.js";
import { makeMonitor } from "./monitor.js";

/** Options of {@link reduceLROnPlateauCallback}: the schedule's, plus the logged value to watch. */
export interface ReduceLROnPlateauCallbackOptions extends ReduceLROnPlateauOptions {
  /** Logged value to watch (default "valLoss"). */
  monitor?: string;
}

/**
 * A callback for fit's `callbacks`:
 *   train.fit(model, data, { loss, callbacks: [train.reduceLROnPlateauCallback({ patience: 5 })] })
 * Equivalent to fit's `schedule: (opt) => optim.reduceLROnPlateau(opt, options)` fed `monitor`.
 */
export function reduceLROnPlateauCallback(
  options: ReduceLROnPlateauCallbackOptions = {},
): Callback {
  const { monitor: key = "valLoss", ...scheduleOptions } = options;
  const monitor = makeMonitor(key, scheduleOptions.mode ?? "min", 0, "reduceLROnPlateauCallback");
  let schedule: ReduceLROnPlateau | null = null;
  return {
    onTrainBegin(ctx) {
      schedule = new ReduceLROnPlateau(ctx.optimizer, scheduleOptions);
    },
    onEpochEnd(_epoch, logs) {
      schedule?.step(monitor.read(logs));
    },
  };
}

/**
 * @deprecated The old name of reduceLROnPlateauCallback, kept working; it shared its name with
 * the schedule optim.reduceLROnPlateau(optimizer, options), which takes an optimizer.
 */
export const reduceLROnPlateau = reduceLROnPlateauCallback;
