// Autogenerate says, when it writes the revision, what the target server cannot
// run: an expression index on MariaDB is a warning naming upgrade(), the index
// and the reason, and the revision is still written. The same schema gives no
// such warning where the database runs it (PostgreSQL, SQLite).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { athanor, ok, projectDir, versionFiles } from "../cli/helpers.js";
import { uniqueDatabaseName } from "../dialects/helpers.js";
import { liveDialects, serverUrls, type DialectName } from "../support/servers.js";

const SCHEMA = `import { MetaData, column, expr, uniqueIndex } from "athanor";

export const metadata = new MetaData();

export const members = metadata.table("members", {
  id: column.integer().primaryKey(),
  email: column.string(255).notNull(),
}, (c) => [uniqueIndex("ix_members_lower_email").on(expr\`lower(\${c.email})\`)]);
`;

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A URL of a database of its own on the server (a file for SQLite). */
async function scratchUrl(dialect: DialectName, dir: string): Promise<string> {
  if (dialect === "sqlite") return `sqlite:///${join(dir, "app.db")}`;
  const admin = await connect(serverUrls[dialect]);
  const name = uniqueDatabaseName("unrun");
  const q = dialect === "mysql" ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
  await admin.execute(`CREATE DATABASE ${q(name)}`);
  cleanups.push(async () => {
    await admin.execute(`DROP DATABASE IF EXISTS ${q(name)}`);
    await admin.close();
  });
  const url = new URL(serverUrls[dialect]);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.each(liveDialects())("autogenerate on %s: what the server cannot run is said when the revision is written", (dialect) => {
  it(dialect === "mysql" ? "an expression index on MariaDB is a warning naming it" : "an expression index gives no warning", async () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    const url = await scratchUrl(dialect, dir);
    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(url)} };\n`);
    writeFileSync(join(dir, "schema.ts"), SCHEMA);
    writeFileSync(
      join(dir, "migrations", "env.ts"),
      `import { defineEnvironment } from "athanor";\nimport { metadata } from "../schema.js";\n\nexport default defineEnvironment({ targetMetadata: metadata });\n`,
    );
    const generated = athanor(dir, "revision", "--autogenerate", "-m", "members");
    expect(generated.code, generated.stderr).toBe(0);
    expect(versionFiles(dir).some((f) => f.endsWith("_members.ts"))).toBe(true);
    const warnings = generated.stderr.split("\n").filter((l) => l.includes("will fail on this database"));
    if (dialect === "mysql") {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^athanor: warning: upgrade\(\) will fail on this database \(mysql\): createTable "members": Index "ix_members_lower_email": MariaDB cannot index expressions/);
      // the warning told the truth: the upgrade fails on that index
      const upgrade = athanor(dir, "upgrade", "head");
      expect(upgrade.code).toBe(1);
      expect(upgrade.stderr).toContain("ix_members_lower_email");
    } else {
      expect(warnings).toEqual([]);
      ok(dir, "upgrade", "head");
    }
  });
});
