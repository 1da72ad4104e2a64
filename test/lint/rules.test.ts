// Every lint rule on a revision that triggers it and one that does not, on each
// database's dialect. The URLs point at servers that do not exist: lint reads no database.
import { describe, expect, it } from "vitest";
import { lintJson, lintProject, rulesByRevision, UNREACHABLE, type DialectName, type LintRevision } from "./helpers.js";

const col = (name: string, type: string, extra = ""): string => `op.column(${JSON.stringify(name)}, op.type.${type})${extra}`;

/** The chain every dialect lints, and the rules each revision must give, per dialect. */
const REVISIONS: (LintRevision & { readonly expect: Partial<Record<DialectName | "all", string[]>> })[] = [
  {
    id: "h9base",
    irreversible: false,
    upgrade: `  await op.createTable("users", [${col("id", "integer()", ".primaryKey()")}, ${col("email", "string(100)")}, ${col("name", "text()")}, ${col("age", "bigint()")}]);
  await op.createTable("posts", [${col("id", "integer()", ".primaryKey()")}, ${col("user_id", "integer()")}]);
  await op.createIndex("ix_posts_user", "posts", ["user_id"]);
  await op.createUniqueConstraint("uq_users_email", "users", ["email"]);`,
    downgrade: `  await op.dropTable("posts");\n  await op.dropTable("users");`,
    expect: { all: [] },
  },
  { id: "h9droptable", upgrade: `  await op.dropTable("posts");`, expect: { all: ["drop-table"] } },
  {
    id: "h9newtable",
    irreversible: false,
    // everything on a table created in the same revision holds no rows yet
    upgrade: `  await op.createTable("tmp", [${col("id", "integer()", ".primaryKey()")}, ${col("x", "string(100)")}, ${col("y", "integer()")}]);
  await op.dropColumn("tmp", "x");
  await op.alterColumn("tmp", "y", { nullable: false, type: op.type.smallint(), existingType: op.type.integer() });
  await op.addColumn("tmp", ${col("z", "uuid()", '.notNull().defaultSql("gen_random_uuid()")')});
  await op.createIndex("ix_tmp_y", "tmp", ["y"], { unique: true });
  await op.createCheckConstraint("ck_tmp_y", "tmp", "y > 0");
  await op.createForeignKey("fk_tmp_users", "tmp", "users", ["y"], ["id"]);`,
    downgrade: `  await op.dropTable("tmp");`,
    expect: { all: [] },
  },
  { id: "h9dropcol", upgrade: `  await op.dropColumn("users", "name");`, expect: { all: ["drop-column"] } },
  { id: "h9dropenum", upgrade: `  await op.dropEnumValue("mood", "sad");`, expect: { all: ["drop-enum-value"] } },
  {
    id: "h9narrow",
    upgrade: `  await op.alterColumn("users", "email", { type: op.type.string(50), existingType: op.type.string(100) });`,
    expect: { sqlite: ["narrow-type"], postgresql: ["narrow-type", "type-change-rewrite"], mysql: ["mysql-not-instant", "narrow-type"] },
  },
  {
    id: "h9widen",
    upgrade: `  await op.alterColumn("users", "email", { type: op.type.string(200), existingType: op.type.string(100) });`,
    expect: { all: [] },
  },
  {
    id: "h9bigint",
    upgrade: `  await op.alterColumn("users", "age", { type: op.type.integer(), existingType: op.type.bigint() });`,
    expect: { sqlite: ["narrow-type"], postgresql: ["narrow-type", "type-change-rewrite"], mysql: ["mysql-not-instant", "narrow-type"] },
  },
  {
    id: "h9tobigint",
    upgrade: `  await op.alterColumn("posts", "user_id", { type: op.type.bigint(), existingType: op.type.integer() });`,
    // wider, so nothing is lost; but PostgreSQL rewrites and MySQL copies
    expect: { sqlite: [], postgresql: ["type-change-rewrite"], mysql: ["mysql-not-instant"] },
  },
  {
    id: "h9notnull",
    upgrade: `  await op.alterColumn("users", "age", { nullable: false, existingNullable: true });`,
    expect: { sqlite: ["set-not-null-no-default"], mysql: ["set-not-null-no-default"], postgresql: ["set-not-null-no-default", "set-not-null-scan"] },
  },
  {
    id: "h9notnulldef",
    upgrade: `  await op.alterColumn("users", "age", { nullable: false, serverDefault: 0, existingNullable: true });`,
    expect: { sqlite: [], mysql: [], postgresql: ["set-not-null-scan"] },
  },
  {
    id: "h9nullable",
    upgrade: `  await op.alterColumn("users", "age", { nullable: true, existingNullable: false });`,
    expect: { all: [] },
  },
  {
    id: "h9dropdefault",
    upgrade: `  await op.alterColumn("users", "age", { serverDefault: null, existingNullable: false, existingServerDefault: 0 });`,
    expect: { all: ["drop-not-null-default"] },
  },
  {
    id: "h9dropdefaultnull",
    upgrade: `  await op.alterColumn("users", "email", { serverDefault: null, existingNullable: true, existingServerDefault: "x" });`,
    expect: { all: [] },
  },
  {
    id: "h9addnotnull",
    upgrade: `  await op.addColumn("users", ${col("score", "integer()", ".notNull()")});`,
    expect: { all: ["set-not-null-no-default"] },
  },
  {
    id: "h9addnotnulldef",
    upgrade: `  await op.addColumn("users", ${col("rank", "integer()", ".notNull().default(0)")});`,
    expect: { all: [] },
  },
  { id: "h9renametable", upgrade: `  await op.renameTable("posts", "articles");`, expect: { all: ["rename-table"] } },
  {
    id: "h9renamecol",
    upgrade: `  await op.alterColumn("users", "name", { newName: "full_name" });`,
    expect: { all: ["rename-column"] },
  },
  {
    id: "h9unique",
    upgrade: `  await op.createUniqueConstraint("uq_users_name", "users", ["name"]);`,
    expect: { all: ["add-unique"] },
  },
  {
    id: "h9uniqueix",
    upgrade: `  await op.createIndex("ix_users_name", "users", ["name"], { unique: true });`,
    expect: { sqlite: ["add-unique"], mysql: ["add-unique"], postgresql: ["add-unique", "index-not-concurrent"] },
  },
  { id: "h9check", upgrade: `  await op.createCheckConstraint("ck_users_age", "users", "age >= 0");`, expect: { all: ["add-check"] } },
  {
    id: "h9fk",
    upgrade: `  await op.createForeignKey("fk_posts_user", "posts", "users", ["user_id"], ["id"]);`,
    expect: { sqlite: ["add-foreign-key"], postgresql: ["add-foreign-key", "fk-not-valid"], mysql: ["add-foreign-key", "mysql-not-instant"] },
  },
  {
    id: "h9index",
    upgrade: `  await op.createIndex("ix_users_age", "users", ["age"]);`,
    expect: { sqlite: [], mysql: [], postgresql: ["index-not-concurrent"] },
  },
  {
    id: "h9indexconc",
    head: "export const transactional = false;\n",
    upgrade: `  await op.createIndex("ix_users_age2", "users", ["age"], { concurrently: true });`,
    expect: { all: [] },
  },
  {
    id: "h9conctx",
    upgrade: `  await op.createIndex("ix_users_age3", "users", ["age"], { concurrently: true });`,
    expect: { sqlite: [], mysql: [], postgresql: ["concurrently-in-transaction"] },
  },
  {
    id: "h9dropix",
    upgrade: `  await op.dropIndex("ix_posts_user", { table: "posts" });`,
    expect: { sqlite: [], mysql: [], postgresql: ["drop-index-not-concurrent"] },
  },
  {
    id: "h9dropixconc",
    head: "export const transactional = false;\n",
    upgrade: `  await op.dropIndex("ix_users_age2", { table: "users", concurrently: true });`,
    expect: { all: [] },
  },
  {
    id: "h9rawconc",
    upgrade: `  await op.execute("CREATE INDEX CONCURRENTLY ix_users_raw ON users (age)");`,
    expect: { sqlite: ["execute-raw-sql"], mysql: ["execute-raw-sql"], postgresql: ["concurrently-in-transaction", "execute-raw-sql"] },
  },
  {
    id: "h9volatile",
    upgrade: `  await op.addColumn("users", ${col("token", "uuid()", '.defaultSql("gen_random_uuid()")')});`,
    expect: { sqlite: [], mysql: [], postgresql: ["volatile-default"] },
  },
  {
    id: "h9stable",
    // now() is STABLE: PostgreSQL 11+ adds the column without a rewrite
    upgrade: `  await op.addColumn("users", ${col("created_at", "timestamp()", '.defaultSql("now()")')});`,
    expect: { all: [] },
  },
  {
    id: "h9droppk",
    upgrade: `  await op.dropConstraint("PRIMARY", "posts", { type: "primary" });`,
    expect: { sqlite: [], postgresql: [], mysql: ["mysql-not-instant"] },
  },
  {
    id: "h9batch",
    upgrade: `  await op.batchAlterTable("users", (batch) => { batch.alterColumn("email", { nullable: true }); });`,
    expect: { sqlite: ["sqlite-batch-rebuild"], postgresql: [], mysql: [] },
  },
  {
    id: "h9batchadd",
    upgrade: `  await op.batchAlterTable("users", (batch) => { batch.addColumn(${col("nick", "string(20)")}); });`,
    expect: { all: [] },
  },
  {
    id: "h9nodown",
    irreversible: false,
    upgrade: `  await op.addColumn("users", ${col("bio", "text()")});`,
    expect: { all: ["missing-downgrade"] },
  },
  {
    id: "h9down",
    irreversible: false,
    upgrade: `  await op.addColumn("users", ${col("bio2", "text()")});`,
    downgrade: `  await op.dropColumn("users", "bio2");`,
    expect: { all: [] },
  },
  { id: "h9raw", upgrade: `  await op.execute("UPDATE users SET age = 0 WHERE age IS NULL");`, expect: { all: ["execute-raw-sql"] } },
  {
    id: "h9suppressed",
    head: "// athanor-lint-disable drop-column, rename-column: the column was unused since v3\n",
    upgrade: `  await op.dropColumn("users", "bio");\n  await op.alterColumn("users", "email", { newName: "mail" });`,
    expect: { all: [] },
  },
  {
    id: "h9noreason",
    head: "// athanor-lint-disable drop-column\n",
    upgrade: `  await op.dropColumn("users", "bio2");`,
    expect: { all: ["drop-column", "suppression-without-reason"] },
  },
  {
    id: "h9unknownrule",
    head: "// athanor-lint-disable drop-colum: typo in the rule id\n",
    upgrade: `  await op.dropColumn("users", "nick");`,
    expect: { all: ["drop-column", "suppression-unknown-rule"] },
  },
  {
    id: "h9query",
    upgrade: `  const rows = await op.query("SELECT count(*) AS n FROM users");\n  if (rows.length > 0) await op.dropColumn("users", "rank");`,
    expect: { all: ["not-analysed"] },
  },
];

