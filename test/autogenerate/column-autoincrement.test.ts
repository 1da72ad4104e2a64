// Switching a key column's auto-increment on and off through autogenerate on
// each live database (MySQL AUTO_INCREMENT, PostgreSQL SERIAL's owned
// sequence, SQLite's AUTOINCREMENT by batch copy), and back by the downgrade.
import { afterEach, describe, expect, it } from "vitest";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, counting: boolean): MetaData {
  const metadata = new MetaData();
  const id = column.integer().primaryKey();
  metadata.table(`${prefix}_items`, {
    id: counting ? id.autoincrement() : id,
    name: column.string(20).notNull().default("x"),
  });
  return metadata;
}

describe.each(liveDialects())("auto-increment on %s", (dialect) => {
  it.each([
    ["switched on", false, true],
    ["switched off", true, false],
  ] as const)("is detected %s, applied, and undone by the downgrade", async (_what, from, to) => {
    const p = createProject(dialect);
    projects.push(p);
    let counts: boolean | undefined;
    const { detected, code } = await roundTrip(p, declare(p.prefix, from), declare(p.prefix, to), async () => {
      counts = (await catalog(p))[0]!.columns[0]!.autoincrement === true;
      // the key counts by itself only when switched on
      const db = await p.db();
      const table = db.dialect.quoteTable(`${p.prefix}_items`);
      if (to) {
        await db.execute(`INSERT INTO ${table} (${db.dialect.quoteIdentifier("name")}) VALUES ('a')`);
        const rows = (await db.execute(`SELECT ${db.dialect.quoteIdentifier("id")} AS id FROM ${table}`)).rows;
        expect(rows.map((r) => Number(r["id"]))).toEqual([1]);
        await db.execute(`DELETE FROM ${table}`);
      }
    });
    expect(detected).toMatchObject([{ kind: "modifyColumn", column: "id", changes: { autoincrement: to } }]);
    expect(code).toContain(`autoincrement: ${to}`);
    expect(counts).toBe(to);
  });
});
