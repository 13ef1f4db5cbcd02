// The optimizer options of a `myelin train` run (--lr, --momentum, --nesterov, --weight-decay):
// the one place that turns the flags into optim.create's options — for fit, and for the resume
// check that compares a checkpoint's optimizer with this run's. Checked before any data is read.
import { MyelinError } from "../../errors.js";
import { optim } from "../../node/index.js";
import { UsageError } from "../output.js";

/** The flags behind the options; null (absent) leaves the optimizer's own default. */
export interface OptimizerFlags {
  optimizer: string;
  lr: number;
  momentum: number | null;
  nesterov: boolean;
  "weight-decay": number | null;
}

/** The flag that sets each optimizer option besides lr. */
const FLAG_OF = {
  momentum: "momentum",
  nesterov: "nesterov",
  weightDecay: "weight-decay",
} as const;

/** { lr, momentum?, nesterov?, weightDecay? } for optim.create(flags.optimizer, params, …). */
export function optimizerOptions(flags: OptimizerFlags): Record<string, number | boolean> {
  const options: Record<string, number | boolean> = { lr: flags.lr };
  if (flags.momentum !== null) options.momentum = flags.momentum;
  if (flags.nesterov) options.nesterov = true;
  if (flags["weight-decay"] !== null) options.weightDecay = flags["weight-decay"];
  return options;
}

/**
 * Usage errors, before any data is read, for an option the optimizer does not have (naming the
 * optimizers that have it) or a value it refuses (e.g. --nesterov without --momentum). An
 * unknown --optimizer name is left to the optimizer-name check.
 */
export function checkOptimizerFlags(flags: OptimizerFlags): void {
  const name = flags.optimizer.toLowerCase();
  if (!optim.OPTIMIZER_NAMES.includes(name)) return;
  const options = optimizerOptions(flags);
  const probe = optim.create(name, []);
  for (const [key, flag] of Object.entries(FLAG_OF)) {
    if (options[key] === undefined || probe.hasHyperParameter(key)) continue;
    const having = optim.OPTIMIZER_NAMES.filter((n) => optim.create(n, []).hasHyperParameter(key));
    throw new UsageError(
      `--${flag} does not apply to --optimizer ${flags.optimizer}; it applies to ${having.join(", ")}`,
      "train",
    );
  }
  try {
    optim.create(name, [], options);
  } catch (e) {
    if (!(e instanceof MyelinError)) throw e;
    const hint = flags.nesterov && !(flags.momentum !== null && flags.momentum > 0);
    throw new UsageError(
      `--optimizer ${flags.optimizer}: ${e.message}` +
        (hint ? " (--nesterov needs --momentum, e.g. --momentum 0.9)" : ""),
      "train",
    );
  }
}
