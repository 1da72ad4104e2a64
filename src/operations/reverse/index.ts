export { reverseOperation, reverseOperations } from "./reverse-operation.js";
export { notReversible } from "./not-reversible.js";
