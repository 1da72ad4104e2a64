// Column collations, ON UPDATE, auto-increment toggles and MySQL table options
// as --sql scripts: run through the database's own client on a twin database,
// they store exactly what the online run stores, up and down.
import { describe, it } from "vitest";
import type { RevisionSpec } from "../runtime/project.js";
import { expectOfflineTwin, withCopyFromAsOnline } from "../dialects/conformance/offline-twin.js";
import { conformanceDialects } from "../dialects/conformance/targets.js";
import type { DialectName } from "../support/servers.js";

const COLLATIONS: Record<DialectName, readonly [string, string]> = {
  sqlite: ["NOCASE", "RTRIM"],
  postgresql: ["C", "POSIX"],
  mysql: ["utf8mb4_bin", "utf8mb4_unicode_ci"],
};

function revisions(dialect: DialectName): RevisionSpec[] {
  const [a, b] = COLLATIONS[dialect];
  const mysql = dialect === "mysql";
  const onUpdate = mysql ? `, onUpdate: "CURRENT_TIMESTAMP(3)"` : "";
  const options = mysql ? `, { mysql: { engine: "InnoDB", rowFormat: "DYNAMIC" } }` : "";
  const code = `existingType: op.type.string(36), existingNullable: false, existingServerDefault: "x"`;
  const id = `existingType: op.type.integer(), existingNullable: false`;
  const changes = [
    `alterColumn("code", { collation: ${JSON.stringify(b)}, existingCollation: ${JSON.stringify(a)}, ${code} })`,
    `alterColumn("id", { autoincrement: true, existingAutoincrement: false, ${id} })`,
    ...(mysql ? [`alterColumn("at", { onUpdate: null, existingOnUpdate: "CURRENT_TIMESTAMP(3)", existingType: op.type.timestamp({ precision: 3 }), existingNullable: false, existingServerDefault: op.expr\`CURRENT_TIMESTAMP(3)\` })`] : []),
  ];
  const undo = [
    `alterColumn("code", { collation: ${JSON.stringify(a)}, existingCollation: ${JSON.stringify(b)}, ${code} })`,
    `alterColumn("id", { autoincrement: false, existingAutoincrement: true, ${id} })`,
    ...(mysql ? [`alterColumn("at", { onUpdate: "CURRENT_TIMESTAMP(3)", existingOnUpdate: null, existingType: op.type.timestamp({ precision: 3 }), existingNullable: false, existingServerDefault: op.expr\`CURRENT_TIMESTAMP(3)\` })`] : []),
  ];
  const apply = (steps: string[]): string =>
    dialect === "sqlite"
      ? `  await op.batchAlterTable("\${P}_f", (batch) => {\n${steps.map((s) => `    batch.${s};`).join("\n")}\n  });`
      : steps.map((s) => `  await op.${s.replace(/^alterColumn\(/, 'alterColumn("${P}_f", ')};`).join("\n");
  return [
    {
      id: "cf0001",
      upgrade: `
  const t = await op.createTable("\${P}_f", [
    op.column("id", op.type.integer(), { primaryKey: true }),
    op.column("code", op.type.string(36), { nullable: false, default: "x", collation: ${JSON.stringify(a)} }),
    op.column("at", op.type.timestamp({ precision: 3 }), { nullable: false, defaultSql: ${JSON.stringify(dialect === "sqlite" ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(3)")}${onUpdate} }),
  ]${options});
  await op.bulkInsert(t, [{ id: 1, code: "a", at: "2026-01-02 03:04:05.678" }]);`,
      downgrade: `  await op.dropTable("\${P}_f");`,
    },
    {
      id: "cf0002",
      down: "cf0001",
      upgrade: [apply(changes), ...(mysql ? [`  await op.alterTableOptions("\${P}_f", { mysql: { rowFormat: "COMPACT" } }, { existing: { mysql: { rowFormat: "DYNAMIC" } } });`] : [])].join("\n"),
      downgrade: [...(mysql ? [`  await op.alterTableOptions("\${P}_f", { mysql: { rowFormat: "DYNAMIC" } }, { existing: { mysql: { rowFormat: "COMPACT" } } });`] : []), apply(undo)].join("\n"),
    },
  ];
}

describe.each(conformanceDialects())("collations, ON UPDATE, auto-increment and table options as --sql on %s", (dialect) => {
  it("store what the online run stores, through the database's own client", async () => {
    await expectOfflineTwin(dialect, await withCopyFromAsOnline(dialect, revisions(dialect)));
  });
});
