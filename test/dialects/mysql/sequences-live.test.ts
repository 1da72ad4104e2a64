// MariaDB's sequences through autogenerate on a live server: declared with the
// DSL, created, compared equal with MariaDB's defaults filled in, changed,
// given back exactly by the downgrade; the --sql script runs through the
// mariadb client. Offline, the statements and the refusals for a MySQL server.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { compareSchemas } from "../../../src/autogenerate/compare/index.js";
import type { CompareWarning } from "../../../src/autogenerate/compare/index.js";
import * as command from "../../../src/command/index.js";
import { createMysqlDialect, getDialect } from "../../../src/dialects/index.js";
import { reverseOperation } from "../../../src/operations/reverse/index.js";
import { MetaData, column } from "../../../src/schema/index.js";
import type { Sequence } from "../../../src/schema/model.js";
import { createProject, type Project } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";
import { diffs, generate, roundTrip } from "../../autogenerate/round-trip-helpers.js";

const projects: Project[] = [];

/** Rendered code without its layout: no whitespace, no comma before a closing bracket. */
const flat = (code: string): string => code.replace(/,(\s*[)}\]])/g, "$1").replace(/\s+/g, "");
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, changed: boolean): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_orders`, { id: column.integer().primaryKey() });
  metadata.sequence(`${prefix}_invoice`, changed ? { start: 100, increment: 2, maxValue: 5000, cache: 20, cycle: true } : { start: 100, cache: 5 });
  if (!changed) metadata.sequence(`${prefix}_down`, { increment: -1 });
  if (changed) metadata.sequence(`${prefix}_plain`);
  return metadata;
}

async function sequences(p: Project): Promise<Sequence[]> {
  const db = await p.db();
  const model = await db.dialect.reflect(db, {});
  return (model.sequences ?? []).filter((s) => s.name.startsWith(p.prefix));
}

describe("MariaDB sequences offline", () => {
  const ddl = createMysqlDialect({ flavor: "mariadb" }).ddl;

  it("compile with every option, NOCYCLE as MariaDB writes it, and an alter reverses to the options before", () => {
    expect(
      ddl.compile({ kind: "createSequence", sequence: { name: "s", schema: "app", start: 5, increment: -1, minValue: -100, maxValue: 5, cache: 3, cycle: true } }),
    ).toEqual(["CREATE SEQUENCE `app`.`s` START WITH 5 INCREMENT BY -1 MINVALUE -100 MAXVALUE 5 CACHE 3 CYCLE"]);
    expect(ddl.compile({ kind: "createSequence", sequence: { name: "s" }, ifNotExists: true })).toEqual(["CREATE SEQUENCE IF NOT EXISTS `s`"]);
    const alter = { kind: "alterSequence", name: "s", changes: { cycle: false, cache: 20 }, existing: { cycle: true, cache: 1000 } } as const;
    expect(ddl.compile(alter)).toEqual(["ALTER SEQUENCE `s` CACHE 20 NOCYCLE"]);
    expect(ddl.compile(reverseOperation(alter))).toEqual(["ALTER SEQUENCE `s` CACHE 1000 CYCLE"]);
    expect(ddl.compile({ kind: "dropSequence", name: "s", ifExists: true })).toEqual(["DROP SEQUENCE IF EXISTS `s`"]);
    expect(ddl.compile({ kind: "alterSequence", name: "s", changes: { minValue: 10, restart: 10 }, existing: { minValue: 1 } })).toEqual(["ALTER SEQUENCE `s` MINVALUE 10 RESTART WITH 10"]);
    expect(ddl.compile({ kind: "alterSequence", name: "s", changes: { restart: true }, existing: {} })).toEqual(["ALTER SEQUENCE `s` RESTART"]);
  });

  it("a type other than bigint, an owner, and any sequence on a MySQL server are refused in one line", () => {
    expect(() => ddl.compile({ kind: "createSequence", sequence: { name: "s", type: "integer" } })).toThrow(
      /^createSequence "s": MariaDB's sequences count in bigint and take no type, got "integer"$/,
    );
    expect(() => ddl.compile({ kind: "createSequence", sequence: { name: "s", ownedBy: { table: "t", column: "c" } } })).toThrow(/cannot be owned by a column/);
    const mysql = createMysqlDialect({ flavor: "mysql" }).ddl;
    expect(() => mysql.compile({ kind: "createSequence", sequence: { name: "s" } })).toThrow(/^createSequence "s": MySQL has no sequences \(MariaDB 10\.3 and later has\)$/);
  });

  it("compares with MariaDB's defaults: a declared sequence equals MariaDB's catalog values; type and owner are warned about and left out", () => {
    const dialect = getDialect("mysql");
    const declared = new MetaData();
    declared.sequence("a");
    declared.sequence("b", { increment: -1, cache: 1000, maxValue: -1 });
    declared.sequence("c", { type: "integer", start: 3 });
    const reflected = { tables: [], enums: [], sequences: [{ name: "a" }, { name: "b", increment: -1 }, { name: "c", start: 3 }] };
    const warnings: CompareWarning[] = [];
    expect(compareSchemas(declared.toModel(), reflected, { dialect, onWarning: (w) => warnings.push(w) })).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([`Sequence c declares type integer (its sequences count in bigint), which mysql does not have: left out`]);
    const changed = compareSchemas(new MetaData().toModel(), reflected, { dialect });
    expect(changed.map((d) => d.kind)).toEqual(["removeSequence", "removeSequence", "removeSequence"]);
  });
});

describe.runIf(liveDialects().includes("mysql"))("MariaDB sequences live", () => {
  it("DSL: are created, compare equal, are changed, and the downgrade restores them", async () => {
    const p = createProject("mysql");
    projects.push(p);
    let upgraded: Sequence[] = [];
    const { detected, code, downgradeCode } = await roundTrip(p, declare(p.prefix, false), declare(p.prefix, true), async () => {
      upgraded = await sequences(p);
    });
    expect(upgraded).toEqual([
      { name: `${p.prefix}_invoice`, start: 100, increment: 2, maxValue: 5000, cache: 20, cycle: true },
      { name: `${p.prefix}_plain` },
    ]);
    expect(detected.map((d) => d.kind).sort()).toEqual(["addSequence", "alterSequence", "removeSequence"]);
    // the renderer wraps a call by its length, which the random table prefix changes
    expect(flat(code)).toContain(
      flat(`op.alterSequence("${p.prefix}_invoice", { increment: 2, maxValue: 5000, cache: 20, cycle: true }, { existing: { increment: 1, maxValue: "9223372036854775806", cache: 5, cycle: false } })`),
    );
    expect(flat(downgradeCode)).toContain(flat(`op.createSequence("${p.prefix}_down", { increment: -1 })`));
    expect(await sequences(p)).toEqual([]);
  });

  it("the first revision's sequences read back as declared, MariaDB's defaults left out, and are no longer reported as not compared", async () => {
    const p = createProject("mysql");
    projects.push(p);
    await generate(p, "rt0001", null, declare(p.prefix, false));
    await command.upgrade(p.config(), "head");
    expect(await sequences(p)).toEqual([
      { name: `${p.prefix}_down`, increment: -1 },
      { name: `${p.prefix}_invoice`, start: 100, cache: 5 },
    ]);
    const db = await p.db();
    const model = await db.dialect.reflect(db, {});
    expect((model.notModelled ?? []).filter((o) => o.name?.startsWith(p.prefix) === true)).toEqual([]);
    // A sequence is not a table.
    const tables = model.tables.map((t) => t.name);
    expect(tables).toContain(`${p.prefix}_orders`);
    expect(tables.filter((n) => n === `${p.prefix}_down` || n === `${p.prefix}_invoice`)).toEqual([]);
  });

  it("the --sql script creates the sequences, and the mariadb client runs it", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const metadata = declare(p.prefix, true);
    await generate(p, "rt0001", null, metadata);
    const script = String((await command.upgrade(p.config(), "head", { sql: true }))?.sql ?? "");
    expect(script).toContain(`CREATE SEQUENCE \`${p.prefix}_invoice\` START WITH 100 INCREMENT BY 2 MAXVALUE 5000 CACHE 20 CYCLE`);
    const url = new URL(p.url);
    const run = spawnSync("mariadb", ["-h", url.hostname, "-P", url.port || "3306", "-u", decodeURIComponent(url.username), url.pathname.slice(1)], {
      input: script,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(await diffs(p, metadata)).toEqual([]);
  });
});
