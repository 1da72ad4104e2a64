import type { ServerDefault } from "../../schema/model.js";
import { tableLabel } from "../describe.js";
import type { LintRule, RecordedOperation } from "../types.js";
import { mysqlInPlaceType, postgresqlKeepsRows, typeText } from "./column-types.js";

/**
 * PostgreSQL functions marked VOLATILE that appear in defaults. `now()`,
 * `CURRENT_TIMESTAMP` and `statement_timestamp()` are STABLE: PostgreSQL 11+
 * evaluates them once and adds the column without a rewrite.
 */
const VOLATILE = /\b(random|gen_random_uuid|uuid_generate_v[14]|uuid_generate_v1mc|clock_timestamp|timeofday|nextval|setseed)\s*\(/i;

function volatileDefault(value: ServerDefault | undefined): boolean {
  return value?.kind === "sql" && VOLATILE.test(value.sql);
}

const concurrentSql = /\b(create|drop)\s+(unique\s+)?index\s+concurrently\b|\breindex\b[^;]*\bconcurrently\b|\brefresh\s+materialized\s+view\s+concurrently\b/i;

/** Whether an operation asks PostgreSQL for CONCURRENTLY (which cannot run inside a transaction). */
export function runsConcurrently(op: RecordedOperation): boolean {
  if ((op.kind === "createIndex" || op.kind === "dropIndex" || op.kind === "refreshMaterializedView") && op.concurrently === true) return true;
  return op.kind === "execute" && concurrentSql.test(op.sql);
}

/** Rules for locks held and tables rewritten, per database. */
export const lockingRules: readonly LintRule[] = [
  {
    id: "index-not-concurrent",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "creates an index on an existing table without CONCURRENTLY (writes wait for the whole build)",
    fix: "pass { concurrently: true } to op.createIndex and declare `export const transactional = false` in the revision",
    check: ({ operation: op }, context) =>
      op.kind === "createIndex" && op.concurrently !== true && context.existing(op.table, op.schema)
        ? [`creating index ${op.index.name} on ${tableLabel(op.table, op.schema)} blocks writes to the table until it is built`]
        : [],
  },
  {
    id: "drop-index-not-concurrent",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "drops an index without CONCURRENTLY (reads and writes of the table wait for the lock)",
    fix: "pass { concurrently: true } to op.dropIndex and declare `export const transactional = false` in the revision",
    check: ({ operation: op }, context) =>
      op.kind === "dropIndex" && op.concurrently !== true && (op.table === undefined || context.existing(op.table, op.schema))
        ? [`dropping index ${op.name}${op.table === undefined ? "" : ` of ${tableLabel(op.table, op.schema)}`} takes an ACCESS EXCLUSIVE lock on the table`]
        : [],
  },
  {
    id: "set-not-null-scan",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "SET NOT NULL on an existing table scans every row under an ACCESS EXCLUSIVE lock",
    fix: 'add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later revision, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check (raw SQL with op.execute)',
    check: ({ operation: op }, context) =>
      op.kind === "alterColumn" && op.changes.nullable === false && op.existing.nullable !== false && context.existing(op.table, op.schema)
        ? [`setting ${tableLabel(op.table, op.schema)}.${op.name} NOT NULL reads every row while reads and writes wait`]
        : [],
  },
  {
    id: "fk-not-valid",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "adds a foreign key to an existing table in one step (both tables locked while every row is checked)",
    fix: 'write it as raw SQL in two steps: op.execute("ALTER TABLE t ADD CONSTRAINT fk ... NOT VALID"), then in a later revision op.execute("ALTER TABLE t VALIDATE CONSTRAINT fk")',
    check: ({ operation: op }, context) =>
      op.kind === "addConstraint" && op.constraint.type === "foreignkey" && context.existing(op.table, op.schema)
        ? [`foreign key ${op.constraint.name ?? "(unnamed)"} on ${tableLabel(op.table, op.schema)} checks every row while holding locks on it and ${op.constraint.refTable}`]
        : [],
  },
  {
    id: "type-change-rewrite",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "changes a column's type in a way that rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
    fix: "add a new column of the new type, fill it in batches, switch readers over, then drop the old one; longer varchar, varchar to text and more numeric precision need no rewrite",
    check: ({ operation: op }, context) => {
      if (op.kind !== "alterColumn" || op.changes.type === undefined || !context.existing(op.table, op.schema)) return [];
      if (postgresqlKeepsRows(op.existing.type, op.changes.type)) return [];
      const from = op.existing.type === undefined ? "" : ` from ${typeText(op.existing.type)}`;
      return [`changing ${tableLabel(op.table, op.schema)}.${op.name}${from} to ${typeText(op.changes.type)} rewrites the table while holding an ACCESS EXCLUSIVE lock`];
    },
  },
  {
    id: "volatile-default",
    severity: "warning",
    group: "locking",
    databases: ["postgresql"],
    summary: "adds a column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), a sequence) or a stored generated column: the table is rewritten",
    fix: "add the column without the default (or with a constant one), set the default for new rows with alterColumn, and fill existing rows in batches",
    check: ({ operation: op }, context) => {
      if (op.kind !== "addColumn" || !context.existing(op.table, op.schema)) return [];
      const where = `${tableLabel(op.table, op.schema)}.${op.column.name}`;
      if (volatileDefault(op.column.serverDefault)) return [`adding ${where} with the volatile default ${op.column.serverDefault?.kind === "sql" ? op.column.serverDefault.sql : ""} rewrites the table`];
      if (op.column.autoincrement === true || op.column.identity !== undefined) return [`adding ${where} as a serial or identity column fills it from a sequence and rewrites the table`];
      if (op.column.computed?.stored === true) return [`adding the stored generated column ${where} rewrites the table`];
      return [];
    },
  },
  {
    id: "mysql-not-instant",
    severity: "warning",
    group: "locking",
    databases: ["mysql"],
    summary: "an ALTER that MySQL/MariaDB can run neither INSTANT nor INPLACE: the table is copied and writes wait",
    fix: "run the change with an online schema change tool (gh-ost, pt-online-schema-change) or in a maintenance window; add a new column and copy instead of changing a type",
    check: ({ operation: op }, context) => {
      const table = "table" in op && typeof op.table === "string" ? op.table : undefined;
      if (table === undefined || op.kind === "createTable" || !context.existing(table, "schema" in op ? op.schema : undefined)) return [];
      const where = tableLabel(table, "schema" in op ? op.schema : undefined);
      if (op.kind === "alterColumn") {
        const found: string[] = [];
        if (op.changes.type !== undefined && !mysqlInPlaceType(op.existing.type, op.changes.type)) {
          found.push(`changing the type of ${where}.${op.name} to ${typeText(op.changes.type)} copies the table`);
        }
        if (op.changes.collation !== undefined) found.push(`changing the collation of ${where}.${op.name} copies the table`);
        if (op.changes.autoincrement === true && op.existing.autoincrement !== true) found.push(`making ${where}.${op.name} AUTO_INCREMENT copies the table`);
        return found;
      }
      if (op.kind === "addColumn") {
        if (op.column.autoincrement === true) return [`adding the AUTO_INCREMENT column ${where}.${op.column.name} copies the table`];
        if (op.column.computed?.stored === true) return [`adding the stored generated column ${where}.${op.column.name} copies the table`];
        return [];
      }
      if (op.kind === "dropConstraint" && op.type === "primary") return [`dropping the primary key of ${where} copies the table`];
      if (op.kind === "addConstraint" && op.constraint.type === "foreignkey") {
        return [`adding foreign key ${op.constraint.name ?? "(unnamed)"} to ${where} copies the table unless foreign_key_checks is off`];
      }
      if (op.kind === "alterTableOptions") {
        const mysql = (op.options["mysql"] ?? {}) as Record<string, unknown>;
        const keys = Object.keys(mysql).filter((key) => /engine|charset|characterSet|collat|rowFormat/i.test(key));
        return keys.length > 0 ? [`changing ${keys.join(", ")} of ${where} rebuilds or copies the table`] : [];
      }
      return [];
    },
  },
  {
    id: "sqlite-batch-rebuild",
    severity: "warning",
    group: "locking",
    databases: ["sqlite"],
    summary: "a batch block that moves and copies the table (create a copy, copy every row, drop, rename)",
    fix: "expect time and space in proportion to the table's rows; group every change of the table in one batch block, and run it when writers can wait",
    check: ({ operation: op }, context) =>
      op.kind === "batchAlterTable" && op.recreate && context.existing(op.table, op.schema)
        ? [`batchAlterTable(${tableLabel(op.table, op.schema)}) copies every row of the table into a new one`]
        : [],
  },
];
