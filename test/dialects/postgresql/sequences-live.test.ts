// PostgreSQL standalone sequences and identity options through autogenerate
// on a live server: declared with the DSL and with drizzle, created, compared
// equal, changed, given back exactly by the downgrade; the --sql script runs
// through psql.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { bigint, integer, pgSequence, pgTable } from "drizzle-orm/pg-core";
import { fromDrizzle } from "../../../src/adapters/drizzle/index.js";
import * as command from "../../../src/command/index.js";
import { MetaData, column } from "../../../src/schema/index.js";
import type { Sequence } from "../../../src/schema/model.js";
import { createProject, type Project } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";
import { catalog, diffs, generate, roundTrip } from "../../autogenerate/round-trip-helpers.js";

const projects: Project[] = [];

/** Rendered code without its layout: no whitespace, no comma before a closing bracket. */
const flat = (code: string): string => code.replace(/,(\s*[)}\]])/g, "$1").replace(/\s+/g, "");

afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, changed: boolean): MetaData {
  const metadata = new MetaData();
  const orders = metadata.table(`${prefix}_orders`, {
    id: column.integer().primaryKey().identity(changed ? { always: false, start: 10, cache: 20 } : { always: true, start: 10, maxValue: 1000, cycle: true }),
    num: column.bigint(),
  });
  metadata.sequence(`${prefix}_invoice`, changed ? { type: "integer", start: 100, increment: 2, maxValue: 5000, cache: 20 } : { start: 100, cache: 5 });
  if (!changed) metadata.sequence(`${prefix}_down`, { type: "smallint", increment: -1 });
  if (changed) metadata.sequence(`${prefix}_owned`, { ownedBy: { table: orders.name, column: "num" } });
  return metadata;
}

async function sequences(p: Project): Promise<Sequence[]> {
  const db = await p.db();
  const model = await db.dialect.reflect(db, {});
  return (model.sequences ?? []).filter((s) => s.name.startsWith(p.prefix));
}

describe.runIf(liveDialects().includes("postgresql"))("sequences and identity options on postgresql", () => {
  it("DSL: are created, compare equal, are changed, and the downgrade restores them", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const first = declare(p.prefix, false);
    const second = declare(p.prefix, true);
    let upgraded: Sequence[] = [];
    let identity: unknown;
    const { detected, code, downgradeCode } = await roundTrip(p, first, second, async () => {
      upgraded = await sequences(p);
      identity = (await catalog(p))[0]!.columns[0]!.identity;
    });
    expect(upgraded).toEqual([
      { name: `${p.prefix}_invoice`, type: "integer", start: 100, increment: 2, maxValue: 5000, cache: 20 },
      { name: `${p.prefix}_owned`, ownedBy: { table: `${p.prefix}_orders`, column: "num" } },
    ]);
    expect(identity).toEqual({ always: false, start: 10, cache: 20 });
    expect(detected.map((d) => d.kind).sort()).toEqual(["addSequence", "alterSequence", "modifyColumn", "removeSequence"]);
    // the renderer wraps a call by its length, which the random table prefix changes
    expect(flat(code)).toContain(flat(`op.alterSequence("${p.prefix}_invoice", { type: "integer", increment: 2, maxValue: 5000, cache: 20 }, { existing: { type: "bigint", increment: 1, maxValue: "9223372036854775807", cache: 5 } })`));
    expect(flat(code)).toContain(flat(`op.createSequence("${p.prefix}_owned", { ownedBy: { table: "${p.prefix}_orders", column: "num" } })`));
    expect(code).toContain(`identity: { always: false, start: 10, cache: 20 }`);
    expect(flat(downgradeCode)).toContain(flat(`op.createSequence("${p.prefix}_down", { type: "smallint", increment: -1 })`));
    // After the downgrade to the first revision (inside roundTrip) the first set is back; at base, none.
    expect(await sequences(p)).toEqual([]);
  });

  it("the first revision's sequences read back as declared, defaults left out", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    await generate(p, "rt0001", null, declare(p.prefix, false));
    await command.upgrade(p.config(), "head");
    expect(await sequences(p)).toEqual([
      { name: `${p.prefix}_down`, type: "smallint", increment: -1 },
      { name: `${p.prefix}_invoice`, start: 100, cache: 5 },
    ]);
    expect((await catalog(p))[0]!.columns[0]!.identity).toEqual({ always: true, start: 10, maxValue: 1000, cycle: true });
    // A serial column's sequence is the column's, not a standalone one.
    const db = await p.db();
    await db.execute(`CREATE TABLE "${p.prefix}_serial" (id serial PRIMARY KEY)`);
    expect((await sequences(p)).map((s) => s.name)).toEqual([`${p.prefix}_down`, `${p.prefix}_invoice`]);
    await db.execute(`DROP TABLE "${p.prefix}_serial"`);
  });

  it("drizzle: pgSequence and identity sequence options round-trip", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const build = (changed: boolean): Record<string, unknown> => ({
      counter: pgSequence(`${p.prefix}_counter`, changed ? { startWith: 10, increment: 5, maxValue: "9223372036854775806" } : { startWith: 10 }),
      items: pgTable(`${p.prefix}_items`, {
        id: integer().primaryKey().generatedAlwaysAsIdentity(changed ? { startWith: 5, minValue: 5, maxValue: 100, cache: 3, cycle: true } : { startWith: 5, minValue: 5 }),
        big: bigint({ mode: "number" }).generatedByDefaultAsIdentity({ maxValue: "9223372036854775000" }),
      }),
    });
    const first = fromDrizzle(build(false));
    const second = fromDrizzle(build(true));
    expect(first.sequences).toEqual([{ name: `${p.prefix}_counter`, start: 10 }]);
    let upgraded: Sequence[] = [];
    await roundTrip(p, first, second, async () => {
      upgraded = await sequences(p);
      expect((await catalog(p))[0]!.columns.map((c) => c.identity)).toEqual([
        // a start equal to the minimum is PostgreSQL's default: left out
        { always: true, minValue: 5, maxValue: 100, cache: 3, cycle: true },
        { always: false, maxValue: "9223372036854775000" },
      ]);
    });
    expect(upgraded).toEqual([{ name: `${p.prefix}_counter`, start: 10, increment: 5, maxValue: "9223372036854775806" }]);
  });

  it("the --sql script creates the sequences and identities, and psql runs it", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const metadata = declare(p.prefix, true);
    await generate(p, "rt0001", null, metadata);
    const script = String((await command.upgrade(p.config(), "head", { sql: true }))?.sql ?? "");
    expect(script).toContain(`CREATE SEQUENCE "${p.prefix}_invoice" AS integer START WITH 100 INCREMENT BY 2 MAXVALUE 5000 CACHE 20`);
    expect(script).toContain(`CREATE SEQUENCE "${p.prefix}_owned" OWNED BY "${p.prefix}_orders"."num"`);
    expect(script).toContain("GENERATED BY DEFAULT AS IDENTITY (START WITH 10 CACHE 20)");
    const url = new URL(p.url);
    const run = spawnSync("psql", ["-X", "-v", "ON_ERROR_STOP=1", "-q", "-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username), "-d", url.pathname.slice(1)], {
      input: script,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(await diffs(p, metadata)).toEqual([]);
  });
});
