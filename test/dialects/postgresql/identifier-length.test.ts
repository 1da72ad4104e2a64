// PostgreSQL cuts names past 63 bytes without an error: athanor refuses them before they run.
import { afterEach, describe, expect, test } from "vitest";
import * as command from "../../../src/command/index.js";
import { postgresqlDialect } from "../../../src/dialects/postgresql/index.js";
import { ServerWarningError } from "../../../src/dialects/server-warning.js";
import { MigrationError } from "../../../src/runtime/index.js";
import { AthanorError } from "../../../src/util/errors.js";
import { createProject, type Project, type RevisionSpec } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function project(revisions: RevisionSpec[]): Project {
  const p = createProject("postgresql", revisions);
  projects.push(p);
  return p;
}

async function failure(p: Project): Promise<MigrationError> {
  try {
    await command.upgrade(p.config(), "head");
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error("expected the run to fail");
}

/** `prefix` padded with `x` to exactly `bytes` UTF-8 bytes. */
const named = (prefix: string, bytes: number): string => prefix + "x".repeat(bytes - Buffer.byteLength(prefix));

describe("quoting a PostgreSQL identifier", () => {
  test("63 bytes pass; 64 bytes, counted in UTF-8 bytes, are refused with the name, its length and what to do", () => {
    expect(postgresqlDialect.quoteIdentifier("a".repeat(63))).toBe(`"${"a".repeat(63)}"`);
    expect(() => postgresqlDialect.quoteIdentifier("a".repeat(64))).toThrow(/"a{64}" is 64 bytes long; PostgreSQL keeps only 63/);
    // 32 characters, 64 bytes
    let error: unknown;
    try {
      postgresqlDialect.quoteTable("é".repeat(32), "public");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AthanorError);
    expect((error as AthanorError).oneLine()).toMatch(/is 64 bytes long.*shorten the name/);
    expect(() => postgresqlDialect.quoteTable("t", "s".repeat(64))).toThrow(/64 bytes/);
  });
});

describe.runIf(liveDialects().includes("postgresql"))("PostgreSQL names on a live server", () => {
  const cases: Array<[string, (p: string) => string]> = [
    ["table", (p) => `  await op.createTable("${named(`${p}_t`, 64)}", [op.column("id", op.type.integer(), { primaryKey: true })]);`],
    ["column", (p) => `  await op.createTable("${p}_t", [op.column("${named("c", 64)}", op.type.integer())]);`],
    [
      "index",
      (p) => `  await op.createTable("${p}_t", [op.column("id", op.type.integer())]);\n  await op.createIndex("${named(`${p}_ix`, 64)}", "${p}_t", ["id"]);`,
    ],
    [
      "constraint",
      (p) =>
        `  await op.createTable("${p}_t", [op.column("id", op.type.integer())]);\n  await op.createUniqueConstraint("${named(`${p}_uq`, 64)}", "${p}_t", ["id"]);`,
    ],
  ];

  test.each(cases)("a 64-byte %s name is refused before anything runs", async (_what, body) => {
    const probe = createProject("postgresql");
    projects.push(probe);
    const p = project([{ id: "ln0001", upgrade: body(probe.prefix) }]);
    // the revision's names use the probe's prefix; its tables are what must not exist
    const error = await failure(p);
    expect(error.oneLine()).toMatch(/is 64 bytes long; PostgreSQL keeps only 63 and would silently cut it/);
    expect(await p.versionRows()).toBeNull();
    const db = await p.db();
    const { rows } = await db.execute("SELECT relname FROM pg_class WHERE relname LIKE $1", [`${probe.prefix}%`]);
    expect(rows).toEqual([]);
  });

  test("63-byte names of a table, column, index and constraint are kept whole", async () => {
    const p = project([]);
    const table = named(`${p.prefix}_t`, 63);
    const column = named("c", 63);
    const index = named(`${p.prefix}_ix`, 63);
    const unique = named(`${p.prefix}_uq`, 63);
    p.write({
      id: "ok0001",
      upgrade: [
        `  await op.createTable("${table}", [op.column("${column}", op.type.integer())]);`,
        `  await op.createIndex("${index}", "${table}", ["${column}"]);`,
        `  await op.createUniqueConstraint("${unique}", "${table}", ["${column}"]);`,
      ].join("\n"),
    });
    await command.upgrade(p.config(), "head");
    const db = await p.db();
    const names = await db.execute(
      `SELECT c.relname FROM pg_class c WHERE c.relname IN ($1, $2, $3)
       UNION ALL SELECT conname FROM pg_constraint WHERE conname = $3
       UNION ALL SELECT attname FROM pg_attribute WHERE attname = $4 AND attrelid = (SELECT oid FROM pg_class WHERE relname = $1)`,
      [table, index, unique, column],
    );
    expect(names.rows.map((r) => String(r["relname"])).sort()).toEqual([column, index, table, unique, unique].sort());
  });

  test("a NOTICE that the server cut a name in op.execute fails the run, which is rolled back", async () => {
    const p = project([]);
    const long = named("c", 70);
    p.write({ id: "nt0001", upgrade: `  await op.execute('CREATE TABLE \${P}_cut ("${long}" integer)');` });
    const error = await failure(p);
    expect(error.oneLine()).toMatch(/PostgreSQL cut a name in the statement, which ran: identifier "c{1}x{69}" will be truncated to "c{1}x{62}"/);
    expect(error.statement).toContain(`CREATE TABLE ${p.prefix}_cut`);
    expect((error.cause as AthanorError).cause).toBeInstanceOf(ServerWarningError);
    expect(await p.tableExists(`${p.prefix}_cut`)).toBe(false);
    expect(await p.versionRows()).toBeNull();
  });

  test("other NOTICEs and WARNINGs are said aloud through the run's warnings; IF NOT EXISTS's 'skipping' is not news", async () => {
    const p = project([
      {
        id: "nt0002",
        upgrade: [
          `  await op.execute("CREATE TABLE \${P}_n (id integer)");`,
          `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_n (id integer)");`,
          `  await op.execute("DO $$ BEGIN RAISE WARNING 'careful with %', 42; END $$");`,
          `  await op.execute("DO $$ BEGIN RAISE NOTICE 'just so you know'; END $$");`,
        ].join("\n"),
      },
    ]);
    const warnings: string[] = [];
    const result = await command.upgrade(p.config(), "head", { output: { warn: (m) => warnings.push(m) } });
    expect(result.heads).toEqual(["nt0002"]);
    expect(warnings).toEqual([
      expect.stringMatching(/^PostgreSQL warning: careful with 42 \[statement: DO \$\$ BEGIN RAISE WARNING/),
      expect.stringMatching(/^PostgreSQL notice: just so you know \[statement: DO/),
    ]);
    expect(await p.tableExists(`${p.prefix}_n`)).toBe(true);
  });
});
