// SQLite keeps a column's declared type as written: every change of it is a
// change (integer → bigint as much as varchar(50) → varchar(100)), applied by
// batch copy and undone by the downgrade.
import { afterEach, describe, expect, it } from "vitest";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, changed: boolean): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_typed`, {
    id: column.integer().primaryKey(),
    n: changed ? column.bigint() : column.integer(),
    s: column.string(changed ? 100 : 50),
    t: changed ? column.string(10) : column.text(),
    same: column.custom("INT"),
  });
  return metadata;
}

describe("declared types on sqlite", () => {
  it("one rule for every type: the declared name, synonyms aside", async () => {
    const p = createProject("sqlite");
    projects.push(p);
    const { detected, code } = await roundTrip(p, declare(p.prefix, false), declare(p.prefix, true));
    expect(detected.map((d) => (d.kind === "modifyColumn" ? d.column : d.kind))).toEqual(["n", "s", "t"]);
    expect(code).toContain("batchAlterTable");
  });
});
