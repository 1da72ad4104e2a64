// Revision scenarios of the conformance suite, run online (operations-online,
// batch) and through the offline script on a twin (operations-offline).
import type { DialectName } from "../../support/servers.js";
import type { RevisionSpec } from "../../runtime/project.js";

/** An operation written directly on PostgreSQL and MySQL, through batch mode on SQLite. */
export function onTable(dialect: DialectName, tableName: string, direct: string, batch: string): string {
  return dialect === "sqlite" ? `  await op.batchAlterTable("${tableName}", (batch) => {\n${batch}\n  });` : direct;
}

/** The schema operations scenario: every operation, one revision each, linear. */
export function operationRevisions(dialect: DialectName): RevisionSpec[] {
  const users = "${P}_users";
  const posts = "${P}_posts";
  const list: RevisionSpec[] = [
    {
      id: "op0001",
      upgrade: `
  await op.createTable("${users}", [
    op.column("id", op.type.integer(), { primaryKey: true, autoincrement: true }),
    op.column("email", op.type.string(100), { nullable: false }),
    op.column("name", op.type.string(50)),
  ]);
  await op.createTable("${posts}", {
    id: op.column.integer().primaryKey(),
    user_id: op.column.integer(),
    title: op.column.string(50).notNull().default("untitled"),
  });`,
      downgrade: `  await op.dropTable("${posts}");\n  await op.dropTable("${users}");`,
    },
    {
      id: "op0002",
      upgrade: `  await op.addColumn("${users}", op.column("age", op.type.integer(), { default: 0 }));`,
      downgrade: onTable(dialect, users, `  await op.dropColumn("${users}", "age");`, `    batch.dropColumn("age");`),
    },
    {
      id: "op0003",
      upgrade: `  await op.createIndex("ix_\${P}_users_email", "${users}", ["email"], { unique: true });`,
      downgrade: `  await op.dropIndex("ix_\${P}_users_email", { table: "${users}" });`,
    },
    {
      id: "op0004",
      upgrade: onTable(
        dialect,
        users,
        `  await op.alterColumn("${users}", "name", { type: op.type.string(80), nullable: false, serverDefault: "anon", existingType: op.type.string(50), existingNullable: true, existingServerDefault: null });`,
        `    batch.alterColumn("name", { type: op.type.string(80), nullable: false, serverDefault: "anon" });`,
      ),
      downgrade: onTable(
        dialect,
        users,
        `  await op.alterColumn("${users}", "name", { type: op.type.string(50), nullable: true, serverDefault: null, existingType: op.type.string(80), existingNullable: false, existingServerDefault: "anon" });`,
        `    batch.alterColumn("name", { type: op.type.string(50), nullable: true, serverDefault: null });`,
      ),
    },
    {
      id: "op0005",
      upgrade: `  await op.alterColumn("${users}", "name", { newName: "full_name", existingType: op.type.string(80), existingNullable: false, existingServerDefault: "anon" });`,
      downgrade: `  await op.alterColumn("${users}", "full_name", { newName: "name", existingType: op.type.string(80), existingNullable: false, existingServerDefault: "anon" });`,
    },
    {
      id: "op0006",
      upgrade: [
        onTable(dialect, posts,
          `  await op.createUniqueConstraint("uq_\${P}_posts_title", "${posts}", ["title"]);\n  await op.createForeignKey("fk_\${P}_posts_user", "${posts}", "${users}", ["user_id"], ["id"], { onDelete: "cascade" });`,
          `    batch.createUniqueConstraint("uq_\${P}_posts_title", ["title"]);\n    batch.createForeignKey("fk_\${P}_posts_user", "${users}", ["user_id"], ["id"], { onDelete: "cascade" });`),
        onTable(dialect, users, `  await op.createCheckConstraint("ck_\${P}_users_age", "${users}", "age >= 0");`, `    batch.createCheckConstraint("ck_\${P}_users_age", "age >= 0");`),
      ].join("\n"),
      downgrade: [
        onTable(dialect, users, `  await op.dropConstraint("ck_\${P}_users_age", "${users}", { type: "check" });`, `    batch.dropConstraint("ck_\${P}_users_age", { type: "check" });`),
        onTable(dialect, posts,
          `  await op.dropConstraint("fk_\${P}_posts_user", "${posts}", { type: "foreignkey" });\n  await op.dropConstraint("uq_\${P}_posts_title", "${posts}", { type: "unique" });`,
          `    batch.dropConstraint("fk_\${P}_posts_user", { type: "foreignkey" });\n    batch.dropConstraint("uq_\${P}_posts_title", { type: "unique" });`),
        // InnoDB made an index for the foreign key, and keeps it when the key is dropped
        dialect === "mysql" ? `  await op.dropIndex("fk_\${P}_posts_user", { table: "${posts}" });` : "",
      ].join("\n"),
    },
    {
      id: "op0007",
      upgrade: `  await op.renameTable("${posts}", "\${P}_articles");`,
      downgrade: `  await op.renameTable("\${P}_articles", "${posts}");`,
    },
  ];
  list.push(
    {
      id: "op0011",
      upgrade: `  await op.createTable("\${P}_keys", [op.column("id", op.type.integer(), { nullable: false }), op.column("code", op.type.string(10))]);`,
      downgrade: `  await op.dropTable("\${P}_keys");`,
    },
    {
      id: "op0013",
      upgrade: onTable(dialect, "\${P}_keys", `  await op.createPrimaryKey("pk_\${P}_keys", "\${P}_keys", ["id"]);`, `    batch.createPrimaryKey("pk_\${P}_keys", ["id"]);`),
      downgrade: onTable(dialect, "\${P}_keys", `  await op.dropConstraint("pk_\${P}_keys", "\${P}_keys", { type: "primary" });`, `    batch.dropConstraint("pk_\${P}_keys", { type: "primary" });`),
    },
  );
  if (dialect !== "sqlite") {
    list.push({
      id: "op0012",
      upgrade: `  await op.alterColumn("${users}", "email", { comment: "where we write", existingType: op.type.string(100), existingNullable: false, existingComment: null });`,
      downgrade: `  await op.alterColumn("${users}", "email", { comment: null, existingType: op.type.string(100), existingNullable: false, existingComment: "where we write" });`,
    });
    list.push({
      id: "op0008",
      upgrade: `  await op.createTableComment("${users}", "people's \\"accounts\\"", { existingComment: null });`,
      downgrade: `  await op.dropTableComment("${users}", { existingComment: "people's \\"accounts\\"" });`,
    });
  }
  if (dialect === "postgresql") {
    list.push(
      {
        id: "op0009",
        upgrade: `  await op.createEnum("\${P}_mood", ["sad", "ok"]);\n  await op.addColumn("${users}", op.column("mood", op.type.enumType("\${P}_mood", ["sad", "ok"])));`,
        downgrade: `  await op.dropColumn("${users}", "mood");\n  await op.dropEnum("\${P}_mood");`,
      },
      {
        id: "op0014",
        upgrade: `  await op.createTable("\${P}_moods", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("m", op.type.enumType("\${P}_feel", ["up", "down"]))]);`,
        downgrade: `  await op.dropTable("\${P}_moods");\n  await op.dropEnum("\${P}_feel");`,
      },
      {
        id: "op0010",
        upgrade: `  await op.addEnumValue("\${P}_mood", "happy", { after: "ok" });\n  await op.renameEnumValue("\${P}_mood", "ok", "fine");`,
        downgrade: `  await op.renameEnumValue("\${P}_mood", "fine", "ok");`,
      },
    );
  }
  return list.map((rev, i) => ({ ...rev, down: i === 0 ? null : list[i - 1]!.id, doc: rev.id }));
}

