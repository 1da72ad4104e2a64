/**
 * Runs `work` over `items` with at most `concurrency` at once, in order of
 * start. Stops starting new items when `stop()` says so (an abort, fail-fast);
 * items running then finish. Returns when every started item has finished.
 *
 * @example
 * ```ts
 * await runPool(targets, 4, async (t) => migrate(t), () => signal.aborted);
 * ```
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, () => worker());
  await Promise.all(workers);
}
