// Row-level security and policies are PostgreSQL's, standalone sequences
// PostgreSQL's and MariaDB's: a model aimed at a database without them that
// declares them is told so, once per object, and nothing tries to create them;
// their operations are refused in one line. On PostgreSQL the operations
// compile and reverse as data.
import { afterEach, describe, expect, it } from "vitest";
import { compareSchemas, diffsToOperations } from "../../src/autogenerate/compare/index.js";
import type { CompareWarning } from "../../src/autogenerate/compare/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { reverseOperation } from "../../src/operations/reverse/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import * as command from "../../src/command/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, diffs, generate, onlyOurs } from "./round-trip-helpers.js";
import { produceMigrations } from "../../src/command/autogenerate-project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_docs`, { id: column.integer().primaryKey(), owner: column.text() }, {
    rowLevelSecurity: { force: true },
    policies: [{ name: "docs_read", using: "owner = current_user" }],
  });
  metadata.sequence(`${prefix}_numbers`, { start: 10 });
  return metadata;
}

describe.each(["mysql", "sqlite"] as const)("on %s", (name) => {
  it("declared row-level security, policies and sequences are warned about once each, and left out of the operations", () => {
    const dialect = getDialect(name);
    const warnings: CompareWarning[] = [];
    const model = declare("t").toModel();
    const found = compareSchemas(model, { tables: [], enums: [] }, { dialect, onWarning: (w) => warnings.push(w) });
    // MariaDB has sequences (see test/dialects/mysql/sequences-live.test.ts); SQLite has none.
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ["rowLevelSecurityNotSupported", `Table t_docs declares row-level security, policy "docs_read", which ${name} does not have (PostgreSQL's): not created nor compared`],
      ...(name === "sqlite" ? [["sequenceNotSupported", `Sequence t_numbers is declared, but ${name} has no standalone sequences (PostgreSQL and MariaDB have): not created nor compared`]] : []),
    ]);
    const operations = diffsToOperations(found);
    expect(operations.map((o) => o.kind)).toEqual(name === "sqlite" ? ["createTable"] : ["createSequence", "createTable"]);
    const created = operations.find((o) => o.kind === "createTable") as Extract<SchemaOperation, { kind: "createTable" }>;
    expect(created.table.rowLevelSecurity).toBeUndefined();
    expect(created.table.policies).toBeUndefined();
  });

  it("identity sequence options beyond start are warned about, naming the column", () => {
    const metadata = new MetaData();
    metadata.table("t_ids", { id: column.integer().primaryKey().identity({ start: 5, cache: 10, cycle: true }) });
    const warnings: CompareWarning[] = [];
    compareSchemas(metadata.toModel(), { tables: [], enums: [] }, { dialect: getDialect(name), onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => w.message)).toEqual([`Column t_ids.id declares identity options cache, cycle, which ${name} does not have (PostgreSQL's): not created nor compared`]);
  });

  it("their operations are refused in one line naming the operation", () => {
    const ddl = getDialect(name).ddl;
    const refused: SchemaOperation[] = [
      { kind: "rowLevelSecurity", table: "docs", enabled: true, force: false },
      { kind: "createPolicy", table: "docs", policy: { name: "p" } },
      { kind: "dropPolicy", table: "docs", name: "p" },
      ...(name === "sqlite"
        ? ([
            { kind: "createSequence", sequence: { name: "s" } },
            { kind: "dropSequence", name: "s" },
            { kind: "alterSequence", name: "s", changes: { cache: 2 }, existing: { cache: 1 } },
          ] as const)
        : []),
    ];
    for (const operation of refused) {
      const only = operation.kind.endsWith("Sequence") ? "PostgreSQL and MariaDB" : "PostgreSQL";
      expect(() => ddl.compile(operation)).toThrow(new RegExp(`^${operation.kind}: .* has no .*; the operation exists on ${only} only$`));
    }
    const table = { name: "docs", columns: [{ name: "id", type: { kind: "integer" as const }, nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    expect(() => ddl.compile({ kind: "createTable", table: { ...table, policies: [{ name: "p" }] } })).toThrow(/^createTable "docs": .* has no row-level security or policies/);
    expect(() => ddl.compile({ kind: "createTable", table: { ...table, rowLevelSecurity: { enabled: true } } })).toThrow(/PostgreSQL only$/);
    expect(() => ddl.compile({ kind: "alterColumn", table: "docs", name: "id", changes: { identity: { always: true, cache: 5 } }, existing: {} })).toThrow(
      /^alterColumn "id": .* cannot change an identity column's options by ALTER; identity options exist on PostgreSQL only$/,
    );
  });
});

describe.each(liveDialects().filter((d) => d !== "postgresql"))("live on %s", (dialect) => {
  it("autogenerate creates the table alone, says what it left out, and check is then empty", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const metadata = declare(p.prefix);
    const warnings: CompareWarning[] = [];
    const produced = await produceMigrations(await p.db(), metadata, onlyOurs(p, warnings));
    const mariadb = dialect === "mysql";
    expect(produced.upgradeOps.map((o) => o.kind)).toEqual(mariadb ? ["createSequence", "createTable"] : ["createTable"]);
    expect(warnings.filter((w) => w.code === "rowLevelSecurityNotSupported" || w.code === "sequenceNotSupported")).toHaveLength(mariadb ? 1 : 2);
    await generate(p, "rt0001", null, metadata);
    await command.upgrade(p.config(), "head");
    expect((await catalog(p)).map((t) => t.name)).toEqual([`${p.prefix}_docs`]);
    expect(await diffs(p, metadata)).toEqual([]);
  });
});

