// PostgreSQL refuses an ALTER SEQUENCE whose new bounds leave out the
// sequence's current value. When autogenerate writes such an alter (of a
// standalone sequence or of an identity column), it reads where the sequence
// stands and says so in one line, with what to write instead; the warning
// tells the truth (the upgrade fails), and the advice works.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { reverseOperation } from "../../src/operations/reverse/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { generate } from "./round-trip-helpers.js";
import { postgresqlSequenceStates } from "../../src/dialects/postgresql/sequence-states.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function schema(prefix: string, maxValue?: number): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_sq_rooms`, { id: column.integer().primaryKey().identity(maxValue === undefined ? {} : { maxValue }), name: column.text() });
  metadata.sequence(`${prefix}_sq_tickets`, maxValue === undefined ? {} : { maxValue });
  // widened bounds leave the value inside: no warning
  metadata.sequence(`${prefix}_sq_spare`, maxValue === undefined ? { maxValue: 500 } : { maxValue: 1000 });
  return metadata;
}

describe("restart, as data", () => {
  it("compiles after the options, and the downgrade leaves it out", () => {
    const ddl = getDialect("postgresql").ddl;
    const alter: SchemaOperation = { kind: "alterSequence", name: "s", changes: { maxValue: 100, restart: 100 }, existing: { maxValue: 1000 } };
    expect(ddl.compile(alter)).toEqual(['ALTER SEQUENCE "s" MAXVALUE 100 RESTART WITH 100']);
    expect(ddl.compile({ ...alter, changes: { restart: true } })).toEqual(['ALTER SEQUENCE "s" RESTART']);
    expect(reverseOperation(alter)).toEqual({ kind: "alterSequence", name: "s", changes: { maxValue: 1000 }, existing: { maxValue: 100 } });
  });
});

describe.runIf(liveDialects().includes("postgresql"))("sequence bounds on postgresql", () => {
  it("a sequence or identity column that is not there reads as none, inside a transaction too", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const db = await p.db();
    await db.begin();
    try {
      const states = await postgresqlSequenceStates(db, [
        { kind: "sequence", name: `${p.prefix}_missing` },
        { kind: "identity", table: `${p.prefix}_missing`, column: "id" },
      ]);
      expect(states).toEqual([undefined, undefined]);
      expect((await db.execute("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.rollback();
    }
  });

  it("an alter leaving out the current value is warned about in one line each, and the advice runs", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const key = `__athanor_sequence_bounds_${p.prefix}`;
    const setting = { metadata: schema(p.prefix) };
    (globalThis as Record<string, unknown>)[key] = setting;
    p.writeEnv(`const s = () => globalThis[${JSON.stringify(key)}];
export default {
  get targetMetadata() { return s().metadata; },
  includeName: (name, type) => !["table", "enum", "sequence", "view"].includes(type) || name.startsWith("\${P}_sq_"),
};
`);
    const config = p.config();
    await generate(p, "sb0001", null, setting.metadata);
    await command.upgrade(config, "head");
    const db = await p.db();
    const tickets = `${p.prefix}_sq_tickets`;
    const rooms = `${p.prefix}_sq_rooms`;
    await db.execute(`SELECT setval('"${tickets}"', 150)`);
    await db.execute(`ALTER TABLE "${rooms}" ALTER COLUMN id RESTART WITH 150`);
    await db.execute(`INSERT INTO "${rooms}" (name) VALUES ('a')`);

    setting.metadata = schema(p.prefix, 100);
    const warnings: string[] = [];
    config.attributes["autogenerate"] = { onWarning: (line: string) => warnings.push(line) };
    const revision = await command.revision(config, { message: "narrow", autogenerate: true, revId: "sb0002" });
    const refused = warnings.filter((w) => w.includes("will fail on this database"));
    const statement = `ALTER TABLE "${rooms}" ALTER COLUMN "id" SET MAXVALUE 100 RESTART WITH 100`;
    expect(refused.sort()).toEqual([
      `upgrade() will fail on this database (postgresql): alterColumn "id" on "${rooms}": the identity's current value 150 lies outside the new bounds 1..100, which PostgreSQL refuses; write it as op.execute(${JSON.stringify(statement)})`,
      `upgrade() will fail on this database (postgresql): alterSequence "${tickets}": its current value 150 lies outside the new bounds 1..100, which PostgreSQL refuses; add restart: 100 to the alter's changes`,
    ]);
    // the warning tells the truth
    await expect(command.upgrade(config, "head")).rejects.toThrow(/cannot be greater than MAXVALUE \(100\)/);

    // the advice runs
    rmSync(revision.path!);
    p.write({
      id: "sb0002",
      down: "sb0001",
      upgrade: `  await op.alterSequence("${tickets}", { maxValue: 100, restart: 100 }, { existing: { maxValue: "9223372036854775807" } });
  await op.execute(${JSON.stringify(statement)});
  await op.alterSequence("${p.prefix}_sq_spare", { maxValue: 1000 }, { existing: { maxValue: 500 } });`,
      downgrade: `  await op.alterSequence("${p.prefix}_sq_spare", { maxValue: 500 }, { existing: { maxValue: 1000 } });
  await op.execute('ALTER TABLE "${rooms}" ALTER COLUMN "id" SET MAXVALUE 2147483647');
  await op.alterSequence("${tickets}", { maxValue: "9223372036854775807" }, { existing: { maxValue: 100 } });`,
    });
    await command.upgrade(config, "head");
    expect((await db.execute(`SELECT nextval('"${tickets}"')::int AS n`)).rows[0]).toEqual({ n: 100 });
    const check = await command.check(config);
    expect(check.differences).toEqual([]);
    await command.downgrade(config, "base");
  });
});
