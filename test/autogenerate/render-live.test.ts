// Rendered code run as real revisions on each live database: the operations
// autogenerate finds are rendered, written as a revision, upgraded, and the
// database read back must then match the declared schema exactly (compare
// finds nothing); the downgrade restores the schema before.
import { afterEach, describe, expect, it } from "vitest";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import { renderBody } from "../../src/autogenerate/render/index.js";
import * as command from "../../src/command/index.js";
import { MetaData, check, column, expr, index, type, unique, uniqueIndex } from "../../src/schema/index.js";
import type { CompareMetadataOptions } from "../../src/command/autogenerate-project.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";
import { historyTableBeside } from "../../src/dialects/version-table.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = liveDialects();

/** The declared schema; `changed` adds a column, an index and a check, and changes a column; `withoutPosts` drops a table. */
function schema(prefix: string, dialect: DialectName, changed: boolean, withoutPosts = false): MetaData {
  const metadata = new MetaData({
    namingConvention: {
      uq: "uq_%(table_name)s_%(column_0_N_name)s",
      ck: "ck_%(table_name)s_%(constraint_name)s",
      fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
      pk: "pk_%(table_name)s",
    },
  });
  const mood = metadata.enum(`${prefix}_mood`, ["sad", "ok", "happy"]);
  const users = metadata.table(`${prefix}_users`, {
    id: column.integer().primaryKey().autoincrement(),
    email: column.string(120).notNull(),
    name: changed ? column.string(200).notNull().default("anon") : column.string(100),
    active: column.boolean().notNull().default(true),
    score: column.numeric(10, 2).notNull().default(0),
    mood: column.enum(mood),
    createdAt: column.timestamp().columnName("created_at").notNull().defaultSql("CURRENT_TIMESTAMP"),
    ...(changed ? { age: column.integer() } : {}),
  }, (c) => [
    unique().on(c.email),
    check("score_positive", expr`${c.score} >= 0`),
    ...(changed && c.age ? [index().on(c.age), check("age_adult", expr`${c.age} >= 18`)] : []),
  ], dialect === "sqlite" ? {} : { comment: "people" });
  if (withoutPosts) return metadata;
  metadata.table(`${prefix}_posts`, {
    id: column.integer().primaryKey(),
    authorId: column.integer().columnName("author_id").notNull().references(() => users.c.id, { onDelete: "cascade" }),
    title: column.string(200).notNull().default("untitled"),
    body: column.text(),
  }, (c) => [index().on(c.authorId), index(`ix_${prefix}_posts_title`).on(c.title, c.authorId)]);
  return metadata;
}

function onlyOurs(p: Project): CompareMetadataOptions {
  return {
    includeName: (name, type) => !["table", "enum", "view", "sequence"].includes(type) || name.startsWith(p.prefix),
    versionTable: p.versionTable,
  };
}

const indent = (text: string): string => text.split("\n").map((line) => `  ${line}`).join("\n");

async function generate(p: Project, id: string, down: string | null, metadata: MetaData): Promise<string> {
  const db = await p.db();
  const produced = await produceMigrations(db, metadata, onlyOurs(p));
  const options = { dialect: p.dialect, namingConvention: metadata.namingConvention };
  const upgrade = renderBody(produced.upgradeOps, options).upgrades;
  const downgrade = renderBody(produced.downgradeOps, options).upgrades;
  p.write({ id, down, upgrade: indent(upgrade), downgrade: indent(downgrade) });
  return upgrade;
}

describe.each(ready)("rendered revisions on %s", (dialect) => {
  it("create the declared schema exactly, change it exactly, and downgrade back", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const config = p.config();
    const first = schema(p.prefix, dialect, false);
    const second = schema(p.prefix, dialect, true);
    const db = await p.db();

    const code1 = await generate(p, "ar0001", null, first);
    expect(code1).toMatch(new RegExp(`await op\\.createTable\\(\\s*"${p.prefix}_users"`));
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, first, onlyOurs(p))).toEqual([]);

    const before = (await compareMetadata(db, second, onlyOurs(p))).map((d) => d.kind);
    expect(before).toEqual(expect.arrayContaining(["addColumn", "modifyColumn", "addIndex", "addConstraint"]));
    const code2 = await generate(p, "ar0002", "ar0001", second);
    if (dialect === "sqlite") expect(code2).toContain(`await op.batchAlterTable("${p.prefix}_users", (batch) => {`);
    else expect(code2).not.toContain("batchAlterTable");
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, second, onlyOurs(p))).toEqual([]);

    // a dropped table: its downgrade recreates it from what the database said it was
    const third = schema(p.prefix, dialect, true, true);
    const code3 = await generate(p, "ar0003", "ar0002", third);
    expect(code3).toContain(`await op.dropTable("${p.prefix}_posts");`);
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, third, onlyOurs(p))).toEqual([]);
    await command.downgrade(config, "ar0002");
    expect(await compareMetadata(db, second, onlyOurs(p))).toEqual([]);

    await command.downgrade(config, "ar0001");
    expect(await compareMetadata(db, first, onlyOurs(p))).toEqual([]);
    await command.downgrade(config, "base");
    const left = await db.dialect.reflect(db, {});
    expect(left.tables.filter((t) => t.name.startsWith(p.prefix) && t.name !== p.versionTable && t.name !== historyTableBeside(p.versionTable))).toEqual([]);
    expect(left.enums.filter((e) => e.name.startsWith(p.prefix))).toEqual([]);
  });
});