const INT = { kind: "integer" };
const varchar = (length: number): { kind: string; length: number } => ({ kind: "string", length });

/** The tables of familyRevisions as they are before each batch, for `copyFrom` (offline has no database to read them from). */
function familyTables(): Record<string, unknown> {
  const parent = (note: number, added: boolean): unknown => ({
    name: "${P}_parent",
    columns: [
      ...(added ? [{ name: "first", type: INT, nullable: true }] : []),
      { name: "id", type: INT, nullable: false },
      ...(added ? [{ name: "rank", type: INT, nullable: true, serverDefault: { kind: "literal", value: 1 } }] : []),
      { name: "code", type: varchar(10), nullable: false },
      { name: "note", type: varchar(note), nullable: true },
    ],
    primaryKey: { columns: ["id"] },
    foreignKeys: [],
    uniques: [{ name: "uq_${P}_parent_code", columns: ["code"] }],
    checks: [{ name: "ck_${P}_parent_code", sql: "code <> ''" }],
    indexes: [{ name: "ix_${P}_parent_note", columns: ["note"], unique: false }],
  });
  const child = (labelled: boolean): unknown => ({
    name: "${P}_child",
    columns: [
      { name: "id", type: INT, nullable: false },
      { name: "parent_id", type: INT, nullable: !labelled },
      ...(labelled ? [{ name: "label", type: varchar(20), nullable: true }] : []),
    ],
    primaryKey: { columns: ["id"] },
    foreignKeys: [{ name: "fk_${P}_child_parent", columns: ["parent_id"], refTable: "${P}_parent", refColumns: ["id"], onDelete: "cascade" }],
    uniques: [],
    checks: [],
    indexes: [],
  });
  return { parentBefore: parent(100, false), parentAfter: parent(200, true), childBefore: child(false), childAfter: child(true) };
}

