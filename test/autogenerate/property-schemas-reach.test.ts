// The random schemas of the property test reach the cases they are meant to:
// on MariaDB, a default removed from a column that has ON UPDATE (restated
// with MODIFY there), and standalone sequences added, dropped and altered;
// on PostgreSQL, materialized views with storage parameters.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyChange, buildSchema, changeSpec, extrasSpec, schemaSpec } from "./property-schemas.js";

describe("the property test's generators on mysql", () => {
  const samples = fc.sample(fc.tuple(schemaSpec, extrasSpec, changeSpec), { numRuns: 4000, seed: 20261206 });
  const changes = samples.map(([specs, extras, change]) => {
    const schema = buildSchema(specs, "mysql", extras);
    const { model, label } = applyChange(schema, change, "mysql");
    return { schema, model, label };
  });

  test("remove the default of a column that has ON UPDATE", () => {
    const reached = changes.filter(({ schema, model }) =>
      schema.tables.some((t) =>
        t.columns.some((c) => {
          const after = model.tables.find((m) => m.name === t.name)?.columns.find((m) => m.name === c.name);
          return c.onUpdate !== undefined && c.serverDefault !== undefined && after !== undefined && after.onUpdate !== undefined && after.serverDefault === undefined;
        }),
      ),
    );
    expect(reached.length).toBeGreaterThan(0);
  });

  test("declare MariaDB sequences, without a type, and add, drop and alter them", () => {
    expect(changes.some(({ schema }) => (schema.sequences ?? []).length > 0)).toBe(true);
    expect(changes.flatMap(({ schema }) => schema.sequences ?? []).every((s) => s.type === undefined)).toBe(true);
    for (const kind of ["add sequence", "drop sequence", "options of sequence"]) {
      expect(changes.some(({ label }) => label.startsWith(kind)), kind).toBe(true);
    }
  });
});

describe("the property test's generators on postgresql", () => {
  const samples = fc.sample(fc.tuple(schemaSpec, extrasSpec, changeSpec), { numRuns: 2000, seed: 20261206 });
  const changes = samples.map(([specs, extras, change]) => {
    const schema = buildSchema(specs, "postgresql", extras);
    const { model, label } = applyChange(schema, change, "postgresql");
    return { schema, model, label };
  });

  test("declare materialized views with storage parameters, and change their queries; plain views carry none", () => {
    const views = changes.flatMap(({ schema, model }) => [...(schema.views ?? []), ...(model.views ?? [])]);
    expect(views.some((v) => v.materialized === true && v.with !== undefined)).toBe(true);
    expect(views.some((v) => v.materialized !== true && v.with !== undefined)).toBe(false);
    expect(changes.some(({ schema, label }) => label.startsWith("query of view") && (schema.views ?? []).some((v) => v.with !== undefined))).toBe(true);
  });
});
