// MySQL/MariaDB table options (engine, charset, collation, row format) through
// autogenerate: compared only when declared, changed with ALTER TABLE, and
// restored by the downgrade; a table's columns follow a new default collation.
import { afterEach, describe, expect, it } from "vitest";
import { MetaData, column } from "../../src/schema/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, diffs, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

type Options = { engine?: string; charset?: string; collate?: string; rowFormat?: string };

function declare(prefix: string, options: Options | undefined): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_opts`, {
    id: column.integer().primaryKey(),
    name: column.string(40),
    code: column.string(10).collate("utf8mb4_bin"),
    n: column.integer(),
  }, { comment: "with options", ...(options ? { mysql: options } : {}) });
  return metadata;
}

describe.runIf(liveDialects().includes("mysql"))("table options on mysql", () => {
  it("are compared when declared, changed, and restored by the downgrade", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const first = declare(p.prefix, { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_unicode_ci", rowFormat: "COMPACT" });
    const second = declare(p.prefix, { engine: "MyISAM", charset: "utf8mb4", collate: "utf8mb4_general_ci", rowFormat: "DYNAMIC" });
    let after: Record<string, unknown> | undefined;
    let nameCollation: string | undefined = "unset";
    const { detected, code } = await roundTrip(p, first, second, async () => {
      const [table] = await catalog(p);
      after = table!.dialectOptions?.["mysql"];
      nameCollation = table!.columns.find((c) => c.name === "name")!.collation;
      // undeclared options are never a difference
      expect(await diffs(p, declare(p.prefix, undefined))).toEqual([]);
    });
    expect(detected.find((d) => d.kind === "tableOptions")).toMatchObject({
      options: { mysql: { engine: "MyISAM", collate: "utf8mb4_general_ci", rowFormat: "DYNAMIC" } },
      existing: { mysql: { engine: "InnoDB", collate: "utf8mb4_unicode_ci", rowFormat: "COMPACT" } },
    });
    // the column without a collation of its own follows the table's new default
    expect(detected.filter((d) => d.kind === "modifyColumn").map((d) => d.kind === "modifyColumn" && [d.column, d.changes.collation])).toEqual([["name", null]]);
    expect(code).toContain("op.alterTableOptions(");
    expect(after).toMatchObject({ engine: "MyISAM", collate: "utf8mb4_general_ci", rowFormat: "DYNAMIC" });
    expect(nameCollation).toBeUndefined();
  });
});
