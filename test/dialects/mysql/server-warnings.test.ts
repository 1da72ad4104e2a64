// MariaDB/MySQL: what the server would silently change is refused before it runs, or fails the statement after.
import { afterEach, describe, expect, test } from "vitest";
import * as command from "../../../src/command/index.js";
import { mysqlDialect } from "../../../src/dialects/mysql/index.js";
import { ServerWarningError } from "../../../src/dialects/server-warning.js";
import { MigrationError } from "../../../src/runtime/index.js";
import { AthanorError } from "../../../src/util/errors.js";
import { createProject, type Project, type RevisionSpec } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";

const EMOJI = "\u{1F600}";
const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function project(revisions: RevisionSpec[]): Project {
  const p = createProject("mysql", revisions);
  projects.push(p);
  return p;
}

async function failure(p: Project, warnings: string[] = []): Promise<MigrationError> {
  try {
    await command.upgrade(p.config(), "head", { output: { warn: (m) => warnings.push(m) } });
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error("expected the run to fail");
}

describe("the MySQL compiler refuses characters the data dictionary cannot keep", () => {
  const compile = (op: Parameters<NonNullable<typeof mysqlDialect.ddl>["compile"]>[0]): string[] => mysqlDialect.ddl.compile(op);

  test("in a table comment set later and a column comment or default changed later", () => {
    expect(() => compile({ kind: "tableComment", table: "t", comment: `hi ${EMOJI}` })).toThrow(/table "t".*U\+1F600.*"\?"/);
    expect(() => compile({ kind: "alterColumn", table: "t", name: "c", changes: { comment: EMOJI }, existing: {} })).toThrow(
      /comment of column "t\.c"/,
    );
    expect(() =>
      compile({ kind: "alterColumn", table: "t", name: "c", changes: { serverDefault: { kind: "literal", value: EMOJI } }, existing: {} }),
    ).toThrow(/default of column "t\.c"/);
    // characters of the Basic Multilingual Plane are kept as they are
    expect(compile({ kind: "tableComment", table: "t", comment: "ü € 中" })[0]).toContain("ü € 中");
  });
});

describe.runIf(liveDialects().includes("mysql"))("MariaDB/MySQL server warnings", () => {
  test("an emoji in a table comment is refused before anything runs; the catalog has no such table", async () => {
    const p = project([
      {
        id: "em0001",
        upgrade: `  await op.createTable("\${P}_t", [op.column("id", op.type.integer(), { primaryKey: true })], { comment: "party ${EMOJI}" });`,
      },
    ]);
    const error = await failure(p);
    expect(error.oneLine()).toMatch(/comment of table "[a-z0-9_]+_t" holds "\u{1F600}" \(U\+1F600\)/u);
    expect(error.oneLine()).not.toContain("\n");
    expect(await p.tableExists(`${p.prefix}_t`)).toBe(false);
    expect(await p.versionRows()).toEqual([]);
  });

  test("an emoji in a TEXT default or a column comment is refused; the catalog has no such table or column", async () => {
    const p = project([
      {
        id: "em0002",
        upgrade: `  await op.createTable("\${P}_d", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("note", op.type.text(), { default: "hello ${EMOJI}" })]);`,
      },
    ]);
    const error = await failure(p);
    expect(error.message).toMatch(/default of column "[a-z0-9_]+_d\.note"/);
    expect(error.hint).toMatch(/Basic Multilingual Plane/);
    expect(await p.tableExists(`${p.prefix}_d`)).toBe(false);

    const q = project([
      { id: "em0003", upgrade: `  await op.createTable("\${P}_c", [op.column("id", op.type.integer(), { primaryKey: true })]);` },
      {
        id: "em0004",
        down: "em0003",
        upgrade: `  await op.addColumn("\${P}_c", op.column("label", op.type.string(20), { comment: "${EMOJI}" }));`,
      },
    ]);
    const second = await failure(q);
    expect(second.revision).toBe("em0004");
    expect(second.message).toMatch(/comment of column "[a-z0-9_]+_c\.label"/);
    expect(await q.columns(`${q.prefix}_c`)).toEqual(["id"]);
    expect(await q.versionRows()).toEqual(["em0003"]);
  });

  test("a statement the server runs with a Warning (data truncated, incorrect string) fails, naming the statement and the column", async () => {
    const p = project([
      {
        id: "wa0001",
        upgrade: [
          `  await op.execute("SET SESSION sql_mode = ''");`,
          `  await op.execute("CREATE TABLE \${P}_w (c varchar(3) CHARACTER SET latin1)");`,
          `  await op.execute("INSERT INTO \${P}_w (c) VALUES ('${EMOJI}')");`,
        ].join("\n"),
      },
    ]);
    const error = await failure(p);
    const line = error.oneLine();
    expect(line).toMatch(/MySQL ran the statement but changed what it was given: Warning 1366: Incorrect string value/);
    expect(line).toContain(`\`${p.prefix}_w\`.\`c\``);
    expect(error.statement).toMatch(/^INSERT INTO [a-z0-9_]+_w \(c\) VALUES/);
    expect(line).toMatch(/\(the column.s character set cannot hold these characters: give the column \(or table\) the utf8mb4 character set\)/);
    const cause = (error.cause as AthanorError).cause;
    expect(cause).toBeInstanceOf(ServerWarningError);
    expect((cause as ServerWarningError).statementApplied).toBe(true);
    expect(await p.versionRows()).toEqual([]);

    const q = project([
      {
        id: "wa0002",
        upgrade: [
          `  await op.execute("SET SESSION sql_mode = ''");`,
          `  await op.execute("CREATE TABLE \${P}_v (c varchar(3))");`,
          `  await op.execute("INSERT INTO \${P}_v (c) VALUES ('abcdef')");`,
        ].join("\n"),
      },
    ]);
    const truncated = await failure(q);
    expect(truncated.oneLine()).toMatch(/Warning 1265: Data truncated for column 'c'/);
    expect(truncated.statement).toContain("'abcdef'");
  });

  test("Notes are said aloud through the run's warnings; IF [NOT] EXISTS notes are not news", async () => {
    const warnings: string[] = [];
    const p = project([
      {
        id: "no0001",
        upgrade: [
          `  await op.execute("CREATE TABLE \${P}_n (id int, INDEX \${P}_a (id), INDEX \${P}_b (id))");`,
          `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_n (id int)");`,
          `  await op.execute("DROP TABLE IF EXISTS \${P}_none");`,
        ].join("\n"),
      },
    ]);
    const result = await command.upgrade(p.config(), "head", { output: { warn: (m) => warnings.push(m) } });
    expect(result.heads).toEqual(["no0001"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^MySQL note 1831: Duplicate index `[a-z0-9_]+_b`.*\[statement: CREATE TABLE [a-z0-9_]+_n /);
    expect(await p.tableExists(`${p.prefix}_n`)).toBe(true);
  });

  test("names past 64 characters are refused by the server itself, before anything is created", async () => {
    const db = await (project([])).db();
    const table = `${projects[0]!.prefix}_long`;
    const long = "c".repeat(65);
    await expect(db.execute(`CREATE TABLE ${db.dialect.quoteIdentifier(table)} (${db.dialect.quoteIdentifier(long)} int)`)).rejects.toThrow(
      /Identifier name 'c{65}' is too long/,
    );
    expect(await db.tableExists(table)).toBe(false);
    await db.execute(`CREATE TABLE ${db.dialect.quoteIdentifier(table)} (${db.dialect.quoteIdentifier("c".repeat(64))} int)`);
    const { rows } = await db.execute(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?",
      [table],
    );
    expect(rows.map((r) => String(r["c"] ?? r["C"]))).toEqual(["c".repeat(64)]);
  });
});
