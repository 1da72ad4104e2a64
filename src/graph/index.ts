/**
 * The revision graph: building and validating it from revision sources,
 * resolving identifiers, history order, upgrade/downgrade/stamp plans and the
 * version table changes of each step. Pure: no I/O.
 *
 * @example
 * ```ts
 * import { RevisionMap, versionChanges } from "./graph/index.js";
 * const map = new RevisionMap(scripts);
 * let heads: string[] = [];
 * for (const step of map.planUpgrade(heads, "heads")) heads = versionChanges(map, heads, step).heads;
 * ```
 */
export { RevisionMap, type IterateOptions, type PlanOptions } from "./revision-map.js";
export { Revision } from "./revision.js";
export { RevisionGraphError, type RevisionGraphErrorCode } from "./errors.js";
export { assertValidRevisionId, parseRevisionRange, MAX_REVISION_ID_LENGTH } from "./identifiers.js";
export { versionChanges } from "./version-changes.js";
export { landsBelow } from "./lands-below.js";
export type { RevisionSource, MigrationStep, VersionChange } from "./types.js";
