// Ctrl-C during training: the first SIGINT asks fit() to stop after the current batch (the model
// trained so far is then saved as usual and the command exits 130); a second SIGINT exits at once.
// Outside a real process (tests calling runTrain directly) nothing is installed.

export interface Interrupt {
  /** Passed to fit(): aborted by the first SIGINT. */
  signal: AbortSignal;
  /** True once SIGINT arrived. */
  readonly interrupted: boolean;
  /** Remove the handler (always call, also on errors). */
  dispose(): void;
}

/** Exit code of a process ended by SIGINT (128 + 2), as shells report it. */
export const SIGINT_EXIT = 130;

export function onInterrupt(log: (text: string) => void): Interrupt {
  const controller = new AbortController();
  let count = 0;
  const handler = (): void => {
    count++;
    if (count === 1) {
      log(
        "\ninterrupted: finishing the current batch and saving the model (Ctrl-C again to quit now)\n",
      );
      controller.abort();
    } else {
      process.exit(SIGINT_EXIT);
    }
  };
  process.on("SIGINT", handler);
  return {
    signal: controller.signal,
    get interrupted() {
      return count > 0;
    },
    dispose: () => {
      process.off("SIGINT", handler);
    },
  };
}
