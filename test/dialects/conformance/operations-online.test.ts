// Every operation run through real revisions by command.upgrade / downgrade on
// each live database, its effect read back with the dialect's catalog reader,
// then reversed by the downgrade and read back again.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { Table } from "../../src/schema/model.js";
import { liveDialects } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { operationRevisions as revisions } from "./scenarios.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/** Databases whose dialect compiles and reads schema operations here. */
const ready = liveDialects().filter((d) => getDialect(d).ddl !== undefined && getDialect(d).reflect !== undefined);

async function reflect(p: Project, name: string): Promise<Table | undefined> {
  const db = await p.db();
  const model = await db.dialect.reflect!(db, { tables: [name] });
  return model.tables.find((t) => t.name === name);
}

async function table(p: Project, name: string): Promise<Table> {
  const found = await reflect(p, name);
  expect(found, `table ${name}`).toBeDefined();
  return found!;
}

function columnNames(t: Table): string[] {
  return t.columns.map((c) => c.name);
}

describe.each(ready)("schema operations on %s, read back from the catalog and reversed", (dialect) => {
  it("each revision's effect shows in the catalog, and each downgrade undoes it", async () => {
    const revs = revisions(dialect);
    const p = createProject(dialect, revs);
    projects.push(p);
    const config = p.config();
    const users = `${p.prefix}_users`;
    const posts = `${p.prefix}_posts`;
    const articles = `${p.prefix}_articles`;

    // Upgrade one revision at a time and read each effect back.
    const after: Record<string, () => Promise<void>> = {
      op0001: async () => {
        const u = await table(p, users);
        expect(columnNames(u)).toEqual(["id", "email", "name"]);
        expect(u.primaryKey?.columns).toEqual(["id"]);
        expect(u.columns.find((c) => c.name === "email")!.nullable).toBe(false);
        expect(u.columns.find((c) => c.name === "name")!.nullable).toBe(true);
        const t = await table(p, posts);
        expect(columnNames(t)).toEqual(["id", "user_id", "title"]);
        expect(JSON.stringify(t.columns.find((c) => c.name === "title")!.serverDefault)).toContain("untitled");
      },
      op0002: async () => {
        const age = (await table(p, users)).columns.find((c) => c.name === "age");
        expect(age?.nullable).toBe(true);
        expect(JSON.stringify(age?.serverDefault)).toContain("0");
      },
      op0003: async () => {
        const t = await table(p, users);
        // MySQL reads a unique index over plain columns back as a unique constraint: they are one thing there
        const index = t.indexes.find((i) => i.name === `ix_${p.prefix}_users_email`);
        const unique = t.uniques.find((u) => u.name === `ix_${p.prefix}_users_email`);
        if (dialect === "mysql") expect(index ?? { ...unique, unique: true }).toMatchObject({ columns: ["email"], unique: true });
        else expect(index).toMatchObject({ columns: ["email"], unique: true });
      },
      op0004: async () => {
        const name = (await table(p, users)).columns.find((c) => c.name === "name")!;
        expect(name.nullable).toBe(false);
        expect(JSON.stringify(name.type)).toContain("80");
        expect(JSON.stringify(name.serverDefault)).toContain("anon");
      },
      op0005: async () => {
        expect(columnNames(await table(p, users))).toEqual(["id", "email", "full_name", "age"]);
      },
      op0006: async () => {
        const t = await table(p, posts);
        expect(t.uniques.map((u) => u.name)).toContain(`uq_${p.prefix}_posts_title`);
        expect(t.foreignKeys).toEqual([expect.objectContaining({ name: `fk_${p.prefix}_posts_user`, columns: ["user_id"], refTable: users, refColumns: ["id"], onDelete: "cascade" })]);
        expect((await table(p, users)).checks.map((c) => c.name)).toContain(`ck_${p.prefix}_users_age`);
        // the foreign key and check really hold
        const db = await p.db();
        await expect(db.execute(`INSERT INTO ${db.dialect.quoteIdentifier(posts)} (id, user_id, title) VALUES (1, 999, 'x')`)).rejects.toThrow();
        await expect(db.execute(`INSERT INTO ${db.dialect.quoteIdentifier(users)} (id, email, full_name, age) VALUES (1, 'a', 'b', -1)`)).rejects.toThrow();
      },
      op0007: async () => {
        expect(await reflect(p, posts)).toBeUndefined();
        expect(columnNames(await table(p, articles))).toEqual(["id", "user_id", "title"]);
      },
      op0008: async () => {
        expect((await table(p, users)).comment).toBe(`people's "accounts"`);
      },
      op0011: async () => {
        expect((await table(p, `${p.prefix}_keys`)).primaryKey).toBeUndefined();
      },
      op0013: async () => {
        const keys = await table(p, `${p.prefix}_keys`);
        expect(keys.primaryKey?.columns).toEqual(["id"]);
        if (dialect !== "mysql") expect(keys.primaryKey?.name).toBe(`pk_${p.prefix}_keys`);
      },
      op0012: async () => {
        expect((await table(p, users)).columns.find((c) => c.name === "email")?.comment).toBe("where we write");
      },
      op0009: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [users] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_mood`)?.values).toEqual(["sad", "ok"]);
        expect((await table(p, users)).columns.find((c) => c.name === "mood")?.type).toMatchObject({ kind: "enum", name: `${p.prefix}_mood` });
      },
      op0014: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [`${p.prefix}_moods`] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_feel`)?.values).toEqual(["up", "down"]);
        expect(model.tables[0]?.columns.find((c) => c.name === "m")?.type).toMatchObject({ kind: "enum", name: `${p.prefix}_feel` });
      },
      op0010: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [users] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_mood`)?.values).toEqual(["sad", "fine", "happy"]);
      },
    };
    const snapshots: string[] = [];
    const snapshot = async (): Promise<string> => {
      const db = await p.db();
      const model = await db.dialect.reflect!(db, { tables: [users, posts, articles, `${p.prefix}_keys`] });
      const enums = model.enums.filter((e) => e.name.startsWith(p.prefix));
      return JSON.stringify({ tables: [...model.tables].sort((a, b) => a.name.localeCompare(b.name)), enums });
    };
    for (const rev of revs) {
      snapshots.push(await snapshot());
      const result = await command.upgrade(config, "+1");
      expect(result.heads).toEqual([rev.id]);
      await after[rev.id]!();
    }
    // Downgrade one at a time: each leaves the catalog as it was before its upgrade
    // (except an added enum value, which PostgreSQL cannot remove).
    let enumGrew = false;
    for (const rev of [...revs].reverse()) {
      await command.downgrade(config, "-1");
      const before = snapshots.pop()!;
      const now = await snapshot();
      if (rev.id === "op0010") enumGrew = true;
      const expected = enumGrew ? before.replaceAll('"sad","ok"]', '"sad","ok","happy"]') : before;
      expect(JSON.parse(now)).toEqual(JSON.parse(expected));
    }
    expect(await reflect(p, users)).toBeUndefined();
  });
});
