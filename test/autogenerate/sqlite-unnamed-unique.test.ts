// An unnamed UNIQUE constraint no longer declared, on SQLite (which keeps no
// name for it): autogenerate drops it by a batch copy, by the name its columns
// give it, and the downgrade brings the constraint back.
import { afterEach, describe, expect, it } from "vitest";
import { compareSchemas } from "../../src/autogenerate/compare/index.js";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import * as command from "../../src/command/index.js";
import { getDialect } from "../../src/dialects/index.js";
import { unnamedUniqueName } from "../../src/operations/naming.js";
import { MetaData, column, unique } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { generate, onlyOurs } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, withUniques: boolean): MetaData {
  const metadata = new MetaData();
  metadata.table(
    `${prefix}_people`,
    {
      id: column.integer().primaryKey(),
      email: withUniques ? column.text().unique() : column.text(),
      org: column.integer(),
      code: column.text(),
    },
    (c) => (withUniques ? [unique().on(c.org, c.code)] : []),
  );
  return metadata;
}

describe("an unnamed UNIQUE no longer declared, compared", () => {
  it("on SQLite is a constraint removal by the name its columns give it; where constraints are altered in place it is still warned about", () => {
    const reflected = declare("t", true).toModel();
    const declared = declare("t", false).toModel();
    const sqlite = compareSchemas(declared, reflected, { dialect: getDialect("sqlite") });
    expect(sqlite.map((d) => (d.kind === "removeConstraint" ? d.constraint.name : d.kind)).sort()).toEqual(
      [unnamedUniqueName("t_people", ["email"]), unnamedUniqueName("t_people", ["org", "code"])].sort(),
    );
    const warnings: string[] = [];
    const postgresql = compareSchemas(declared, reflected, { dialect: getDialect("postgresql"), onWarning: (w) => warnings.push(w.code) });
    expect(postgresql).toEqual([]);
    expect(warnings).toEqual(["unnamedConstraint", "unnamedConstraint"]);
  });
});

describe("an unnamed UNIQUE no longer declared on sqlite, live", () => {
  it("is dropped by a batch copy, and the downgrade brings it back", async () => {
    const p = createProject("sqlite");
    projects.push(p);
    const config = p.config();
    const db = await p.db();
    await generate(p, "uu0001", null, declare(p.prefix, true));
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, declare(p.prefix, true), onlyOurs(p))).toEqual([]);
    const table = `"${p.prefix}_people"`;
    const duplicates = async (): Promise<void> => {
      await db.execute(`INSERT INTO ${table} (id, email, org, code) VALUES (1, 'a@x', 1, 'c'), (2, 'a@x', 1, 'c')`);
    };

    const produced = await produceMigrations(db, declare(p.prefix, false), onlyOurs(p));
    expect(produced.warnings).toEqual([]);
    expect(produced.diffs.map((d) => d.kind)).toEqual(["removeConstraint", "removeConstraint"]);
    const code = await generate(p, "uu0002", "uu0001", declare(p.prefix, false));
    expect(code.upgrade).toContain("batchAlterTable");
    await command.upgrade(config, "head");
    expect(await compareMetadata(db, declare(p.prefix, false), onlyOurs(p))).toEqual([]);
    await duplicates();
    await db.execute(`DELETE FROM ${table}`);

    await command.downgrade(config, "uu0001");
    expect(await compareMetadata(db, declare(p.prefix, true), onlyOurs(p))).toEqual([]);
    await expect(duplicates()).rejects.toThrow(/UNIQUE/i);
    await command.downgrade(config, "base");
  });
});
