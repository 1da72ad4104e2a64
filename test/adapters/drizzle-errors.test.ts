import { sql } from "drizzle-orm";
import * as my from "drizzle-orm/mysql-core";
import * as pg from "drizzle-orm/pg-core";
import * as sl from "drizzle-orm/sqlite-core";
import { describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { loadDrizzle } from "../../src/adapters/drizzle/load.js";
import { AthanorError } from "../../src/util/errors.js";

function thrown(run: () => unknown): AthanorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected an AthanorError");
}

describe("fromDrizzle refuses what it cannot read faithfully", () => {
  const pgUsers = pg.pgTable("users", { id: pg.integer().primaryKey() });
  const sqliteUsers = sl.sqliteTable("users", { id: sl.integer().primaryKey() });

  test("tables of several databases need the dialect option, which picks one", () => {
    const error = thrown(() => fromDrizzle({ pgUsers, sqliteUsers }));
    expect(error.message).toBe("The drizzle schema holds tables of several databases: postgresql, sqlite");
    expect(error.hint).toContain('dialect: "postgresql"');
    expect(fromDrizzle({ pgUsers, sqliteUsers }, { dialect: "sqlite" }).tables[0]!.columns[0]!.type).toEqual({ kind: "integer" });
    expect(fromDrizzle({ pgUsers, sqliteUsers }, { dialect: "postgresql" }).tables).toHaveLength(1);
  });

  test("a schema without tables is an error, not an empty target that would drop every table", () => {
    expect(thrown(() => fromDrizzle({ helper: () => 1, n: 3 })).message).toBe("No drizzle tables found in the schema given to fromDrizzle()");
    expect(thrown(() => fromDrizzle({ pgUsers }, { dialect: "mysql" })).message).toBe("No drizzle mysql tables found in the schema given to fromDrizzle()");
    expect(thrown(() => fromDrizzle(null as never)).message).toContain("takes a drizzle schema module");
  });

  test("relations, views and other exports are passed over; the same table exported twice counts once", () => {
    const view = pg.pgView("v").as((qb) => qb.select().from(pgUsers));
    const model = fromDrizzle({ pgUsers, default: pgUsers, view, sql: sql`select 1`, n: 1 });
    expect(model.tables.map((t) => t.name)).toEqual(["users"]);
  });

  test("an alias of a table is not a table of its own", () => {
    const author = pg.alias(pgUsers, "author");
    expect(fromDrizzle({ pgUsers, author }).tables.map((t) => t.name)).toEqual(["users"]);
  });

  test("unknown options are refused by name", () => {
    expect(thrown(() => fromDrizzle({ pgUsers }, { dialect: "oracle" as never })).message).toBe('fromDrizzle(): unknown dialect "oracle"');
    expect(thrown(() => fromDrizzle({ pgUsers }, { casing: "kebab" as never })).message).toBe('fromDrizzle(): unknown casing "kebab"');
  });

  test("two different tables of one name are an error", () => {
    const again = pg.pgTable("users", { id: pg.integer() });
    expect(thrown(() => fromDrizzle([pgUsers, again])).message).toBe('Two different drizzle tables are named "users"');
  });

  test("a column-level and a composite primary key together are an error", () => {
    const t = my.mysqlTable("t", { a: my.int().primaryKey(), b: my.int() }, (c) => [my.primaryKey({ columns: [c.a, c.b] })]);
    expect(thrown(() => fromDrizzle([t])).message).toBe('Table "t" declares more than one primary key');
  });

  test("an index on an expression needs a name", () => {
    const t = pg.pgTable("t", { a: pg.text() }, (c) => [pg.index().on(sql`lower(${c.a})`)]);
    const error = thrown(() => fromDrizzle([t]));
    expect(error.message).toBe('An index on an expression in table "t" has no name');
  });

  test("the same pg enum name with other values is an error", () => {
    const a = pg.pgEnum("e", ["x"]);
    const b = pg.pgEnum("e", ["x", "y"]);
    const t = pg.pgTable("t", { a: a(), b: b() });
    expect(thrown(() => fromDrizzle({ a, b, t })).message).toBe('The enum "e" is declared twice with different values');
  });

  test("without drizzle-orm installed, one line says what to install", () => {
    const error = thrown(() => loadDrizzle("drizzle-orm-that-is-not-installed"));
    expect(error.oneLine()).toBe("athanor/drizzle needs the package drizzle-orm, which is not installed (npm install drizzle-orm)");
  });
});
