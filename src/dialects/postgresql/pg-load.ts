/**
 * Run `load`, which requires the pg package (synchronously, within the call),
 * with `navigator` defined as Node 21 and later define it.
 *
 * When pg is first required it asks whether it runs in a Cloudflare Worker: it
 * reads `navigator.userAgent`, and where `navigator` is missing (Node 20) it
 * builds a `Response` instead, which makes Node load its whole fetch
 * implementation (undici): 40–50 ms of every PostgreSQL command's start-up on a
 * 2-core machine, for an answer that is always "no" under Node. While `load`
 * runs, `navigator` holds Node's own user agent, so pg reads its answer there;
 * the global is removed again before anything else can run. Where `navigator`
 * already exists, `load` runs as is.
 *
 * @example
 * ```ts
 * const pg = await withNodeNavigator(() => importDriver<PgModule>("pg", "PostgreSQL"));
 * ```
 */
export function withNodeNavigator<T>(load: () => T): T {
  if ("navigator" in globalThis) return load();
  const userAgent = `Node.js/${process.versions.node.split(".")[0]}`;
  Object.defineProperty(globalThis, "navigator", { value: { userAgent }, configurable: true, writable: true });
  try {
    return load();
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
