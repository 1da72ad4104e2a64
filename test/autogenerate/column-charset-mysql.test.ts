// A MySQL column declared with a character set and no collation (drizzle's
// customType `varchar(64) CHARACTER SET ascii`, or `.collate("ascii")` in the
// DSL): the character set's default collation as the server gives it, so
// autogenerate is empty after the upgrade and the downgrade restores exactly.
import { afterEach, describe, expect, it } from "vitest";
import { customType, int, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { describeDiff } from "../../src/autogenerate/describe-diff.js";
import * as command from "../../src/command/index.js";
import { createMysqlDialect } from "../../src/dialects/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, diffs, generate, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ascii = customType<{ data: string }>({ dataType: () => "varchar(64) CHARACTER SET ascii" });
const latin1 = customType<{ data: string }>({ dataType: () => "varchar(20) CHARSET latin1" });
const latin1Bin = customType<{ data: string }>({ dataType: () => "varchar(20) CHARACTER SET latin1 COLLATE latin1_bin" });

function schema(prefix: string, changed: boolean): MetaData {
  return fromDrizzle({
    codes: mysqlTable(`${prefix}_codes`, {
      id: int("id").primaryKey(),
      // utf8mb4 (the table's) → ascii; ascii kept; latin1_bin → latin1's default
      code: changed ? ascii("code") : varchar("code", { length: 64 }),
      tag: ascii("tag").notNull(),
      pair: changed ? latin1("pair") : latin1Bin("pair"),
    }),
  }) as unknown as MetaData;
}

describe("a character set named alone, offline", () => {
  it("drizzle's customType splits into the type and the character set; DDL writes CHARACTER SET", () => {
    const model = fromDrizzle({ t: mysqlTable("t", { a: ascii("a"), b: latin1Bin("b") }) });
    expect(model.tables[0]!.columns.map((c) => [c.type, c.collation])).toEqual([
      [{ kind: "string", length: 64 }, "ascii"],
      [{ kind: "string", length: 20 }, "latin1_bin"],
    ]);
    const ddl = createMysqlDialect({ flavor: "mariadb" }).ddl;
    expect(ddl.compile({ kind: "addColumn", table: "t", column: { name: "a", type: { kind: "string", length: 64 }, nullable: true, collation: "ascii" } })).toEqual([
      "ALTER TABLE `t` ADD COLUMN `a` varchar(64) CHARACTER SET ascii NULL",
    ]);
  });
});

describe.runIf(liveDialects().includes("mysql"))("a character set named alone, live on mysql", () => {
  it("drizzle: compares equal to the server's default collation of the set, changes, and the downgrade restores exactly", async () => {
    const p = createProject("mysql");
    projects.push(p);
    let upgraded: [string, string | undefined][] = [];
    const { detected, code } = await roundTrip(p, schema(p.prefix, false), schema(p.prefix, true), async () => {
      upgraded = (await catalog(p))[0]!.columns.map((c) => [c.name, c.collation]);
    });
    const db = await p.db();
    const defaults = (await db.execute("SELECT COLLATION(CONVERT('' USING ascii)) AS a, COLLATION(CONVERT('' USING latin1)) AS l")).rows[0]!;
    expect(upgraded).toEqual([
      ["id", undefined],
      ["code", String(defaults["a"])],
      ["tag", String(defaults["a"])],
      ["pair", String(defaults["l"])],
    ]);
    expect(detected.map(describeDiff).sort()).toEqual([
      expect.stringContaining(`modify column ${p.prefix}_codes.code: collation`),
      expect.stringContaining(`modify column ${p.prefix}_codes.pair: collation latin1_bin -> ${String(defaults["l"])}`),
    ]);
    // the revision states the collation the server resolved, not the character set
    expect(code).toContain(`collation: "${String(defaults["a"])}"`);
  });

  it("the DSL's .collate(\"ascii\") is the same thing, and the first upgrade leaves nothing to do", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const metadata = new MetaData();
    metadata.table(`${p.prefix}_tags`, { id: column.integer().primaryKey(), tag: column.string(10).collate("ascii") });
    await generate(p, "rt0001", null, metadata);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, metadata)).toEqual([]);
    const table = (await catalog(p)).find((t) => t.name === `${p.prefix}_tags`);
    expect(table!.columns[1]!.collation).toMatch(/^ascii_/);
  });
});
