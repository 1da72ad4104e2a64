// Views and materialized views, declared with the DSL, on each live database:
// autogenerate creates them after what they read, finds nothing afterwards,
// replaces a changed definition (dropping and creating again the views that
// read it and those reading a table whose columns change), and the downgrade
// restores the catalog as it was. The offline script runs through the
// database's own client.
import { afterEach, describe, expect, it } from "vitest";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import type { CompareMetadataOptions } from "../../src/command/autogenerate-project.js";
import { renderBody } from "../../src/autogenerate/render/index.js";
import { describeDiff } from "../../src/autogenerate/describe-diff.js";
import * as command from "../../src/command/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { View } from "../../src/schema/model.js";
import { expectOfflineTwin } from "../dialects/conformance/offline-twin.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) {
    const p = projects.pop()!;
    const db = await p.db();
    // views first: MySQL keeps a view whose table is dropped
    for (const view of await ourViews(db, p.prefix)) {
      await db.execute(`DROP ${view.materialized ? "MATERIALIZED VIEW" : "VIEW"} IF EXISTS ${db.dialect.quoteTable(view.name)}${db.dialect.name === "postgresql" ? " CASCADE" : ""}`);
    }
    await p.cleanup();
  }
});

const ready = liveDialects();

async function ourViews(db: Connection, prefix: string): Promise<View[]> {
  const model = await db.dialect.reflect(db, {});
  return (model.views ?? []).filter((v) => v.name.startsWith(prefix));
}

function onlyOurs(p: Project): CompareMetadataOptions {
  return {
    includeName: (name, type) => !["table", "enum", "view", "sequence"].includes(type) || name.startsWith(p.prefix),
    versionTable: p.versionTable,
  };
}

/** Where a call of `method` on `name` starts in generated code (the layout may break after the parenthesis). */
function at(code: string, method: string, name: string): number {
  return code.search(new RegExp(`op\\.${method}\\(\\s*"${name}"`));
}

const indent = (text: string): string => text.split("\n").map((line) => `  ${line}`).join("\n");

/** Writes the revision autogenerate gives for `metadata`; returns its upgrade code and the check lines before it. */
async function generate(p: Project, id: string, down: string | null, metadata: MetaData): Promise<{ code: string; diffs: string[]; downgrade: string }> {
  const db = await p.db();
  const produced = await produceMigrations(db, metadata, onlyOurs(p));
  const options = { dialect: p.dialect, namingConvention: metadata.namingConvention };
  const upgrade = renderBody(produced.upgradeOps, options).upgrades;
  const downgrade = renderBody(produced.downgradeOps, options).upgrades;
  expect(produced.irreversible).toEqual([]);
  p.write({ id, down, upgrade: indent(upgrade), downgrade: indent(downgrade) });
  return { code: upgrade, diffs: produced.diffs.map(describeDiff), downgrade };
}

/**
 * Users and two views, the second reading the first (declared first, so the
 * order comes from what they read); PostgreSQL adds a materialized view.
 * Stage 1 widens a column the views read and changes the first view; stage 2
 * changes only the first view's query.
 */
function schema(prefix: string, dialect: DialectName, stage: 0 | 1 | 2): MetaData {
  const changed = stage > 0;
  const metadata = new MetaData();
  metadata.view(`${prefix}_emails`, `SELECT email FROM ${prefix}_active WHERE email LIKE '%@%'`);
  metadata.table(`${prefix}_users`, {
    id: column.integer().primaryKey(),
    email: column.string(changed ? 200 : 100).notNull(),
    active: column.boolean().notNull(),
  });
  metadata.view(
    `${prefix}_active`,
    stage === 0
      ? `SELECT id, email FROM ${prefix}_users WHERE active = true`
      : `SELECT id, email, id * ${stage + 1} AS twice FROM ${prefix}_users WHERE active = true`,
    dialect === "sqlite" ? {} : { checkOption: "cascaded" },
  );
  if (dialect === "postgresql") {
    metadata.materializedView(`${prefix}_counts`, `SELECT active, count(*) AS n FROM ${prefix}_users GROUP BY active`);
    metadata.view(`${prefix}_guarded`, `SELECT id FROM ${prefix}_users`, { securityBarrier: true, securityInvoker: true });
  }
  if (dialect === "mysql") metadata.view(`${prefix}_merged`, `SELECT id FROM ${prefix}_users`, { algorithm: "merge", securityInvoker: true });
  return metadata;
}

