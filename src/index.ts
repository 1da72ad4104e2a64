/**
 * athanor — database schema migrations for TypeScript.
 *
 * @example
 * ```ts
 * import { command, Config } from "athanor";
 * const config = await Config.load();
 * await command.upgrade(config, "head");
 * ```
 */
export { AthanorError } from "./util/errors.js";
export type { RevisionSource, MigrationStep, VersionChange } from "./graph/types.js";
export type { Dialect, Connection, QueryResult, DatabaseUrl } from "./dialects/types.js";
