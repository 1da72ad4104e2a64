export { registerComparator } from "./registry.js";
export { runComparators, describeOperation } from "./run-comparators.js";
export type { ComparatorRun, OperationDiff } from "./run-comparators.js";
export type { ComparatorContext, TableComparatorContext, ComparatorOperation, ComparatorResult, SchemaComparator, TableComparator, EnvironmentComparators } from "./comparator-types.js";
