import fc from "fast-check";
import { describe as group, expect, test } from "vitest";
import { reverseOperations } from "../../src/operations/reverse/index.js";
import { compareSchemas, diffsToOperations, expressionKey, type CompareOptions, type SchemaDiff } from "../../src/autogenerate/compare/index.js";
import { viewKey } from "../../src/autogenerate/compare/compare-views.js";
import type { Connection, Dialect } from "../../src/dialects/contract/index.js";
import type { SchemaModel, Table } from "../../src/schema/model.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { applyOperations, describe, openSandbox, reflect } from "./compare-helpers.js";
import { applyChange, buildSchema, changeSpec, extrasSpec, schemaSpec } from "./property-schemas.js";

/**
 * For random schemas on each database: created from a comparison with the
 * empty database, compared again → nothing; a random change applied the same
 * way → nothing again; its operations reversed → the database reads back as
 * before (the same tables, columns, keys, constraints, indexes, views and
 * sequences).
 */

/**
 * Compare the declared model with the sandbox as autogenerate does: the
 * declared views the database has, spelled by the database itself.
 */
async function diff(connection: Connection, declared: SchemaModel, options: Omit<CompareOptions, "dialect"> = {}): Promise<SchemaDiff[]> {
  const reflected = await reflect(connection);
  const present = new Set((reflected.views ?? []).map((v) => viewKey(v.name, v.schema)));
  const wanted = (declared.views ?? []).filter((v) => present.has(viewKey(v.name, v.schema)));
  const spelled = wanted.length === 0 ? [] : await connection.dialect.views.canonicalize(connection, wanted);
  const canonicalViews = new Map(wanted.map((v, i) => [viewKey(v.name, v.schema), spelled[i]!]));
  return compareSchemas(declared, reflected, { dialect: connection.dialect, ...options, canonicalViews });
}

/** Bounded so the suite stays fast; ATHANOR_PROPERTY_RUNS=<n> runs more (e.g. before a release). */
const override = Number(process.env.ATHANOR_PROPERTY_RUNS ?? "");
const RUNS: Record<DialectName, number> = override > 0 ? { sqlite: override, postgresql: override, mysql: override } : { sqlite: 25, postgresql: 20, mysql: 15 };

/**
 * A reflected schema in a fixed order (a column dropped and added back comes
 * last), conditions and index expressions as fingerprints (SQLite quotes names
 * in them when it renames a column), for equality.
 */
function canonical(model: SchemaModel, dialect: Dialect): SchemaModel {
  const sql = (text: string): string => expressionKey(text, dialect);
  const byName = <T extends { readonly name?: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const table = (t: Table): Table => ({
    ...t,
    columns: [...t.columns].sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: byName(t.foreignKeys),
    uniques: byName(t.uniques),
    checks: byName(t.checks.map((c) => ({ ...c, sql: sql(c.sql) }))),
    indexes: byName(
      t.indexes.map((ix) => ({
        ...ix,
        columns: ix.columns.map((e) => (typeof e === "string" ? e : { expression: sql(e.expression) })),
        ...(ix.where === undefined ? {} : { where: sql(ix.where) }),
      })),
    ),
  });
  return {
    tables: [...model.tables].map(table).sort((a, b) => a.name.localeCompare(b.name)),
    enums: [...model.enums].sort((a, b) => a.name.localeCompare(b.name)),
    views: [...(model.views ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    sequences: [...(model.sequences ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

group("random schemas", () => {
  for (const name of liveDialects()) {
    test(`${name}: from empty, a random change and its reverse all compare equal`, async () => {
      await fc.assert(
        fc.asyncProperty(schemaSpec, extrasSpec, changeSpec, async (specs, extras, changeOf) => {
          const sandbox = await openSandbox(name);
          const { connection } = sandbox;
          try {
            const schema = buildSchema(specs, name, extras);
            await applyOperations(connection, diffsToOperations(await diff(connection, schema)));
            const warnings: string[] = [];
            expect(describe(await diff(connection, schema, { onWarning: (w) => warnings.push(w.message) })), "after creating the schema").toEqual([]);
            const before = await reflect(connection);

            const { model: changed, label, renames } = applyChange(schema, changeOf, name);
            const upgrade = diffsToOperations(await diff(connection, changed, renames === undefined ? {} : { renames }));
            await applyOperations(connection, upgrade);
            expect(describe(await diff(connection, changed, { onWarning: (w) => warnings.push(w.message) })), `after: ${label}`).toEqual([]);
            expect(warnings, "warnings of an unchanged schema").toEqual([]);

            // PostgreSQL cannot remove an enum value: that change has no downgrade.
            if (upgrade.some((op) => op.kind === "addEnumValue")) return;
            await applyOperations(connection, reverseOperations(upgrade));
            expect(describe(await diff(connection, schema)), `after reversing: ${label}`).toEqual([]);
            expect(canonical(await reflect(connection), connection.dialect), `read back after reversing: ${label}`).toEqual(canonical(before, connection.dialect));
          } finally {
            await sandbox.close();
          }
        }),
        { numRuns: RUNS[name], endOnFailure: true },
      );
    }, 3_600_000);
  }
});
