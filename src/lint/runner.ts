import { readFileSync } from "node:fs";
import type { Dialect } from "../dialects/contract/index.js";
import type { RevisionModule, Script } from "../script/index.js";
import { operationRef } from "./describe.js";
import { recordRevision } from "./record.js";
import { lintRules } from "./rules/index.js";
import { readSuppressions } from "./suppressions.js";
import type { LintFinding, LintResult, LintRule, RecordedRevision, RuleContext } from "./types.js";

/** What {@link lintRevisions} needs: the revisions oldest first, how to import one, and the dialect. */
export interface LintRunInput {
  readonly revisions: readonly Script[];
  readonly load: (source: Script) => Promise<RevisionModule>;
  readonly dialect: Dialect;
  /** env.ts's `targetMetadata`, whose naming convention names unnamed constraints. */
  readonly targetMetadata?: unknown;
  /**
   * The applied revisions a revision would land below (non-linear history),
   * from the database's version table; absent when lint reads no database,
   * and `non-linear-history` is then reported as not checked.
   */
  readonly landsBelow?: (revision: string) => readonly string[];
}

const RULES_BY_ID = new Map(lintRules.map((rule) => [rule.id, rule]));

function appliesTo(rule: LintRule, dialect: string): boolean {
  return rule.databases === "all" || rule.databases.includes(dialect);
}

/**
 * Run each revision's functions in recording mode and check the operations
 * against every rule of the dialect; suppression comments with a reason remove
 * their rules' findings for that revision. Linear in the revisions.
 *
 * @example
 * ```ts
 * const result = await lintRevisions({ revisions, load: (s) => script.loadRevision(s), dialect: getDialect("postgresql") });
 * ```
 */
export async function lintRevisions(input: LintRunInput): Promise<LintResult> {
  const rules = lintRules.filter((rule) => appliesTo(rule, input.dialect.name));
  const findings: LintFinding[] = [];
  let suppressed = 0;
  for (const source of input.revisions) {
    const recorded = await recordRevision(source, input.load, input.dialect, input.targetMetadata);
    const own = checkRevision(recorded, rules, input.dialect.name, input.landsBelow?.(source.revision));
    const { kept, removed, notes } = applySuppressions(recorded, own);
    suppressed += removed;
    findings.push(...kept, ...notes);
  }
  const notChecked =
    input.landsBelow === undefined
      ? [{ rule: "non-linear-history", reason: "lint was given no database to read the applied revisions from (--database)" }]
      : [];
  return { findings, revisions: input.revisions.map((s) => s.revision), dialect: input.dialect.name, suppressed, notChecked };
}

function finding(rule: LintRule, revision: string, operation: LintFinding["operation"], message: string): LintFinding {
  return { rule: rule.id, severity: rule.severity, revision, operation, message, fix: rule.fix };
}

/** The findings of one recorded revision, before suppressions. */
export function checkRevision(
  recorded: RecordedRevision,
  rules: readonly LintRule[],
  dialect: string,
  landsBelow?: readonly string[],
): LintFinding[] {
  const found: LintFinding[] = [];
  if (recorded.failure !== undefined) {
    const rule = RULES_BY_ID.get("not-analysed")!;
    found.push(finding(rule, recorded.revision, null, `${recorded.failure.fn}() could not be analysed: ${recorded.failure.message}`));
  }
  const created = new Set<string>();
  const key = (table: string, schema?: string): string => `${schema ?? ""}.${table}`;
  const context: RuleContext = {
    dialect,
    revision: recorded,
    existing: (table, schema) => !created.has(key(table, schema)),
    landsBelow,
  };
  for (const rule of rules) {
    for (const message of rule.checkRevision?.(context) ?? []) found.push(finding(rule, recorded.revision, null, message));
  }
  for (const step of recorded.upgrade) {
    for (const rule of rules) {
      if (rule.check === undefined) continue;
      for (const message of rule.check(step, context)) found.push(finding(rule, recorded.revision, operationRef(step.operation), message));
    }
    const op = step.operation;
    if (op.kind === "createTable") created.add(key(op.table.name, op.table.schema));
    if (op.kind === "renameTable" && created.has(key(op.name, op.schema))) created.add(key(op.newName, op.schema));
  }
  return found;
}

function applySuppressions(
  recorded: RecordedRevision,
  found: readonly LintFinding[],
): { kept: LintFinding[]; removed: number; notes: LintFinding[] } {
  let text: string;
  try {
    text = readFileSync(recorded.path, "utf8");
  } catch {
    return { kept: [...found], removed: 0, notes: [] };
  }
  const disabled = new Set<string>();
  const notes: LintFinding[] = [];
  for (const suppression of readSuppressions(text)) {
    const unknown = suppression.rules.filter((id) => !RULES_BY_ID.has(id));
    if (suppression.rules.length === 0 || unknown.length > 0) {
      const rule = RULES_BY_ID.get("suppression-unknown-rule")!;
      const what = suppression.rules.length === 0 ? "names no rule" : `names no known rule: ${unknown.join(", ")}`;
      notes.push(finding(rule, recorded.revision, null, `the athanor-lint-disable comment on line ${suppression.line} ${what}`));
    }
    if (suppression.reason === "") {
      const rule = RULES_BY_ID.get("suppression-without-reason")!;
      notes.push(finding(rule, recorded.revision, null, `the athanor-lint-disable comment on line ${suppression.line} gives no reason, so it suppresses nothing`));
      continue;
    }
    for (const id of suppression.rules) disabled.add(id);
  }
  const kept = found.filter((f) => !disabled.has(f.rule));
  return { kept, removed: found.length - kept.length, notes };
}
