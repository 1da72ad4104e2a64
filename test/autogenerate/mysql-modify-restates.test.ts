// MySQL's MODIFY restates a whole column: changing one property of a column
// keeps every other one (collation, generated expression, ON UPDATE, comment,
// default, nullability, auto-increment), read back from the catalog.
import { afterEach, describe, expect, it } from "vitest";
import { MetaData, column } from "../../src/schema/index.js";
import type { Column } from "../../src/schema/model.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, changed: boolean): MetaData {
  const metadata = new MetaData();
  const note = (text: string) => (changed ? `${text} (changed)` : text);
  metadata.table(`${prefix}_kept`, {
    id: column.integer().primaryKey().autoincrement().comment(note("counter")),
    code: column.string(36).notNull().collate("utf8mb4_bin").default("none").comment(note("code")),
    n: column.integer().notNull().default(1),
    total: column.integer().generated("n * 2", { stored: true }).comment(note("generated")),
    doubled: column.integer().generated("n * 3", { stored: false }).comment(note("virtual")),
    at: column.timestamp({ precision: 3 }).notNull().defaultSql("CURRENT_TIMESTAMP(3)").onUpdateNow().comment(note("touched")),
    // nullability alone changes here: the collation, default and comment stay
    label: (changed ? column.string(20).notNull() : column.string(20)).collate("utf8mb4_unicode_ci").default("l").comment("label"),
  });
  return metadata;
}

describe.runIf(liveDialects().includes("mysql"))("MODIFY on mysql", () => {
  it("keeps every property of a column when another one changes", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const before = declare(p.prefix, false);
    const after = declare(p.prefix, true);
    let upgraded: readonly Column[] = [];
    const { detected } = await roundTrip(p, before, after, async () => {
      upgraded = (await catalog(p))[0]!.columns;
    });
    expect(detected.map((d) => (d.kind === "modifyColumn" ? `${d.column}:${Object.keys(d.changes).join(",")}` : d.kind))).toEqual([
      "id:comment",
      "code:comment",
      "total:comment",
      "doubled:comment",
      "at:comment",
      "label:nullable",
    ]);
    const by = (name: string): Column => upgraded.find((c) => c.name === name)!;
    expect(by("id")).toMatchObject({ autoincrement: true, nullable: false, comment: "counter (changed)" });
    expect(by("code")).toMatchObject({ collation: "utf8mb4_bin", nullable: false, serverDefault: { kind: "literal", value: "none" } });
    expect(by("total").computed).toMatchObject({ stored: true });
    expect(by("total").computed!.sql).toMatch(/n.*\*\s*2/);
    expect(by("doubled").computed).toMatchObject({ stored: false });
    expect(by("at")).toMatchObject({ onUpdate: "CURRENT_TIMESTAMP(3)", nullable: false, comment: "touched (changed)" });
    expect(by("label")).toMatchObject({ collation: "utf8mb4_unicode_ci", nullable: false, comment: "label", serverDefault: { kind: "literal", value: "l" } });
  });

  it("keeps ON UPDATE when only the default of the column changes", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const declareTouched = (withDefault: boolean): MetaData => {
      const metadata = new MetaData();
      const at = column.timestamp().onUpdateNow();
      metadata.table(`${p.prefix}_touched`, { id: column.integer().primaryKey(), at: withDefault ? at.defaultSql("CURRENT_TIMESTAMP") : at });
      return metadata;
    };
    let upgraded: readonly Column[] = [];
    const { detected } = await roundTrip(p, declareTouched(true), declareTouched(false), async () => {
      upgraded = (await catalog(p))[0]!.columns;
    });
    expect(detected.map((d) => (d.kind === "modifyColumn" ? `${d.column}:${Object.keys(d.changes).join(",")}` : d.kind))).toEqual(["at:serverDefault"]);
    const at = upgraded.find((c) => c.name === "at")!;
    expect(at.onUpdate).toBe("CURRENT_TIMESTAMP");
    expect(at.serverDefault === undefined || (at.serverDefault.kind === "literal" && at.serverDefault.value === null)).toBe(true);
  });
});
