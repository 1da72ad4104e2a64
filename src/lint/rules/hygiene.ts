import type { LintRule } from "../types.js";
import { runsConcurrently } from "./locking.js";

/** Rules about how a revision is written. */
export const hygieneRules: readonly LintRule[] = [
  {
    id: "missing-downgrade",
    severity: "warning",
    group: "hygiene",
    databases: "all",
    summary: "the downgrade does nothing and the revision is not marked irreversible",
    fix: "write the downgrade (autogenerate writes one), or declare `export const irreversible = \"why\"` in the revision",
    checkRevision: ({ revision }) =>
      revision.upgrade.length > 0 && revision.downgrade.length === 0 && !revision.irreversible && revision.failure === undefined
        ? ["downgrade() records no operation, so the revision cannot be undone"]
        : [],
  },
  {
    id: "concurrently-in-transaction",
    severity: "error",
    group: "hygiene",
    databases: ["postgresql"],
    summary: "a CONCURRENTLY statement in a revision that runs inside a transaction (PostgreSQL refuses it)",
    fix: "declare `export const transactional = false` in the revision, and keep the concurrent statement alone in it",
    check: ({ operation: op }, context) =>
      context.revision.transactional && runsConcurrently(op)
        ? ["CONCURRENTLY cannot run inside a transaction block, and this revision runs in one"]
        : [],
  },
  {
    id: "non-linear-history",
    severity: "warning",
    group: "hygiene",
    databases: "all",
    summary: "a revision that would land below revisions already applied (non-linear history); checked with --database",
    fix: "point its downRevision at the database's current head (`athanor current`), or add a merge revision (`athanor merge heads`) and review the order",
    checkRevision: ({ landsBelow }) =>
      landsBelow !== undefined && landsBelow.length > 0
        ? [`its down revision is applied, but so ${landsBelow.length === 1 ? "is" : "are"} ${landsBelow.join(", ")} after it: it would run after revisions written without it`]
        : [],
  },
  {
    id: "execute-raw-sql",
    severity: "info",
    group: "hygiene",
    databases: "all",
    summary: "raw SQL (op.execute, a registered operation) that lint cannot analyse",
    fix: "use op's operations where one exists, or review the statement by hand (and suppress with the reason)",
    check: ({ operation: op }) => (op.kind === "execute" ? [`raw SQL is not analysed: ${shorten(op.sql)}`] : []),
  },
];

/** The rules the runner reports itself (suppression comments, revisions it could not read). */
export const runnerRules: readonly LintRule[] = [
  {
    id: "suppression-without-reason",
    severity: "warning",
    group: "hygiene",
    databases: "all",
    summary: "an `athanor-lint-disable` comment without a reason (it suppresses nothing)",
    fix: "write the reason after a colon: `// athanor-lint-disable drop-column: unused since v3`",
  },
  {
    id: "suppression-unknown-rule",
    severity: "warning",
    group: "hygiene",
    databases: "all",
    summary: "an `athanor-lint-disable` comment naming no known rule",
    fix: "name a rule id from `athanor lint` findings or the rules table of docs/reference.md (Linting revisions)",
  },
  {
    id: "not-analysed",
    severity: "error",
    group: "hygiene",
    databases: "all",
    summary: "the revision's functions could not run in recording mode (they read the database, or threw)",
    fix: "check op.isOffline around steps that read the database, or fix the error named",
  },
];

function shorten(sql: string): string {
  const line = sql.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
