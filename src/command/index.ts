/**
 * Every command as a function: `command.heads(config)`, `command.upgrade(config, "head")`.
 * Each takes the {@link Config} first and returns structured data; the CLI only
 * prints what they return. One line per command file.
 *
 * @example
 * ```ts
 * import { command, Config } from "athanor";
 * const config = await Config.load();
 * for (const rev of await command.history(config, { revRange: "-3:" })) console.log(rev.revision, rev.doc);
 * ```
 */
export { heads, type HeadsOptions } from "./heads.js";
export { branches, type BranchPointInfo } from "./branches.js";
export { history, type HistoryOptions } from "./history.js";
export { show, type ShowOptions } from "./show.js";
export { graph, type GraphOptions, type GraphResult, type GraphFormat } from "./graph.js";
export { describeRevision, type RevisionInfo, type GraphCommandOptions } from "./revision-info.js";
export type { CurrentHeadsReader } from "./current-heads.js";
export { upgrade } from "./upgrade.js";
export { downgrade } from "./downgrade.js";
export { stamp, type StampOptions } from "./stamp.js";
export { current, type CurrentResult, type CurrentHead, type CurrentOptions } from "./current.js";
export { status, type StatusResult, type DatabaseStatus } from "./status.js";
export { ensureVersion, type EnsureVersionResult } from "./ensure-version.js";
export { init, type InitOptions, type InitResult } from "./init.js";
export { listTemplates, type TemplateInfo } from "./list-templates.js";
export { revision, type RevisionOptions, type RevisionResult } from "./revision.js";
export { merge, type MergeOptions } from "./merge.js";
export { edit, type EditOptions, type EditResult } from "./edit.js";
export { check, parseRenames, type CheckOptions, type CheckResult } from "./check.js";
export { lint, type LintOptions, type LintFinding, type LintResult } from "./lint.js";
export { verify, VERIFY_TESTS, type VerifyOptions, type VerifyProgress, type VerifyResult, type VerifyStatus, type VerifyTestName, type VerifyTestResult } from "./verify.js";