describe.each(ready)("views on %s", (dialect) => {
  it("are created after what they read, compare equal, are replaced when changed, and downgrade back", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const config = p.config();
    const db = await p.db();
    const first = schema(p.prefix, dialect, 0);
    const second = schema(p.prefix, dialect, 1);
    const third = schema(p.prefix, dialect, 2);

    const one = await generate(p, "vw0001", null, first);
    const users = at(one.code, "createTable", `${p.prefix}_users`);
    const active = at(one.code, "createView", `${p.prefix}_active`);
    const emails = at(one.code, "createView", `${p.prefix}_emails`);
    expect(users).toBeGreaterThanOrEqual(0);
    expect(active).toBeGreaterThan(users);
    expect(emails).toBeGreaterThan(active);
    if (dialect === "postgresql") expect(at(one.code, "createMaterializedView", `${p.prefix}_counts`)).toBeGreaterThan(users);
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, first, onlyOurs(p))).toEqual([]);
    const created = await ourViews(db, p.prefix);
    expect(created.map((v) => v.name).sort()).toEqual(first.views.map((v) => v.name).sort());
    if (dialect === "postgresql") {
      expect(created.find((v) => v.name === `${p.prefix}_counts`)?.materialized).toBe(true);
      expect(created.find((v) => v.name === `${p.prefix}_guarded`)).toMatchObject({ securityBarrier: true, securityInvoker: true });
    }
    if (dialect !== "sqlite") expect(created.find((v) => v.name === `${p.prefix}_active`)?.checkOption).toBe("cascaded");
    if (dialect === "mysql") expect(created.find((v) => v.name === `${p.prefix}_merged`)).toMatchObject({ algorithm: "merge", securityInvoker: true });
    const catalogBefore = created;

    const two = await generate(p, "vw0002", "vw0001", second);
    expect(two.diffs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^modify column ${p.prefix}_users\\.email`)),
        `replace view ${p.prefix}_active: definition changed`,
        `drop and create view ${p.prefix}_emails again around changes to ${p.prefix}_active`,
      ]),
    );
    // both views are dropped before the column changes (PostgreSQL refuses the type change under a view), and created after it
    const order = ["dropView:emails", "dropView:active", "alterColumn:users", "createView:active", "createView:emails"].map((step) => {
      const [method, name] = step.split(":") as [string, string];
      return method === "alterColumn" ? two.code.search(/alterColumn\(|batchAlterTable\(/) : at(two.code, method, `${p.prefix}_${name}`);
    });
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, second, onlyOurs(p))).toEqual([]);
    const replaced = await ourViews(db, p.prefix);
    expect(db.dialect.views.key(replaced.find((v) => v.name === `${p.prefix}_active`)!.definition)).toMatch(/twice/);

    // only the query changes: the view is replaced, the one reading it dropped before and created after
    const three = await generate(p, "vw0003", "vw0002", third);
    expect(three.diffs).toEqual([
      `replace view ${p.prefix}_active: definition changed`,
      `drop and create view ${p.prefix}_emails again around changes to ${p.prefix}_active`,
    ]);
    const dropEmails = at(three.code, "dropView", `${p.prefix}_emails`);
    const replace = at(three.code, "replaceView", `${p.prefix}_active`);
    const createEmails = at(three.code, "createView", `${p.prefix}_emails`);
    expect(dropEmails).toBeGreaterThanOrEqual(0);
    expect(replace).toBeGreaterThan(dropEmails);
    expect(createEmails).toBeGreaterThan(replace);
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, third, onlyOurs(p))).toEqual([]);
    await command.downgrade(config, "vw0002");
    expect(await compareMetadata(db, second, onlyOurs(p))).toEqual([]);

    await command.downgrade(config, "vw0001");
    expect(await compareMetadata(db, first, onlyOurs(p))).toEqual([]);
    expect(await ourViews(db, p.prefix)).toEqual(catalogBefore);
    await command.downgrade(config, "base");
    expect(await ourViews(db, p.prefix)).toEqual([]);
  });

  it("a view whose declared text differs only in spelling compares equal", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const db = await p.db();
    const declare = (query: string): MetaData => {
      const metadata = new MetaData();
      metadata.table(`${p.prefix}_items`, { id: column.integer().primaryKey(), price: column.integer() });
      metadata.view(`${p.prefix}_cheap`, query);
      return metadata;
    };
    await generate(p, "vw0001", null, declare(`SELECT id, price FROM ${p.prefix}_items WHERE price < 10`));
    await command.upgrade(p.config(), "head");
    const q = (name: string): string => db.dialect.quoteIdentifier(name);
    const respelled = declare(`select   ${q("id")},\n  price\nfrom ${q(`${p.prefix}_items`)}   where (price < 10);`);
    const diffs = await compareMetadata(db, respelled, onlyOurs(p));
    // SQLite keeps the text as written: the parentheses are a real difference there
    if (dialect === "sqlite") expect(diffs.map((d) => d.kind)).toEqual(["replaceView"]);
    else expect(diffs).toEqual([]);
    expect(await compareMetadata(db, declare(`select ${q("id")}, price from ${q(`${p.prefix}_items`)} where price < 10;`), onlyOurs(p))).toEqual([]);
    expect((await compareMetadata(db, declare(`SELECT id, price FROM ${p.prefix}_items WHERE price < 11`), onlyOurs(p))).map((d) => d.kind)).toEqual(["replaceView"]);
  });

  it("runs as an offline script through the database's own client", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const db = await p.db();
    const metadata = schema(p.prefix, dialect, 0);
    const produced = await produceMigrations(db, metadata, onlyOurs(p));
    const options = { dialect: p.dialect, namingConvention: metadata.namingConvention };
    const generic = (text: string): string => indent(text).replaceAll(p.prefix, "${P}");
    const rows = `  await op.bulkInsert("\${P}_users", [{ id: 1, email: "a@b.c", active: true }]);`;
    const { upgrade } = await expectOfflineTwin(dialect, [
      {
        id: "vw0001",
        upgrade: `${generic(renderBody(produced.upgradeOps, options).upgrades)}\n${rows}`,
        downgrade: generic(renderBody(produced.downgradeOps, options).upgrades),
      },
    ]);
    expect(upgrade).toMatch(/CREATE VIEW/);
  });
});
