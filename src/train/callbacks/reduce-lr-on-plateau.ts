// reduceLROnPlateau(): lower the optimizer's learning rate when a logged value stops improving.
// A thin callback over optim's ReduceLROnPlateau (PyTorch's rule), fed once per epoch.
import {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from "../../optim/schedules/reduce-lr-on-plateau.js";
import type { Callback } from "../callback.js";
import { makeMonitor } from "./monitor.js";

export interface ReduceLROnPlateauCallbackOptions extends ReduceLROnPlateauOptions {
  /** Logged value to watch (default "valLoss"). */
  monitor?: string;
}

export function reduceLROnPlateau(options: ReduceLROnPlateauCallbackOptions = {}): Callback {
  const { monitor: key = "valLoss", ...scheduleOptions } = options;
  const monitor = makeMonitor(key, scheduleOptions.mode ?? "min", 0, "reduceLROnPlateau");
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
