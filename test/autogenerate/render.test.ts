import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { renderBody, renderOperations } from "../../src/autogenerate/render/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { OperationTracker, Operations } from "../../src/operations/index.js";
import type { OperationContext } from "../../src/operations/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { everyOperation, usersTable } from "./render-fixtures.js";
import { goldenRenderings } from "./render-golden.js";

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (op: Operations) => Promise<void>;

/** The operations a piece of rendered code hands to the migration context when run. */
async function runRendered(code: string, targetMetadata?: unknown): Promise<SchemaOperation[]> {
  const seen: SchemaOperation[] = [];
  const refuse = (): never => {
    throw new Error("not available while recording");
  };
  const context: OperationContext = {
    dialectName: "postgresql",
    isOffline: true,
    databaseName: undefined,
    quoteIdentifier: (name) => `"${name}"`,
    literal: (value) => JSON.stringify(value),
    execute: async () => refuse(),
    query: async () => refuse(),
    run: async (operation) => {
      seen.push(operation);
    },
    connection: undefined as unknown as Connection,
    targetMetadata,
  };
  const op = new Operations(context, new OperationTracker("rendered code"));
  await new AsyncFunction("op", code)(op);
  return seen;
}

/** Members a drop keeps only so that it can be reversed; the rendered call does not repeat them. */
const REVERSAL_ONLY: Readonly<Record<string, string>> = { dropTable: "table", dropColumn: "column", dropIndex: "index", dropConstraint: "constraint", dropEnum: "enum" };

/** Operation data as plain JSON, without the members kept only to reverse a drop (a constraint's type stays). */
function plain(operation: SchemaOperation): unknown {
  const data = JSON.parse(JSON.stringify(operation)) as Record<string, unknown>;
  const extra = REVERSAL_ONLY[operation.kind];
  if (operation.kind === "dropConstraint") data["type"] = operation.type ?? operation.constraint?.type;
  if (extra !== undefined && typeof data[extra] === "object") delete data[extra];
  return data;
}