/** Types and features each database has of its own. */
function richSchema(prefix: string, dialect: DialectName): MetaData {
  const metadata = new MetaData();
  if (dialect === "postgresql") {
    metadata.table(`${prefix}_docs`, {
      id: column.bigint().primaryKey().identity({ always: true }),
      key: column.uuid().notNull().defaultSql("gen_random_uuid()"),
      data: column.jsonb().notNull().defaultSql("'{}'::jsonb"),
      tags: column(type.array(type.text())),
      amount: column.numeric(12, 4),
      ratio: column.double(),
      small: column.smallint().notNull().default(1),
      at: column.timestamp({ withTimezone: true, precision: 3 }),
      day: column.date(),
      span: column.interval(),
      raw: column.binary(),
      code: column.char(3).comment("ISO code"),
      total: column.integer().generated("small * 2"),
    }, (c) => [
      uniqueIndex().on(c.key),
      index(`ix_${prefix}_docs_lower_code`).on(expr`lower(${c.code})`).where("code IS NOT NULL"),
      index(`ix_${prefix}_docs_tags`).using("gin").on(c.tags),
    ], { comment: "documents" });
  } else if (dialect === "mysql") {
    metadata.table(`${prefix}_docs`, {
      id: column.bigint().primaryKey().autoincrement(),
      data: column.json(),
      state: column.enum(`${prefix}_state`, ["new", "done"]).notNull().default("new"),
      amount: column.numeric(12, 4),
      ratio: column.double(),
      flag: column.boolean().notNull().default(false),
      at: column.timestamp({ precision: 3 }),
      day: column.date(),
      code: column.char(3).comment("ISO code"),
      note: column.text(),
    }, (c) => [uniqueIndex().on(c.code), index().on(c.state, c.day)], { comment: "documents" });
  } else {
    metadata.table(`${prefix}_docs`, {
      id: column.integer().primaryKey().autoincrement(),
      amount: column.numeric(12, 4),
      ratio: column.double(),
      flag: column.boolean().notNull().default(false),
      at: column.timestamp(),
      code: column.char(3),
      note: column.text().notNull().default("none"),
    }, (c) => [uniqueIndex().on(c.code), index(`ix_${prefix}_docs_lower_note`).on(expr`lower(${c.note})`).where("flag = 1")]);
  }
  return metadata;
}

describe.each(ready)("rendered revisions of %s's own types", (dialect) => {
  it("create them exactly and drop them again", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const config = p.config();
    const db = await p.db();
    const metadata = richSchema(p.prefix, dialect);
    await generate(p, "ar0001", null, metadata);
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, metadata, onlyOurs(p))).toEqual([]);
    await command.downgrade(config, "base");
    const left = await db.dialect.reflect(db, {});
    expect(left.tables.filter((t) => t.name.startsWith(p.prefix) && t.name !== p.versionTable && t.name !== historyTableBeside(p.versionTable))).toEqual([]);
  });
});

describe.runIf(ready.includes("postgresql"))("an enum value added on postgresql", () => {
  it("is removed again by the downgrade, where it stood, and the upgrade still runs", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const config = p.config();
    const db = await p.db();
    const declare = (values: string[]): MetaData => {
      const metadata = new MetaData();
      const mood = metadata.enum(`${p.prefix}_mood`, values);
      metadata.table(`${p.prefix}_people`, { id: column.integer().primaryKey(), mood: column.enum(mood) });
      return metadata;
    };
    await generate(p, "ar0001", null, declare(["sad", "ok"]));
    await command.upgrade(config, "head");
    const produced = await produceMigrations(db, declare(["sad", "ok", "happy"]), onlyOurs(p));
    expect(produced.upgradeOps.map((o) => o.kind)).toEqual(["addEnumValue"]);
    expect(produced.downgradeOps).toEqual([{ kind: "dropEnumValue", name: `${p.prefix}_mood`, value: "happy", after: "ok" }]);
    expect(produced.irreversible).toEqual([]);
    const body = renderBody(produced.downgradeOps, {}, produced.irreversible).upgrades;
    expect(body).toContain(`await op.dropEnumValue("${p.prefix}_mood", "happy", { after: "ok" });`);
    await generate(p, "ar0002", "ar0001", declare(["sad", "ok", "happy"]));
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, declare(["sad", "ok", "happy"]), onlyOurs(p))).toEqual([]);
    await command.downgrade(config, "base");
    await db.execute(`DROP TYPE IF EXISTS "${p.prefix}_mood"`);
  });
});
