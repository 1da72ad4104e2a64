/**
 * The running copy of athanor as a project's TypeScript files see it. The
 * bundled CLI (one script, dist/bundle/cli.cjs) provides its own public
 * entries here, so `import { sql } from "athanor"` in a config, env.ts or
 * revision file gets the very classes the CLI runs with, loaded on first
 * import; elsewhere (the compiled tree, a library user) nothing is provided
 * and the loader imports the package's entry files.
 */

/** Loads one entry of the running copy (`athanor`, `athanor/drizzle`). */
export type SelfModuleLoader = () => Promise<unknown>;

const loaders = new Map<string, SelfModuleLoader>();

/**
 * Serve `athanor` (and its subpaths) from the running copy.
 *
 * @example
 * ```ts
 * provideSelfModules({ athanor: () => import("../index.js") });
 * ```
 */
export function provideSelfModules(entries: Readonly<Record<string, SelfModuleLoader>>): void {
  for (const [specifier, load] of Object.entries(entries)) loaders.set(specifier, load);
}

/** The loader provided for `specifier`, or undefined. */
export function selfModuleLoader(specifier: string): SelfModuleLoader | undefined {
  return loaders.get(specifier);
}
