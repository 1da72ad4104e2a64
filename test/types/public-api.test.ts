// The public types as a user's editor sees them: a project importing "athanor"
// (the built declarations) is type-checked with tsc. Right uses compile; each
// line marked `// error` must be a compile error, and no other line may be.
// The project's env.ts, config and revision come from `init` and `revision`,
// so the templates are checked too.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ok } from "../cli/helpers.js";

const RIGHT = `import { Config, MetaData, column, compareMetadata, defineEnvironment, produceMigrations, registerOperation, reverseOperation, reverseOperations } from "athanor";
import type { AddColumn, AnyOperation, Connection, CustomOperation, ExecuteSql, Operations, SchemaModel, SchemaOperation, TargetMetadata } from "athanor";
import { fromDrizzle } from "athanor/drizzle";
import { integer, pgTable } from "drizzle-orm/pg-core";

const metadata = new MetaData();
metadata.table("users", { id: column.integer().primaryKey() });
const drizzleSchema = { accounts: pgTable("accounts", { id: integer("id").primaryKey() }) };
const model: SchemaModel = fromDrizzle(drizzleSchema);

export const single = defineEnvironment({ targetMetadata: metadata });
export const fromModel = defineEnvironment({ targetMetadata: model });
export const handWritten = defineEnvironment({ targetMetadata: { tables: [], enums: [] } });
export const list = defineEnvironment({ targetMetadata: [metadata, fromDrizzle(drizzleSchema)] });
export const none = defineEnvironment({ targetMetadata: undefined });
export const perDatabase = defineEnvironment({
  async run(context) {
    await context.runMigrations({ targetMetadata: metadata });
  },
});

export async function api(connection: Connection): Promise<void> {
  const config = Config.from({ scriptLocation: "migrations" });
  config.attributes.connection = connection;
  config.attributes["tenant"] = "acme";
  const shared: Connection | undefined = config.attributes.connection;
  const target: TargetMetadata = [metadata, model];
  await compareMetadata(connection, metadata);
  await compareMetadata(config, target);
  await produceMigrations(shared ?? connection, model);
}

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable("t", [op.column("id", op.type.integer(), { primaryKey: true })]);
}

interface View { readonly name: string; readonly select?: string }
export const createView = registerOperation({
  name: "createView",
  build: (name: string, select: string): View => ({ name, select }),
  reverse: (view): AnyOperation => dropView.create(view.name, view.select),
  sql: (view, db) => "CREATE VIEW " + db.quoteIdentifier(view.name) + " AS " + String(view.select),
});
export const dropView = registerOperation({
  name: "dropView",
  build: (name: string, select?: string): View => ({ name, select }),
  reverse: (view): AnyOperation => (view.select === undefined ? { kind: "execute", sql: "SELECT 1" } : createView.create(view.name, view.select)),
  sql: { default: (view, db) => "DROP VIEW " + db.quoteIdentifier(view.name) },
});
const addEmail: AddColumn = { kind: "addColumn", table: "users", column: { name: "email", type: { kind: "text" }, nullable: true } };
const dropEmail: SchemaOperation = reverseOperation(addEmail);
const downgradeOps: SchemaOperation[] = reverseOperations([addEmail, dropEmail]);
const withCustom: AnyOperation[] = reverseOperations([createView.create("v", "SELECT 1"), addEmail]);
const custom: CustomOperation = createView.create("v", "SELECT 1");
const update: ExecuteSql = { kind: "execute", sql: "UPDATE t SET a = 1" };
export async function invoking(op: Operations): Promise<void> {
  for (const operation of [...downgradeOps, ...withCustom, custom, update]) await op.invoke(operation);
}
`;

const WRONG = `import { Config, MetaData, compareMetadata, defineEnvironment } from "athanor";
import type { Connection, Operations } from "athanor";
import { integer, pgTable } from "drizzle-orm/pg-core";

const drizzleSchema = { accounts: pgTable("accounts", { id: integer("id").primaryKey() }) };

export const text = defineEnvironment({ targetMetadata: "users" }); // error
export const rawDrizzle = defineEnvironment({ targetMetadata: drizzleSchema }); // error
export const notAModel = defineEnvironment({ targetMetadata: { tables: "users" } }); // error

export async function api(connection: Connection): Promise<void> {
  await compareMetadata(connection, 42); // error
  await compareMetadata(connection, [new MetaData(), "users"]); // error
  Config.from({ scriptLocation: "m" }).attributes.connection = "postgresql://localhost/app"; // error
}

export async function upgrade(op: Operations): Promise<void> {
  await op.noSuchOperation(); // error
}
`;

let dir = "";
let diagnostics: string[] = [];

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "athanor-types-")));
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
  symlinkSync(join(ROOT, "node_modules", "drizzle-orm"), join(dir, "node_modules", "drizzle-orm"), "dir");
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "typed-project", private: true, type: "module" }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] },
      include: ["**/*.ts"],
      exclude: ["node_modules"],
    }),
  );
  ok(dir, "init", "migrations");
  ok(dir, "revision", "-m", "first", "--rev-id", "aaaa00002222");
  ok(dir, "-c", "multi.config.ts", "init", "-t", "multidb", "multi");
  ok(dir, "-c", "multi.config.ts", "revision", "-m", "first", "--rev-id", "bbbb00002222");
  writeFileSync(join(dir, "right.ts"), RIGHT);
  writeFileSync(join(dir, "wrong.ts"), WRONG);
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8",
  });
  diagnostics = tsc.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `file:line` of each diagnostic. */
function places(): string[] {
  return diagnostics.map((line) => {
    const match = /^(.+?)\((\d+),\d+\): error/.exec(line);
    return match ? `${match[1]}:${match[2]}` : line;
  });
}

describe("the public API's types", () => {
  it("generated files (generic and multidb templates) and the right uses compile", () => {
    for (const [folder, id] of [["migrations", "aaaa00002222"], ["multi", "bbbb00002222"]] as const) {
      const revision = readdirSync(join(dir, folder, "versions")).find((f) => f.startsWith(id))!;
      const text = readFileSync(join(dir, folder, "versions", revision), "utf8");
      expect(text).toContain("export async function upgrade(op: Operations): Promise<void> {");
      expect(text).toContain("export async function downgrade(op: Operations): Promise<void> {");
    }
    expect(diagnostics.filter((line) => !line.startsWith("wrong.ts"))).toEqual([]);
  });

  it("every wrong use is a compile error, on its own line", () => {
    const expected = WRONG.split("\n").flatMap((line, i) => (line.endsWith("// error") ? [`wrong.ts:${i + 1}`] : []));
    expect(expected).toHaveLength(7);
    expect(places().filter((place) => place.startsWith("wrong.ts"))).toEqual(expected);
  });

  it("a targetMetadata that is not a declared schema names the types it takes", () => {
    const text = diagnostics.find((line) => line.startsWith("wrong.ts(7,"));
    expect(text).toMatch(/error TS2322: .*not assignable to type 'TargetMetadata/);
  });
});
