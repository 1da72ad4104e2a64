#!/usr/bin/env node
// A walk through athanor in a fresh folder with SQLite and nothing else installed:
// init, two revisions, upgrade, current, history, downgrade. Prints each command
// and its output; exits non-zero as soon as a step fails.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin", "athanor.js");
const dir = mkdtempSync(join(tmpdir(), "athanor-demo-"));
const keep = process.argv.includes("--keep");

// What `npm install athanor` would give the project: the package under node_modules.
mkdirSync(join(dir, "node_modules"));
symlinkSync(root, join(dir, "node_modules", "athanor"), "dir");

function athanor(...args) {
  process.stdout.write(`\n$ athanor ${args.join(" ")}\n`);
  const env = { ...process.env, DATABASE_URL: "sqlite:///app.db" };
  delete env.ATHANOR_CONFIG;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: "utf8" });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  if (result.status !== 0) {
    process.stderr.write(`\ndemo failed: \`athanor ${args.join(" ")}\` exited with ${result.status ?? result.signal}\n`);
    finish(1);
  }
  return result.stdout;
}

function fillRevision(message, upgrade, downgrade) {
  const versions = join(dir, "migrations", "versions");
  const file = readdirSync(versions)
    .map((name) => join(versions, name))
    .find((path) => readFileSync(path, "utf8").includes(` * ${message}\n`));
  if (!file) {
    process.stderr.write(`demo failed: no revision file for "${message}"\n`);
    finish(1);
  }
  let text = readFileSync(file, "utf8");
  text = text.replace(/(export async function upgrade\(op: Operations\): Promise<void> \{)[\s\S]*?\n\}/, `$1\n  ${upgrade}\n}`);
  text = text.replace(/(export async function downgrade\(op: Operations\): Promise<void> \{)[\s\S]*?\n\}/, `$1\n  ${downgrade}\n}`);
  writeFileSync(file, text);
  process.stdout.write(`\n# wrote upgrade() and downgrade() of ${file.slice(dir.length + 1)}\n`);
}

function finish(code) {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else process.stdout.write(`\n(project kept in ${dir})\n`);
  process.exit(code);
}

process.stdout.write(`athanor demo in ${dir}\n`);
athanor("init", "migrations");
athanor("revision", "-m", "create users");
fillRevision(
  "create users",
  `await op.createTable("users", {
    id: op.column.integer().primaryKey(),
    name: op.column.string(100).notNull(),
  });`,
  `await op.dropTable("users");`,
);
athanor("revision", "-m", "add email to users");
fillRevision(
  "add email to users",
  `await op.addColumn("users", op.column("email", op.type.string(255)));
  await op.bulkInsert("users", [{ id: 1, name: "Ada", email: "ada@example.com" }]);`,
  `await op.dropColumn("users", "email");`,
);
athanor("upgrade", "head", "--sql");
athanor("upgrade", "head");
athanor("current");
athanor("history", "--indicate-current");
athanor("downgrade", "base");
athanor("current");
process.stdout.write("\ndemo finished: every step succeeded\n");
finish(0);