describe("rendering each operation", () => {
  test("every operation kind renders as its golden text", () => {
    const rendered = everyOperation.map((o) => renderOperations([o], { asBatch: false }).upgrades);
    expect(rendered).toEqual(goldenRenderings);
    const kinds = new Set(everyOperation.map((o) => o.kind));
    expect(kinds.size).toBe(16);
  });

  test("running the rendered code hands over exactly the operations it came from", async () => {
    for (const operation of everyOperation) {
      const code = renderOperations([operation], { asBatch: false }).upgrades;
      // op.createTable and op.addColumn also create the enum types their columns use (IF NOT EXISTS)
      const seen = (await runRendered(code)).filter((o) => operation.kind === "createEnum" || o.kind !== "createEnum");
      expect(seen.map(plain), code).toEqual([plain(operation)]);
    }
  });

  test("statements stay within 100 columns unless a single string is longer", () => {
    const code = renderOperations(everyOperation, { asBatch: false }).upgrades;
    for (const line of code.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(code.split("\n").every((line) => /^( {2})*\S/.test(line) || line === "")).toBe(true);
  });
});

describe("foreign keys to names holding a dot", () => {
  test("are added after op.createTable, where each name is its own argument", async () => {
    const table = {
      name: "orders",
      columns: [{ name: "id", type: { kind: "integer" }, nullable: false }, { name: "client.id", type: { kind: "integer" }, nullable: true }],
      primaryKey: { columns: ["id"] },
      foreignKeys: [{ name: "fk_orders_client", columns: ["client.id"], refTable: "v1.clients", refColumns: ["id"] }],
      uniques: [],
      checks: [],
      indexes: [],
    } as const;
    const code = renderOperations([{ kind: "createTable", table }]).upgrades;
    expect(code).not.toContain("op.foreignKey");
    expect(code.split("\n").at(-1)).toBe('await op.createForeignKey("fk_orders_client", "orders", "v1.clients", ["client.id"], ["id"]);');
    const seen = await runRendered(code);
    expect(seen.map(plain)).toEqual([
      plain({ kind: "createTable", table: { ...table, foreignKeys: [] } }),
      plain({ kind: "addConstraint", table: "orders", constraint: { type: "foreignkey", ...table.foreignKeys[0] } }),
    ]);
  });
});

describe("the revision body", () => {
  test("starts with a line asking for a review and ends with a closing line; empty bodies keep both", () => {
    const body = renderBody([{ kind: "dropColumn", table: "users", name: "age" }]).upgrades;
    expect(body).toBe(
      [
        "// ### commands generated by athanor autogenerate - please review and adjust! ###",
        'await op.dropColumn("users", "age");',
        "// ### end of generated commands ###",
      ].join("\n"),
    );
    expect(renderBody([]).upgrades.split("\n")).toHaveLength(2);
  });

  test("notes come first, one comment line each", () => {
    const body = renderBody([], {}, ["left out: the value \"x\"\n  cannot be removed"]).upgrades;
    expect(body.split("\n")[1]).toBe('// left out: the value "x" cannot be removed');
  });
});

describe("batch mode", () => {
  const operations: SchemaOperation[] = [
    { kind: "createTable", table: { ...usersTable, name: "t2", foreignKeys: [], indexes: [] } },
    { kind: "addColumn", table: "users", column: { name: "age", type: { kind: "integer" }, nullable: true } },
    { kind: "alterColumn", table: "users", name: "email", changes: { nullable: true }, existing: { type: { kind: "string", length: 255 }, nullable: false } },
    { kind: "createIndex", table: "users", index: { name: "ix_users_age", columns: ["age"], unique: false } },
    { kind: "addConstraint", table: "users", constraint: { type: "foreignkey", name: "fk_x", columns: ["age"], refTable: "ages", refColumns: ["id"] } },
    { kind: "dropConstraint", table: "users", name: "uq_old", type: "unique" },
    { kind: "tableComment", table: "users", comment: null, existingComment: "people" },
    { kind: "dropColumn", table: "orgs", schema: "crm", name: "old" },
    { kind: "renameTable", name: "a", newName: "b" },
  ];

  test("groups consecutive changes of one table in op.batchAlterTable, on SQLite by default", () => {
    const code = renderOperations(operations, { dialect: "sqlite" }).upgrades;
    const tail = code.slice(code.indexOf("await op.batchAlterTable"));
    expect(tail.split("\n")).toEqual([
      'await op.batchAlterTable("users", (batch) => {',
      '  batch.addColumn(op.column("age", op.type.integer()));',
      '  batch.alterColumn("email", {',
      "    nullable: true,",
      "    existingType: op.type.string(255),",
      "    existingNullable: false,",
      "  });",
      '  batch.createIndex(op.f("ix_users_age"), ["age"]);',
      '  batch.createForeignKey("fk_x", "ages", ["age"], ["id"]);',
      '  batch.dropConstraint("uq_old", { type: "unique" });',
      '  batch.dropTableComment({ existingComment: "people" });',
      "});",
      'await op.batchAlterTable("orgs", (batch) => {',
      '  batch.dropColumn("old");',
      '}, { schema: "crm" });',
      'await op.renameTable("a", "b");',
    ]);
    expect(code.startsWith("await op.createTable(")).toBe(true);
  });

  test("is off elsewhere unless asked, and asBatch: false turns it off on SQLite", () => {
    expect(renderOperations(operations, { dialect: "postgresql" }).upgrades).not.toContain("batchAlterTable");
    expect(renderOperations(operations, { dialect: "sqlite", asBatch: false }).upgrades).not.toContain("batchAlterTable");
    expect(renderOperations(operations, { dialect: "mysql", asBatch: true }).upgrades).toContain('op.batchAlterTable("users"');
  });
});

describe("names and conventions", () => {
  const convention = { ix: "ix_%(column_0_label)s", uq: "uq_%(table_name)s_%(column_0_name)s", ck: "ck_%(table_name)s_%(constraint_name)s" };

  test("names a convention produced, or would rewrite, are written with op.f; others as plain strings", () => {
    const code = renderOperations(
      [
        { kind: "addConstraint", table: "users", constraint: { type: "unique", name: "uq_users_email", columns: ["email"] } },
        { kind: "addConstraint", table: "users", constraint: { type: "unique", name: "users_email_key", columns: ["email"] } },
        { kind: "addConstraint", table: "users", constraint: { type: "check", name: "ck_users_age", sql: "age > 0" } },
        { kind: "createIndex", table: "users", index: { name: "my_index", columns: ["email"], unique: false } },
      ],
      { namingConvention: convention },
    ).upgrades;
    expect(code.split("\n")).toEqual([
      'await op.createUniqueConstraint(op.f("uq_users_email"), "users", ["email"]);',
      'await op.createUniqueConstraint("users_email_key", "users", ["email"]);',
      'await op.createCheckConstraint(op.f("ck_users_age"), "users", "age > 0");',
      'await op.createIndex("my_index", "users", ["email"]);',
    ]);
  });

  test("with the convention in force, the rendered code keeps every name exactly", async () => {
    const operations: SchemaOperation[] = [
      { kind: "addConstraint", table: "users", constraint: { type: "check", name: "ck_users_age", sql: "age > 0" } },
      { kind: "createTable", table: { ...usersTable, checks: [{ name: "ck_users_score", sql: "score >= 0" }] } },
    ];
    const code = renderOperations(operations, { namingConvention: convention }).upgrades;
    const seen = (await runRendered(code, { namingConvention: convention })).filter((o) => o.kind !== "createEnum");
    expect(seen.map(plain)).toEqual(operations.map(plain));
  });
});

describe("renderItem", () => {
  test("replaces the rendering of a type, a column or a whole operation, and adds imports", () => {
    const code = renderOperations(
      [
        { kind: "addColumn", table: "users", column: { name: "geo", type: { kind: "custom", sql: "geography" }, nullable: true } },
        { kind: "dropColumn", table: "users", name: "legacy" },
        { kind: "dropTable", name: "old" },
      ],
      {
        renderItem: (kind, item, context) => {
          if (kind === "type" && (item as { kind: string }).kind === "custom") {
            context.imports.add('import { geography } from "./types.js";');
            return "geography()";
          }
          if (kind === "operation" && (item as { kind: string }).kind === "dropTable") return 'op.execute("DROP TABLE old")';
          return false;
        },
      },
    );
    expect(code.upgrades.split("\n")).toEqual([
      'await op.addColumn("users", op.column("geo", geography()));',
      'await op.dropColumn("users", "legacy");',
      'await op.execute("DROP TABLE old");',
    ]);
    expect(code.imports).toEqual(['import { geography } from "./types.js";']);
  });
});

describe("rendered revisions compile", () => {
  const dir = mkdtempSync(join(tmpdir(), "athanor-render-tsc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a revision file holding every operation kind passes tsc --noEmit under strict settings", () => {
    const root = resolve(import.meta.dirname, "..", "..");
    const upgrades = renderBody(everyOperation, { asBatch: false }).upgrades;
    const batch = renderBody(
      [
        { kind: "addColumn", table: "users", column: { name: "age", type: { kind: "integer" }, nullable: true } },
        { kind: "dropConstraint", table: "users", name: "uq_old", type: "unique" },
        { kind: "createIndex", table: "users", index: { name: "ix_users_age", columns: ["age", { expression: "age + 1" }], unique: true, where: "age > 0" } },
      ],
      { asBatch: true },
    ).upgrades;
    const indent = (text: string): string => text.split("\n").map((l) => `  ${l}`).join("\n");
    writeFileSync(
      join(dir, "revision.ts"),
      `import type { Operations } from "athanor";\n\nexport async function upgrade(op: Operations): Promise<void> {\n${indent(upgrades)}\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n${indent(batch)}\n}\n`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck: true,
          types: [],
          paths: { athanor: [join(root, "src", "index.ts")] },
        },
        files: ["revision.ts"],
      }),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    let output = "";
    try {
      execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
