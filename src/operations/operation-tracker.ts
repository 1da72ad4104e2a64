import { AthanorError } from "../util/errors.js";

/**
 * Counts the operations a revision started and not yet finished, so the runtime
 * can tell when `upgrade()` returned while one was still running (a missing
 * `await`), and refuses operations started after the revision finished.
 */
export class OperationTracker {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #owner: string;
  #closedReason: string | undefined;

  /** @param owner names the function in errors, e.g. `upgrade() of revision 3f1c2a9b7d10`. */
  constructor(owner: string) {
    this.#owner = owner;
  }

  get owner(): string {
    return this.#owner;
  }

  /** How many operations are still running. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Run one operation, counting it while it runs. */
  track<T>(start: () => Promise<T>): Promise<T> {
    if (this.#closedReason !== undefined) {
      throw new AthanorError(
        `An operation was started after ${this.#owner} had ${this.#closedReason}`,
        { hint: "await every operation inside upgrade()/downgrade()" },
      );
    }
    const running = start();
    this.#pending.add(running);
    // Observing the promise here also keeps an unawaited failure from crashing
    // the process as an unhandled rejection; the runtime reports it instead.
    running.then(
      () => this.#pending.delete(running),
      () => this.#pending.delete(running),
    );
    return running;
  }

  /** Wait until every started operation has finished (failures ignored here). */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
    }
  }

  /** Refuse further operations. */
  close(reason = "finished"): void {
    this.#closedReason = reason;
  }
}
