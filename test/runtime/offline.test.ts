// Offline (`--sql`) output, golden per dialect. No database is reached: the URLs
// below point nowhere.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { Config } from "../../src/config/index.js";
import { getDialect } from "../../src/dialects/index.js";
import { RecordingConnection } from "../../src/runtime/recording-connection.js";
import { revisionSource, tableRevision } from "./project.js";
import type { RevisionSpec } from "./project.js";

const URLS = {
  sqlite: "sqlite:////nonexistent/folder/app.db",
  postgresql: "postgresql://nobody@127.0.0.1:1/nowhere",
  mysql: "mysql://nobody@127.0.0.1:1/nowhere",
} as const;
type Name = keyof typeof URLS;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function offlineProject(dialect: Name, revisions: RevisionSpec[], env?: string): Config {
  const dir = mkdtempSync(join(tmpdir(), "athanor-offline-"));
  dirs.push(dir);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  for (const rev of revisions) writeFileSync(join(dir, "migrations", "versions", `${rev.id}_rev.ts`), revisionSource(rev, "app"));
  if (env) writeFileSync(join(dir, "migrations", "env.ts"), env);
  // the history rows offline scripts write are the subject of history.test.ts
  return Config.from({ scriptLocation: "migrations", url: URLS[dialect], historyTable: false }, { baseDir: dir });
}

const linear = (): RevisionSpec[] => [
  tableRevision("aaa001", null, "users"),
  {
    id: "bbb002",
    down: "aaa001",
    doc: "add email",
    upgrade: `  await op.execute("ALTER TABLE \${P}_users ADD COLUMN email varchar(255)");\n  await op.execute(op.sql\`UPDATE \${P}_users SET email = \${"o'brien@example.com"} WHERE id = \${1}\`);`,
    downgrade: `  await op.execute("ALTER TABLE \${P}_users DROP COLUMN email");`,
  },
];

const VT = {
  sqlite: `CREATE TABLE IF NOT EXISTS "athanor_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));`,
  postgresql: `CREATE TABLE IF NOT EXISTS "athanor_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));`,
  mysql: "CREATE TABLE IF NOT EXISTS `athanor_version` (`version_num` VARCHAR(32) NOT NULL, CONSTRAINT `athanor_version_pkc` PRIMARY KEY (`version_num`));",
};

/** What the dialect's run guard writes at the script's start, before each COMMIT and at its end ("" where there is none). */
async function guardText(dialect: Name): Promise<{ start: string; check: string; end: string }> {
  let text = "";
  const recording = new RecordingConnection(getDialect(dialect), (t) => (text += t));
  const guard = recording.dialect.runGuard({ offline: true });
  const take = (): string => [text, (text = "")][0]!;
  await guard?.beforeRun(recording);
  const start = take();
  await guard?.beforeCommit(recording);
  const check = take();
  await guard?.afterRun(recording);
  return { start, check, end: take() };
}

const GUARD = { sqlite: await guardText("sqlite"), postgresql: await guardText("postgresql"), mysql: await guardText("mysql") };

function q(dialect: Name, name: string): string {
  return dialect === "mysql" ? `\`${name}\`` : `"${name}"`;
}

function upgradeGolden(dialect: Name): string {
  const t = q(dialect, "athanor_version");
  const c = q(dialect, "version_num");
  const tx = dialect !== "mysql";
  const g = GUARD[dialect];
  return [
    g.start,
    tx ? "BEGIN;\n\n" : "",
    `${VT[dialect]}\n\n`,
    "-- Running upgrade  -> aaa001\n\n",
    "CREATE TABLE app_users (id integer PRIMARY KEY);\n\n",
    `INSERT INTO ${t} (${c}) VALUES ('aaa001');\n\n`,
    "-- Running upgrade aaa001 -> bbb002\n\n",
    "ALTER TABLE app_users ADD COLUMN email varchar(255);\n\n",
    `UPDATE app_users SET email = 'o''brien@example.com' WHERE id = 1;\n\n`,
    `UPDATE ${t} SET ${c} = 'bbb002' WHERE ${c} = 'aaa001';\n\n`,
    g.check,
    tx ? "COMMIT;\n\n" : "",
    g.end,
  ].join("");
}

