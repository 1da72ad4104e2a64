// Conformance: bulkInsert of hostile strings round-trips on every database,
// online and through the offline script.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { createProject } from "../../runtime/project.js";
import type { Project, RevisionSpec } from "../../runtime/project.js";
import { conformanceDialects } from "./targets.js";

const projects: Project[] = [];
const connections: Connection[] = [];
afterEach(async () => {
  while (connections.length > 0) await connections.pop()!.close().catch(() => undefined);
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = conformanceDialects();

/** SQLite with foreign keys enforced (off by default there); the servers as they are. */
function urlOf(p: Project): string {
  return p.dialect === "sqlite" ? `${p.url}?foreign_keys=on` : p.url;
}

async function db(p: Project): Promise<Connection> {
  const c = await connect(urlOf(p));
  connections.push(c);
  return c;
}

const HOSTILE = [
  "it's",
  'say "hi"',
  "back\\slash \\' \\\\",
  "line\nbreak\r\ntab\there",
  "unicode: é ß 漢字 🙂",
  "-- not a comment; DROP TABLE x",
  "${not} %s ? $1 :name",
  "",
];

describe.each(ready)("bulkInsert of hostile strings on %s", (dialect) => {
  const strings = dialect === "postgresql" ? HOSTILE : [...HOSTILE, "nul\u0000inside"];
  const rows = strings.map((s, i) => ({ id: i + 1, s }));
  const revision: RevisionSpec = {
    id: "bd0001",
    upgrade: `  const t = await op.createTable("\${P}_strings", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("s", op.type.text())]);\n  await op.bulkInsert(t, ${JSON.stringify(rows)});`,
    downgrade: `  await op.dropTable("\${P}_strings");`,
  };

  async function readBack(p: Project): Promise<unknown[]> {
    const c = await db(p);
    // SQLite keeps text past a NUL, but its drivers read text only up to it: read the bytes
    const value = dialect === "sqlite" ? "CAST(s AS BLOB) AS s" : "s";
    const result = await c.execute(`SELECT id, ${value} FROM ${c.dialect.quoteIdentifier(`${p.prefix}_strings`)} ORDER BY id`);
    return result.rows.map((r) => ({ id: Number(r["id"]), s: Buffer.isBuffer(r["s"]) ? r["s"].toString("utf8") : r["s"] }));
  }

  it("round-trips online", async () => {
    const p = createProject(dialect, [revision]);
    projects.push(p);
    await command.upgrade(p.config(), "head");
    expect(await readBack(p)).toEqual(rows);
  });

  it("round-trips through the offline script", async () => {
    const p = createProject(dialect, [revision]);
    projects.push(p);
    const result = await command.upgrade(p.config(), "head", { sql: true });
    const c = await db(p);
    const statements = (result.sql ?? "")
      .split(/;\n\n/)
      .map((s) => s.replace(/^-- .*\n\n/gm, "").trim())
      .filter((s) => s !== "");
    for (const statement of statements) await c.execute(statement);
    expect(await readBack(p)).toEqual(rows);
  });
});
