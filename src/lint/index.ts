export { lintRevisions, checkRevision, type LintRunInput } from "./runner.js";
export { lintRules } from "./rules/index.js";
export { readSuppressions, type Suppression } from "./suppressions.js";
export type { LintFinding, LintOperationRef, LintResult, LintRule, LintSeverity, RecordedRevision, RecordedStep } from "./types.js";