/**
 * A parent other tables refer to and a child, then both batched (moved and
 * copied on SQLite). With `copyFrom`, every batch passes the table as it is,
 * so the scenario also runs offline.
 */
export function familyRevisions(dialect: DialectName, options: { readonly copyFrom?: boolean } = {}): RevisionSpec[] {
  const recreate = dialect === "sqlite" ? "auto" : "always";
  const tables = familyTables();
  const from = (key: string): string => (options.copyFrom ? `, copyFrom: ${JSON.stringify(tables[key])}` : "");
  return [
    {
      id: "ba0001",
      doc: "parent and child",
      upgrade: `
  const parent = await op.createTable("\${P}_parent", [
    op.column("id", op.type.integer(), { primaryKey: true }),
    op.column("code", op.type.string(10), { nullable: false, unique: "uq_\${P}_parent_code", check: { sql: "code <> ''", name: "ck_\${P}_parent_code" } }),
    op.column("note", op.type.string(100)),
    op.index("ix_\${P}_parent_note").on("note"),
  ]);
  const child = await op.createTable("\${P}_child", [
    op.column("id", op.type.integer(), { primaryKey: true }),
    op.column("parent_id", op.type.integer(), { references: { column: "\${P}_parent.id", name: "fk_\${P}_child_parent", onDelete: "cascade" } }),
  ]);
  await op.bulkInsert(parent, [{ id: 1, code: "a", note: "one" }, { id: 2, code: "b", note: "two" }, { id: 3, code: "c", note: null }]);
  await op.bulkInsert(child, [{ id: 10, parent_id: 1 }, { id: 11, parent_id: 2 }, { id: 12, parent_id: 2 }]);`,
      downgrade: `  await op.dropTable("\${P}_child");\n  await op.dropTable("\${P}_parent");`,
    },
    {
      id: "ba0002",
      down: "ba0001",
      doc: "batch the parent",
      upgrade: `
  await op.batchAlterTable("\${P}_parent", (batch) => {
    batch.addColumn(op.column("rank", op.type.integer(), { default: 1 }), { insertAfter: "id" });
    batch.addColumn(op.column("first", op.type.integer()), { insertBefore: "id" });
    batch.alterColumn("note", { type: op.type.string(200), existingType: op.type.string(100) });
  }, { recreate: "${recreate}"${from("parentBefore")} });`,
      downgrade: `
  await op.batchAlterTable("\${P}_parent", (batch) => {
    batch.dropColumn("first");
    batch.dropColumn("rank");
    batch.alterColumn("note", { type: op.type.string(100), existingType: op.type.string(200) });
  }, { recreate: "${recreate}"${from("parentAfter")} });`,
    },
    {
      id: "ba0003",
      down: "ba0002",
      doc: "batch the child, which has a foreign key of its own",
      upgrade: `
  await op.batchAlterTable("\${P}_child", (batch) => {
    batch.addColumn(op.column("label", op.type.string(20)));
    batch.alterColumn("parent_id", { nullable: false, existingType: op.type.integer(), existingNullable: true });
  }, { recreate: "${recreate}"${from("childBefore")} });`,
      downgrade: `
  await op.batchAlterTable("\${P}_child", (batch) => {
    batch.dropColumn("label");
    batch.alterColumn("parent_id", { nullable: true, existingType: op.type.integer(), existingNullable: false });
  }, { recreate: "${recreate}"${from("childAfter")} });`,
    },
  ];
}