describe.each(["sqlite", "postgresql", "mysql"] as const)("athanor lint on %s", (dialect) => {
  it("reports each rule on the revision that triggers it, and nothing on the one that does not", () => {
    const dir = lintProject(UNREACHABLE[dialect], REVISIONS);
    const { findings, revisions, run } = lintJson(dir);
    expect(revisions).toEqual(REVISIONS.map((r) => r.id));
    const found = rulesByRevision(findings);
    const actual = Object.fromEntries(REVISIONS.map((r) => [r.id, found.get(r.id) ?? []]));
    const wanted = Object.fromEntries(REVISIONS.map((r) => [r.id, [...(r.expect[dialect] ?? r.expect.all ?? [])].sort()]));
    expect(actual).toEqual(wanted);
    // errors remain: exit 1; nothing reached the (nonexistent) server
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(["rule", "severity", "revision", "operation", "message", "fix"]);
      expect(f.message).not.toBe("");
      expect(f.fix).not.toBe("");
    }
    const dropColumn = findings.find((f) => f.revision === "h9dropcol")!;
    expect(dropColumn).toMatchObject({ severity: "error", operation: { kind: "dropColumn", table: "users", column: "name" } });
    expect(findings.find((f) => f.rule === "execute-raw-sql")!.severity).toBe("info");
    expect(findings.find((f) => f.rule === "not-analysed")).toMatchObject({
      revision: "h9query",
      severity: "error",
      operation: null,
      message: "upgrade() could not be analysed: op.query() reads the database, and lint reads none",
    });
    expect(findings.find((f) => f.rule === "suppression-without-reason")!.message).toBe("the athanor-lint-disable comment on line 15 gives no reason, so it suppresses nothing");
  });
});
