// Defaults the database keeps in another spelling compare equal to the declared
// ones: MariaDB's function aliases (lcase, ucase, substr, curdate, ...) and the
// `DEFAULT false` / `DEFAULT true` drizzle-kit writes on SQLite's boolean-mode integers.
import { afterEach, describe, expect, it } from "vitest";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { diffs } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

describe.runIf(liveDialects().includes("mysql"))("function names in defaults on mysql", () => {
  it("compare equal whichever of its names the server keeps", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const metadata = new MetaData();
    metadata.table(`${p.prefix}_d`, {
      id: column.integer().primaryKey(),
      a: column.string(20).defaultSql("(lower('X'))"),
      b: column.string(20).defaultSql("(upper('x'))"),
      c: column.string(20).defaultSql("(substring('abc', 1, 2))"),
      d: column.date().defaultSql("(current_date)"),
      e: column.integer().defaultSql("(character_length('abc'))"),
      f: column.integer().defaultSql("(power(2, 3))"),
      g: column.string(64).defaultSql("(schema())"),
      h: column.string(20).defaultSql("(nvl(null, 'a'))"),
      i: column.string(20).defaultSql("(concat('a', mid('abc', 1, 1)))"),
      j: column.time().defaultSql("(current_time)"),
    });
    const db = await p.db();
    const table = metadata.toModel().tables[0]!;
    for (const sql of db.dialect.ddl.compile({ kind: "createTable", table })) await db.execute(sql);
    expect(await diffs(p, metadata)).toEqual([]);
    // a real change among them is still one
    const changed = new MetaData();
    changed.table(`${p.prefix}_d`, { ...Object.fromEntries(table.columns.map((c) => [c.name, column(c.type)])) });
    expect((await diffs(p, changed)).length).toBeGreaterThan(0);
  });
});

describe("boolean defaults on sqlite", () => {
  it("DEFAULT false / true of an integer column are 0 and 1", async () => {
    const p = createProject("sqlite");
    projects.push(p);
    const db = await p.db();
    // as drizzle-kit writes them
    await db.execute(`CREATE TABLE \`${p.prefix}_flags\` (
      \`id\` integer PRIMARY KEY NOT NULL,
      \`active\` integer DEFAULT false NOT NULL,
      \`visible\` integer DEFAULT true NOT NULL,
      \`count\` integer DEFAULT 0 NOT NULL
    )`);
    const schema = fromDrizzle({
      flags: sqliteTable(`${p.prefix}_flags`, {
        id: integer("id").primaryKey(),
        active: integer("active", { mode: "boolean" }).notNull().default(false),
        visible: integer("visible", { mode: "boolean" }).notNull().default(true),
        count: integer("count").notNull().default(0),
      }),
    });
    expect(await diffs(p, schema)).toEqual([]);
    const metadata = new MetaData();
    metadata.table(`${p.prefix}_flags`, {
      id: column.integer().primaryKey(),
      active: column.integer().notNull().default(0),
      visible: column.integer().notNull().default(1),
      count: column.integer().notNull().default(false),
    });
    expect(await diffs(p, metadata)).toEqual([]);
    const flipped = new MetaData();
    flipped.table(`${p.prefix}_flags`, {
      id: column.integer().primaryKey(),
      active: column.integer().notNull().default(1),
      visible: column.integer().notNull().default(1),
      count: column.integer().notNull().default(0),
    });
    expect((await diffs(p, flipped)).map((d) => (d.kind === "modifyColumn" ? d.column : d.kind))).toEqual(["active"]);
  });
});