describe.each(["sqlite", "postgresql", "mysql"] as const)("offline SQL for %s", (dialect) => {
  const t = q(dialect, "athanor_version");
  const c = q(dialect, "version_num");
  const tx = dialect !== "mysql";
  const g = GUARD[dialect];

  it("upgrade from base: version table, comments, statements, version rows as literals", async () => {
    const streamed: string[] = [];
    const result = await command.upgrade(offlineProject(dialect, linear()), "head", {
      sql: true,
      output: { sql: (text) => streamed.push(text) },
    });
    expect(result.sql).toBe(upgradeGolden(dialect));
    expect(streamed.join("")).toBe(result.sql);
    expect(result.heads).toEqual(["bbb002"]);
  });

  it("a range start:end starts from start, without the version table", async () => {
    const result = await command.upgrade(offlineProject(dialect, linear()), "aaa001:bbb002", { sql: true });
    expect(result.sql).toBe(
      [
        g.start,
        tx ? "BEGIN;\n\n" : "",
        "-- Running upgrade aaa001 -> bbb002\n\n",
        "ALTER TABLE app_users ADD COLUMN email varchar(255);\n\n",
        `UPDATE app_users SET email = 'o''brien@example.com' WHERE id = 1;\n\n`,
        `UPDATE ${t} SET ${c} = 'bbb002' WHERE ${c} = 'aaa001';\n\n`,
        g.check,
        tx ? "COMMIT;\n\n" : "",
        g.end,
      ].join(""),
    );
  });

  it("abbreviated ids in a range are resolved", async () => {
    const config = offlineProject(dialect, linear());
    const full = await command.upgrade(config, "aaa001:bbb002", { sql: true });
    const short = await command.upgrade(config, "aaa:bbb", { sql: true });
    expect(short.sql).toBe(full.sql);
    expect(short.heads).toEqual(["bbb002"]);
  });

  it("downgrade needs a range and deletes the last row without dropping the table", async () => {
    const config = offlineProject(dialect, linear());
    await expect(command.downgrade(config, "base", { sql: true })).rejects.toThrow(/requires <fromrev>:<torev>/);
    const result = await command.downgrade(config, "bbb002:base", { sql: true });
    expect(result.sql).toBe(
      [
        g.start,
        tx ? "BEGIN;\n\n" : "",
        "-- Running downgrade bbb002 -> aaa001\n\n",
        "ALTER TABLE app_users DROP COLUMN email;\n\n",
        `UPDATE ${t} SET ${c} = 'aaa001' WHERE ${c} = 'bbb002';\n\n`,
        "-- Running downgrade aaa001 -> \n\n",
        "DROP TABLE app_users;\n\n",
        `DELETE FROM ${t} WHERE ${c} = 'aaa001';\n\n`,
        g.check,
        tx ? "COMMIT;\n\n" : "",
        g.end,
      ].join(""),
    );
  });

  it("transactionPerMigration puts BEGIN/COMMIT around each revision", async () => {
    const config = offlineProject(dialect, linear(), "export default { transactionPerMigration: true };\n");
    const result = await command.upgrade(config, "head", { sql: true });
    const text = result.sql!;
    expect(text.split("BEGIN;").length - 1).toBe(tx ? 2 : 0);
    expect(text.split("COMMIT;").length - 1).toBe(tx ? 2 : 0);
    if (tx) {
      expect(text.startsWith(`${g.start}BEGIN;\n\n${VT[dialect]}\n\n-- Running upgrade  -> aaa001`)).toBe(true);
      expect(text).toContain(`VALUES ('aaa001');\n\n${g.check}COMMIT;\n\nBEGIN;\n\n-- Running upgrade aaa001 -> bbb002`);
    }
  });

  it("a transactional = false revision commits before, runs and records itself outside, then the transaction resumes", async () => {
    const revs = [
      tableRevision("aaa001", null, "users"),
      { ...tableRevision("bbb002", "aaa001", "more"), extra: "export const transactional = false;" },
      tableRevision("ccc003", "bbb002", "last"),
    ];
    const result = await command.upgrade(offlineProject(dialect, revs), "head", { sql: true });
    if (tx) {
      expect(result.sql).toContain(
        [
          `VALUES ('aaa001');\n\n${g.check}COMMIT;\n\n`,
          `-- Running upgrade aaa001 -> bbb002\n\nCREATE TABLE app_more (id integer PRIMARY KEY);\n\n`,
          `UPDATE ${t} SET ${c} = 'bbb002' WHERE ${c} = 'aaa001';\n\n`,
          // the statements outside a transaction are checked too (they cannot be rolled back, but the script stops)
          `${g.check}BEGIN;\n\n-- Running upgrade bbb002 -> ccc003\n\n`,
        ].join(""),
      );
      expect(result.sql!.endsWith(`COMMIT;\n\n${g.end}`)).toBe(true);
    } else {
      expect(result.sql).not.toContain("BEGIN");
    }
  });

  it("stamp writes only version rows; ensure-version only the table", async () => {
    const config = offlineProject(dialect, linear());
    const stamped = await command.stamp(config, "bbb002", { sql: true });
    expect(stamped.sql).toBe(
      [
        g.start,
        tx ? "BEGIN;\n\n" : "",
        `${VT[dialect]}\n\n`,
        "-- Running stamp  -> bbb002\n\n",
        `INSERT INTO ${t} (${c}) VALUES ('bbb002');\n\n`,
        g.check,
        tx ? "COMMIT;\n\n" : "",
        g.end,
      ].join(""),
    );
    const ranged = await command.stamp(config, "aaa001:bbb002", { sql: true });
    expect(ranged.sql).toContain(`UPDATE ${t} SET ${c} = 'bbb002' WHERE ${c} = 'aaa001';`);
    await expect(command.stamp(config, ["aaa001:bbb002", "base:aaa001"], { sql: true })).rejects.toThrow(
      /only one starting revision/,
    );
    const ensured = await command.ensureVersion(config, { sql: true });
    expect(ensured.sql).toBe([g.start, tx ? "BEGIN;\n\n" : "", `${VT[dialect]}\n\n`, g.check, tx ? "COMMIT;\n\n" : "", g.end].join(""));
  });

  it("op.query offline is a clear error naming the revision; parameters are refused", async () => {
    const config = offlineProject(dialect, [
      { id: "aaa001", down: null, doc: "reads", upgrade: `  await op.query("SELECT 1");` },
    ]);
    await expect(command.upgrade(config, "head", { sql: true })).rejects.toThrow(
      /aaa001.*op\.query\(\) cannot run with --sql/,
    );
    const params = offlineProject(dialect, [
      { id: "aaa001", down: null, doc: "binds", upgrade: `  await op.execute("SELECT ?", [1]);` },
    ]);
    await expect(command.upgrade(params, "head", { sql: true })).rejects.toThrow(/parameters are not allowed with --sql/);
  });

  it("hands --tag and -x to env.ts and lets run() drive the migration", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-offline-"));
    dirs.push(dir);
    mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(dir, "migrations", "versions", "aaa001_rev.ts"), revisionSource(tableRevision("aaa001", null, "users"), "app"));
    writeFileSync(
      join(dir, "migrations", "env.ts"),
      `export default {
  async run(context) {
    await context.runMigrations({ url: ${JSON.stringify(URLS[dialect])}, database: [context.command, context.tag, context.xArgs.tenant, context.destinationRevisions.join(","), context.startingRevision ?? "none"].join("-") });
  },
};\n`,
    );
    const config = Config.from({ scriptLocation: "migrations" }, { baseDir: dir, xArgs: ["tenant=acme"] });
    const result = await command.upgrade(config, "head", { sql: true, tag: "v1" });
    expect(result.sql!.startsWith("-- database: upgrade-v1-acme-head-none\n\n")).toBe(true);
    expect(result.steps.map((s) => s.database)).toEqual(["upgrade-v1-acme-head-none"]);
    const ranged = await command.upgrade(config, "base:aaa001", { sql: true, tag: "v2" });
    expect(ranged.steps.map((s) => s.database)).toEqual(["upgrade-v2-acme-aaa001-base"]);
  });
});
