export { renderOperations, renderBody, GENERATED_BEGIN, GENERATED_END } from "./render-operations.js";
export type { RenderedOperations } from "./render-operations.js";
export { renderOperationCall } from "./render-operation.js";
export type { RenderableOperation } from "./render-operation.js";
export type { RenderItem, RenderItemContext, RenderItemKind, RenderOptions } from "./render-context.js";
export { inline, layout } from "./code.js";
export type { Code } from "./code.js";