describe("on postgresql, as data", () => {
  const ddl = getDialect("postgresql").ddl;

  it("row-level security compiles to the statements that change, and reverses to how it was", () => {
    const op: SchemaOperation = { kind: "rowLevelSecurity", table: "docs", schema: "app", enabled: true, force: true, existing: { enabled: true, force: false } };
    expect(ddl.compile(op)).toEqual(['ALTER TABLE "app"."docs" FORCE ROW LEVEL SECURITY']);
    const back = reverseOperation(op);
    expect(back).toEqual({ kind: "rowLevelSecurity", table: "docs", schema: "app", enabled: true, force: false, existing: { enabled: true, force: true } });
    expect(ddl.compile(back)).toEqual(['ALTER TABLE "app"."docs" NO FORCE ROW LEVEL SECURITY']);
  });

  it("policies quote their roles but keywords, and a drop without the policy cannot be reversed", () => {
    const create: SchemaOperation = { kind: "createPolicy", table: "docs", policy: { name: "p", for: "update", to: ["Admin", "current_user"], using: "a", withCheck: "b" } };
    expect(ddl.compile(create)).toEqual(['CREATE POLICY "p" ON "docs" FOR UPDATE TO "Admin", CURRENT_USER USING (a) WITH CHECK (b)']);
    expect(ddl.compile(reverseOperation(create))).toEqual(['DROP POLICY "p" ON "docs"']);
    expect(() => reverseOperation({ kind: "dropPolicy", table: "docs", name: "p" })).toThrow(/dropPolicy\("p", "docs"\) cannot be reversed/);
  });

  it("sequences compile with every option, and an alter reverses to the options before", () => {
    expect(
      ddl.compile({ kind: "createSequence", sequence: { name: "s", schema: "app", type: "integer", start: 5, increment: -1, minValue: -100, maxValue: 5, cache: 3, cycle: true } }),
    ).toEqual(['CREATE SEQUENCE "app"."s" AS integer START WITH 5 INCREMENT BY -1 MINVALUE -100 MAXVALUE 5 CACHE 3 CYCLE']);
    const alter: SchemaOperation = { kind: "alterSequence", name: "s", changes: { cycle: false, ownedBy: null }, existing: { cycle: true, ownedBy: { table: "t", column: "c" } } };
    expect(ddl.compile(alter)).toEqual(['ALTER SEQUENCE "s" NO CYCLE OWNED BY NONE']);
    expect(ddl.compile(reverseOperation(alter))).toEqual(['ALTER SEQUENCE "s" CYCLE OWNED BY "t"."c"']);
    expect(() => ddl.compile({ kind: "createSequence", sequence: { name: "s", start: 1.5 } })).toThrow(/sequence "s" start must be an integer/);
  });

  it("an identity change sets only the options that change; adding and dropping one too", () => {
    const alter = (identity: unknown, existing: unknown): string[] =>
      ddl.compile({ kind: "alterColumn", table: "t", name: "id", changes: { identity: identity as never }, existing: { type: { kind: "integer" }, identity: existing as never } });
    expect(alter({ always: true, cache: 20 }, { always: false, maxValue: 10 })).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "id" SET GENERATED ALWAYS SET MAXVALUE 2147483647 SET CACHE 20',
    ]);
    expect(alter(null, { always: false })).toEqual(['ALTER TABLE "t" ALTER COLUMN "id" DROP IDENTITY IF EXISTS']);
    expect(alter({ always: false, start: 3 }, null)).toEqual(['ALTER TABLE "t" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 3)']);
  });
});
