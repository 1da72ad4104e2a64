// The examples/drizzle project, run with the built `athanor` as its README shows:
// autogenerate from the drizzle schema, upgrade, change, autogenerate, downgrade.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { athanor, ROOT } from "../cli/helpers.js";
import { tempDir } from "../dialects/helpers.js";

const EXAMPLE = join(ROOT, "examples", "drizzle");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the example with athanor and drizzle-orm installed as a user would have them. */
function exampleProject(): string {
  const dir = tempDir("athanor-drizzle-example-");
  made.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/app\.db|node_modules/.test(src) });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
  symlinkSync(join(ROOT, "node_modules", "drizzle-orm"), join(dir, "node_modules", "drizzle-orm"), "dir");
  return dir;
}

function run(dir: string, ...args: string[]): string {
  const result = athanor(dir, ...args);
  expect(result.code, `athanor ${args.join(" ")}\n${result.stderr}${result.stdout}`).toBe(0);
  return result.stdout;
}

async function columnsOf(dir: string, table: string): Promise<string[]> {
  const connection = await connect(`sqlite:///${join(dir, "app.db")}`);
  try {
    const model = await connection.dialect.reflect(connection, { tables: [table] });
    return model.tables[0]?.columns.map((c) => c.name) ?? [];
  } finally {
    await connection.close();
  }
}

describe.skipIf(!existsSync(join(ROOT, "dist", "adapters", "drizzle", "index.js")))("examples/drizzle", () => {
  test("revision --autogenerate, upgrade, check, change, autogenerate, downgrade", async () => {
    const dir = exampleProject();
    const versions = join(dir, "migrations", "versions");

    expect(run(dir, "revision", "--autogenerate", "-m", "create users and posts", "--rev-id", "aaaa00000001")).toContain("Generating");
    const first = readFileSync(join(versions, readdirSync(versions).find((f) => f.startsWith("aaaa00000001"))!), "utf8");
    expect(first).toContain('op.createTable("users"');
    expect(first).toContain('op.createTable("posts"');
    expect(first).toContain('op.dropTable("posts")');

    expect(run(dir, "upgrade", "head")).toContain("Running upgrade  -> aaaa00000001, create users and posts");
    expect(await columnsOf(dir, "users")).toEqual(["id", "email", "name", "role", "active", "created_at"]);
    expect(run(dir, "check")).toContain("No new upgrade operations detected.");

    const schemaFile = join(dir, "src", "schema.ts");
    writeFileSync(schemaFile, readFileSync(schemaFile, "utf8").replace('  name: text("name").notNull(),\n', '  name: text("name").notNull(),\n  bio: text("bio"),\n'));
    const check = athanor(dir, "check");
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain("add column users.bio");

    run(dir, "revision", "--autogenerate", "-m", "add bio", "--rev-id", "aaaa00000002");
    expect(run(dir, "upgrade", "head")).toContain("Running upgrade aaaa00000001 -> aaaa00000002, add bio");
    expect(await columnsOf(dir, "users")).toContain("bio");
    expect(run(dir, "check")).toContain("No new upgrade operations detected.");

    expect(run(dir, "downgrade", "-1")).toContain("Running downgrade aaaa00000002 -> aaaa00000001, add bio");
    expect(await columnsOf(dir, "users")).not.toContain("bio");
    expect(run(dir, "current").trim()).toBe("aaaa00000001");

    // Offline: the whole history as one SQL script, without touching the database.
    const sql = run(dir, "upgrade", "head", "--sql");
    expect(sql).toContain('CREATE TABLE "users"');
    expect(sql).toContain('CREATE INDEX "posts_published_idx" ON "posts" ("published_at") WHERE "published_at" is not null');
  });
});

describe.skipIf(!existsSync(join(ROOT, "dist", "adapters", "drizzle", "index.js")))("the athanor/drizzle entry point", () => {
  const schemaModule = `
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
export const notes = sqliteTable("notes", { id: integer("id").primaryKey(), body: text("body").notNull() });
`;

  test("plain Node resolves athanor/drizzle through the package exports", () => {
    const dir = tempDir("athanor-drizzle-exports-");
    made.push(dir);
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
    symlinkSync(join(ROOT, "node_modules", "drizzle-orm"), join(dir, "node_modules", "drizzle-orm"), "dir");
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(dir, "schema.js"), schemaModule);
    writeFileSync(
      join(dir, "main.js"),
      'import { fromDrizzle } from "athanor/drizzle";\nimport * as schema from "./schema.js";\nconsole.log(JSON.stringify(fromDrizzle(schema)));\n',
    );
    const result = spawnSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      tables: [
        {
          name: "notes",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false },
            { name: "body", type: { kind: "text" }, nullable: false },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [],
          uniques: [],
          checks: [],
          indexes: [],
        },
      ],
      enums: [],
    });
  });

  test("when athanor cannot load drizzle-orm, the error is one line naming the package", () => {
    // athanor's built files alone, where no drizzle-orm can be found from them or from the working directory.
    const copy = tempDir("athanor-without-drizzle-");
    made.push(copy);
    cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
    writeFileSync(join(copy, "package.json"), '{ "type": "module" }\n');
    const app = tempDir("athanor-drizzle-app-");
    made.push(app);
    mkdirSync(join(app, "node_modules"));
    symlinkSync(join(ROOT, "node_modules", "drizzle-orm"), join(app, "node_modules", "drizzle-orm"), "dir");
    writeFileSync(join(app, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(app, "schema.js"), schemaModule);
    const cwd = tempDir("athanor-drizzle-cwd-");
    made.push(cwd);
    const script = `
const { fromDrizzle } = await import(${JSON.stringify(join(copy, "dist", "adapters", "drizzle", "index.js"))});
const schema = await import(${JSON.stringify(join(app, "schema.js"))});
try { fromDrizzle(schema); } catch (error) { console.log(error.oneLine()); }
`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("athanor/drizzle needs the package drizzle-orm, which is not installed (npm install drizzle-orm)");
  });
});
