/** Resolves after `ms` milliseconds, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Calls `attempt` until it returns true, `timeoutMs` has passed or `signal`
 * aborts, pausing a little longer each time (up to 250 ms). Returns whether it
 * succeeded.
 */
export async function pollUntil(attempt: () => Promise<boolean> | boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + Math.max(0, timeoutMs);
  let pause = 20;
  for (;;) {
    if (signal?.aborted === true) return false;
    if (await attempt()) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(pause, left), signal);
    pause = Math.min(pause * 2, 250);
  }
}
