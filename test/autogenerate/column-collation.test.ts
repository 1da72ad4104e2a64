// Column collations through autogenerate on each live database: declared with
// the DSL (and with drizzle's customType on MySQL), created, compared equal,
// changed, and given back exactly by the downgrade.
import { afterEach, describe, expect, it } from "vitest";
import { customType, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { customType as pgCustomType, pgTable, integer as pgInteger } from "drizzle-orm/pg-core";
import { customType as sqliteCustomType, sqliteTable, integer as sqliteInteger } from "drizzle-orm/sqlite-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { describeDiff } from "../../src/autogenerate/describe-diff.js";
import * as command from "../../src/command/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { catalog, diffs, generate, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/** Two collations every server of the kind has, and the column's case-sensitive one. */
const COLLATIONS: Record<DialectName, { readonly a: string; readonly b: string }> = {
  sqlite: { a: "NOCASE", b: "RTRIM" },
  postgresql: { a: "C", b: "POSIX" },
  mysql: { a: "utf8mb4_bin", b: "utf8mb4_unicode_ci" },
};

function declare(prefix: string, dialect: DialectName, changed: boolean): MetaData {
  const { a, b } = COLLATIONS[dialect];
  const metadata = new MetaData();
  const code = column.string(36).notNull().collate(changed ? b : a).default("x");
  metadata.table(`${prefix}_people`, {
    id: column.integer().primaryKey(),
    // a → b (its comment, default and NOT NULL kept), none → a, a → none
    code: dialect === "sqlite" ? code : code.comment("kept"),
    name: changed ? column.string(50).collate(a) : column.string(50),
    note: changed ? column.text() : column.text().collate(a),
  });
  return metadata;
}

describe.each(liveDialects())("column collations on %s", (dialect) => {
  it("are created, compare equal, are changed, and the downgrade restores the ones before", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const first = declare(p.prefix, dialect, false);
    const second = declare(p.prefix, dialect, true);
    const { detected, code, downgradeCode } = await roundTrip(p, first, second);
    const changed = detected.flatMap((d) => (d.kind === "modifyColumn" ? [[d.column, d.changes.collation]] : []));
    const { a, b } = COLLATIONS[dialect];
    expect(changed).toEqual([
      ["code", b],
      ["name", a],
      ["note", null],
    ]);
    expect(code).toContain(`collation: "${b}"`);
    // as check lists it
    expect(detected.map(describeDiff)).toContain(`modify column ${p.prefix}_people.code: collation ${a} -> ${b}`);
    // the downgrade names the collations it restores, never the server's default
    expect(downgradeCode).toContain(`collation: "${a}"`);
  });
});

describe.runIf(liveDialects().includes("mysql"))("collations on mysql", () => {
  it("a declared collation equal to the table's default compares equal to none", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const metadata = new MetaData();
    metadata.table(`${p.prefix}_t`, {
      id: column.integer().primaryKey(),
      a: column.string(20).collate("utf8mb4_bin"),
      b: column.string(20),
    }, { mysql: { charset: "utf8mb4", collate: "utf8mb4_bin" } });
    await generate(p, "rt0001", null, metadata);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, metadata)).toEqual([]);
    const [table] = await catalog(p);
    // the database reads the column's collation as the table's: none of its own
    expect(table!.columns.find((c) => c.name === "a")!.collation).toBeUndefined();
  });

  it("a drizzle customType carrying COLLATE is a type and a collation: applied once, then nothing to do", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const binaryId = customType<{ data: string }>({ dataType: () => "varchar(36) COLLATE utf8mb4_bin" });
    const schema = (withName: boolean) =>
      fromDrizzle({
        ids: mysqlTable(`${p.prefix}_ids`, {
          id: binaryId("id").primaryKey(),
          other: binaryId("other"),
          ...(withName ? { name: varchar("name", { length: 50 }) } : {}),
        }),
      });
    const first = schema(false);
    expect(first.tables[0]!.columns[0]).toMatchObject({ type: { kind: "string", length: 36 }, collation: "utf8mb4_bin" });
    await generate(p, "rt0001", null, first);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, first)).toEqual([]);
    const [table] = await catalog(p);
    expect(table!.columns.map((c) => [c.name, c.collation])).toEqual([
      ["id", "utf8mb4_bin"],
      ["other", "utf8mb4_bin"],
    ]);
    // a later change elsewhere in the table leaves the collations alone, both ways
    const { upgrade, downgrade } = await generate(p, "rt0002", "rt0001", schema(true));
    expect(upgrade).not.toContain("alterColumn");
    expect(downgrade).not.toContain("alterColumn");
  });
});

describe.each(liveDialects().filter((d) => d !== "mysql"))("a drizzle customType carrying COLLATE on %s", (dialect) => {
  it("is a type and a collation: applied once, then nothing to do", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const schema =
      dialect === "postgresql"
        ? fromDrizzle({
            t: pgTable(`${p.prefix}_names`, {
              id: pgInteger("id").primaryKey(),
              name: pgCustomType<{ data: string }>({ dataType: () => 'text COLLATE "C"' })("name"),
            }),
          })
        : fromDrizzle({
            t: sqliteTable(`${p.prefix}_names`, {
              id: sqliteInteger("id").primaryKey(),
              name: sqliteCustomType<{ data: string }>({ dataType: () => "text COLLATE NOCASE" })("name"),
            }),
          });
    await generate(p, "rt0001", null, schema);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, schema)).toEqual([]);
    const [table] = await catalog(p);
    expect(table!.columns[1]).toMatchObject({ type: { kind: "text" }, collation: dialect === "postgresql" ? "C" : "NOCASE" });
  });
});
