export { RevisionMap, type IterateOptions, type PlanOptions } from "./revision-map.js";
export { Revision } from "./revision.js";
export { RevisionGraphError, type RevisionGraphErrorCode } from "./errors.js";
export { assertValidRevisionId, parseRevisionRange, MAX_REVISION_ID_LENGTH } from "./identifiers.js";
export { versionChanges } from "./version-changes.js";
export type { RevisionSource, MigrationStep, VersionChange } from "./types.js";
