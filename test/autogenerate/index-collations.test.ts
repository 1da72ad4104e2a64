// A PostgreSQL index on a column or an expression with a collation of its own
// (`CREATE INDEX ... (code COLLATE "C")`): created, read back with its
// collation (so it compares equal), a change of collation found and undone.
import { afterEach, describe, expect, it } from "vitest";
import { MetaData, column, expr, index } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function schema(prefix: string, collation: string): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_codes`, { id: column.integer().primaryKey(), code: column.text().notNull(), tag: column.text().collate("C") }, (c) => [
    index(`ix_${prefix}_codes_code`).on(collation === "C" ? expr`${c.code} COLLATE "C" DESC` : expr`${c.code} COLLATE "POSIX" DESC`),
    index(`ix_${prefix}_codes_plain`).on(c.code),
    // an expression's collation stated, and one taken from its column (not stated: none read back)
    index(`ix_${prefix}_codes_lower`).on(expr`lower(${c.code}) COLLATE "C"`, expr`upper(${c.tag})`),
  ]);
  return metadata;
}

describe.runIf(liveDialects().includes("postgresql"))("index element collations on postgresql", () => {
  it("round-trip: read back with the collation, a change found, the downgrade restores it", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const db = await p.db();
    let definition = "";
    let lower: unknown = undefined;
    const { detected } = await roundTrip(p, schema(p.prefix, "C"), schema(p.prefix, "POSIX"), async () => {
      definition = String((await db.execute(`SELECT pg_get_indexdef('"ix_${p.prefix}_codes_code"'::regclass) AS d`)).rows[0]!["d"]);
      lower = (await catalog(p)).find((t) => t.name === `${p.prefix}_codes`)?.indexes.find((ix) => ix.name === `ix_${p.prefix}_codes_lower`)?.columns;
      expect(lower).toEqual([{ expression: 'lower(code) COLLATE "C"' }, { expression: "upper(tag)" }]);
    });
    expect(detected.map((d) => `${d.kind} ${"index" in d ? d.index.name : ""}`).sort()).toEqual([`addIndex ix_${p.prefix}_codes_code`, `removeIndex ix_${p.prefix}_codes_code`]);
    expect(definition).toMatch(/\(code COLLATE "POSIX" DESC\)$/);
  });
});
