// Large drizzle schemas, one per database, and real ones published on npm
// (large-schemas/published.ts), through their whole life on that database
// (large-schemas/harness.ts): autogenerate from empty, upgrade, check and a
// second autogenerate with nothing to do, downgrade to an empty database, and
// the --sql scripts run by the database's own client.
import { describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { expectLargeSchemaLife, type KnownDifference, type LargeSchema } from "./large-schemas/harness.js";
import * as mysqlHelpdesk from "./fixtures/large/mysql-helpdesk.js";
import * as pgHelpdesk from "./fixtures/large/pg-helpdesk.js";
import * as sqliteHelpdesk from "./fixtures/large/sqlite-helpdesk.js";
import { PUBLISHED_SCHEMAS, type PublishedSchema } from "./large-schemas/published.js";

/**
 * Differences each schema still shows right after its upgrade, and why. Each is
 * a defect of athanor's: the test requires exactly these, so a fix must remove
 * its line here.
 */
const KNOWN_DIFFERENCES: Record<DialectName, readonly KnownDifference[]> = {
  postgresql: [],
  mysql: [],
  sqlite: [],
};

const schemas: Record<DialectName, () => LargeSchema> = {
  postgresql: () => ({ dialect: "postgresql", name: "pg-helpdesk", model: fromDrizzle(pgHelpdesk, { casing: "snake_case" }), notCompared: [], knownDifferences: KNOWN_DIFFERENCES.postgresql }),
  mysql: () => ({ dialect: "mysql", name: "mysql-helpdesk", model: fromDrizzle(mysqlHelpdesk, { casing: "snake_case" }), notCompared: [], knownDifferences: KNOWN_DIFFERENCES.mysql }),
  sqlite: () => ({ dialect: "sqlite", name: "sqlite-helpdesk", model: fromDrizzle(sqliteHelpdesk, { casing: "snake_case" }), notCompared: [], knownDifferences: KNOWN_DIFFERENCES.sqlite }),
};

/** Each database's whole run takes 5–25 s here; a run past this fails as too slow. */
const BUDGET_MS = 60_000;

describe("a large drizzle schema's whole life", () => {
  test.each(liveDialects())("%s", async (dialect) => {
    const schema = schemas[dialect]();
    expect(schema.model.tables.length).toBeGreaterThanOrEqual(30);
    const { tables } = await expectLargeSchemaLife(schema);
    expect(tables.sort()).toEqual(schema.model.tables.map((t) => t.name).sort());
  }, BUDGET_MS);
});

/**
 * Differences each published schema still shows right after its upgrade, by
 * package and database, and why (same rule as KNOWN_DIFFERENCES).
 */
const PUBLISHED_KNOWN_DIFFERENCES: Record<string, readonly KnownDifference[]> = {};

/** What `check` reports as not compared for a published schema, by package and database. */
const PUBLISHED_NOT_COMPARED: Record<string, readonly string[]> = {};

function publishedCases(): [string, PublishedSchema][] {
  const live = new Set(liveDialects());
  return PUBLISHED_SCHEMAS.filter((s) => live.has(s.dialect)).map((s) => [`${s.pkg}@${s.version} on ${s.dialect}`, s]);
}

describe("a real published drizzle schema's whole life", () => {
  test.each(publishedCases())("%s", async (label, published) => {
    const model = await published.model();
    expect(model.tables.length, "every table the package declares is read").toBe(published.tables);
    expect(model.views?.length ?? 0, "every view the package declares is read").toBe(published.views);
    const { tables } = await expectLargeSchemaLife({
      dialect: published.dialect,
      name: label,
      model,
      notCompared: PUBLISHED_NOT_COMPARED[label] ?? [],
      knownDifferences: PUBLISHED_KNOWN_DIFFERENCES[label] ?? [],
    });
    expect(tables.sort()).toEqual(model.tables.map((t) => t.name).sort());
  }, BUDGET_MS);
});
