export { compareMetadata, produceMigrations, declaredModel, autogenerateProject } from "./api.js";
export type { CompareMetadataOptions, ProducedMigrations, AutogenerateRequest, AutogenerateRun } from "./api.js";
export { produceRevisionContent, renameOption, renameWarning } from "./revision.js";
export type { AutogenerateAttributes, RevisionContent } from "./revision.js";
export type { AutogenerateHooks, RevisionDirective } from "./hooks.js";
export { describeDiff } from "./describe-diff.js";
export { renderOperations, renderBody } from "./render/index.js";
export type { RenderOptions, RenderItem, RenderItemContext, RenderItemKind, RenderedOperations } from "./render/index.js";
export type { SchemaDiff, CompareWarning, RenameCandidate, RenameHints } from "./compare/types.js";
