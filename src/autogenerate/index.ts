export type { AutogenerateHooks, RevisionDirective } from "./hooks.js";
export { describeDiff } from "./describe-diff.js";
export { renderOperations, renderBody } from "./render/index.js";
export type { RenderOptions, RenderItem, RenderItemContext, RenderItemKind, RenderedOperations } from "./render/index.js";
export type { SchemaDiff, CompareWarning, RenameCandidate, RenameHints } from "./compare/types.js";
