/**
 * Ctrl-C and SIGTERM during a run: the first one asks the run to stop at a safe
 * point (it then rolls back what it can, releases the lock and says what state
 * the database is in); a second one exits at once.
 */

/** Exit codes of a process ended by a signal, as shells report them. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

let received: StopSignal | undefined;

/** A run's link to the process signals while it is watched. */
export interface InterruptWatch {
  /** Aborted (with the signal's name as reason) on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stop listening; the process's default handling returns. */
  dispose(): void;
}

/**
 * Listen for SIGINT and SIGTERM for the length of one run.
 *
 * @example
 * ```ts
 * const watch = watchInterrupts();
 * try { await upgrade(config, "head", { signal: watch.signal }); } finally { watch.dispose(); }
 * ```
 */
export function watchInterrupts(writeErr: (text: string) => void = (text) => void process.stderr.write(text)): InterruptWatch {
  const controller = new AbortController();
  const handler = (name: StopSignal): void => {
    if (received !== undefined) {
      writeErr(
        `athanor: ${name} again: exiting at once without waiting for the run to stop (the database ends the session's open transaction and lock when the connection drops; a statement already sent to MySQL may still complete)\n`,
      );
      process.exit(EXIT_CODES[name]);
    }
    received = name;
    controller.abort(name);
  };
  const onInt = (): void => handler("SIGINT");
  const onTerm = (): void => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}

/** The exit code the process owes a signal it received (130 for SIGINT, 143 for SIGTERM), if any. */
export function interruptExitCode(): number | undefined {
  return received === undefined ? undefined : EXIT_CODES[received];
}
