// Every page of docs/ is followed as a reader would: the files it shows are
// written, the commands of its console blocks run in a fresh project on each
// database the page names, and the output it shows must be there. Every
// `op.…` call and every `athanor <command> --option` the pages name must exist.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { Operations } from "../../src/operations/index.js";
import { athanor, projectDir } from "../cli/helpers.js";
import { uniqueDatabaseName } from "../dialects/helpers.js";
import { liveDialects, serverUrls, type DialectName } from "../support/servers.js";
import { firstMissing, readPage } from "./markdown-scenes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DOCS = join(ROOT, "docs");
const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md")).sort();

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A fresh database of its own on the server; for SQLite a file name in the project. */
async function freshDatabase(dialect: DialectName, file: string): Promise<string> {
  if (dialect === "sqlite") return `sqlite:///${file}`;
  const admin = await connect(serverUrls[dialect]);
  const name = uniqueDatabaseName("docs");
  const quoted = dialect === "mysql" ? `\`${name}\`` : `"${name}"`;
  await admin.execute(`CREATE DATABASE ${quoted}`);
  cleanups.push(async () => {
    try {
      if (dialect === "postgresql") await admin.execute(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      else await admin.execute(`DROP DATABASE IF EXISTS ${quoted}`);
    } finally {
      await admin.close();
    }
  });
  const url = new URL(serverUrls[dialect]);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.each(pages)("docs/%s", (page) => {
  const markdown = readFileSync(join(DOCS, page), "utf8");
  const { databases, steps } = readPage(markdown);
  const targets = liveDialects().filter((d) => databases.includes(d));

  it.each(targets.length > 0 ? targets : ["(not a walkthrough)"])("runs as written on %s", { timeout: 600_000 }, async (dialect) => {
    if (databases.length === 0) return;
    const dir = projectDir();
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(join(ROOT, "bin", "athanor.js"), join(dir, "node_modules", ".bin", "athanor"));
    // what the pages ask the reader to install beside athanor
    for (const pkg of ["pg", "mysql2", "drizzle-orm", "vitest"]) symlinkSync(join(ROOT, "node_modules", pkg), join(dir, "node_modules", pkg), "dir");
    const env = {
      ...process.env,
      PATH: `${join(dir, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
      DATABASE_URL: await freshDatabase(dialect as DialectName, "app.db"),
      STAGING_DATABASE_URL: await freshDatabase(dialect as DialectName, "staging.db"),
      NO_COLOR: "1",
      npm_config_yes: "true",
    };
    for (const step of steps) {
      if (step.only !== undefined && !step.only.includes(dialect)) continue;
      if (step.kind === "file") {
        mkdirSync(dirname(join(dir, step.path)), { recursive: true });
        writeFileSync(join(dir, step.path), step.content);
        continue;
      }
      // `npx athanor` finds the project's own athanor (node_modules/.bin), which is what runs here without npx's start-up
      const command = step.command.replace(/\bnpx athanor\b/g, "athanor");
      const run = spawnSync("bash", ["-c", `${command} 2>&1`], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
      const where = `docs/${page}:${step.line} on ${dialect}: $ ${step.command}\n${run.stdout}`;
      expect(run.status, where).toBe(step.exitCode);
      expect(firstMissing(step.expected, run.stdout), where).toBeUndefined();
    }
  });

  it("names only op calls that exist", () => {
    // camelCase names only: snake_case ones are Alembic's, quoted beside them
    const named = new Set([...markdown.matchAll(/\bop\.([a-z][A-Za-z]*)(?!\w)/g)].map((m) => m[1]!));
    // operations a page registers itself (registerOperation({ name: "createReportView", ... }))
    const registered = new Set([...markdown.matchAll(/\b(?:name|method): "([a-zA-Z]+)"/g)].map((m) => m[1]!));
    const missing = [...named].filter((name) => !registered.has(name) && Object.getOwnPropertyDescriptor(Operations.prototype, name) === undefined);
    expect(missing).toEqual([]);
  });

  it("names only command functions that exist", async () => {
    const command = await import("../../src/command/index.js");
    const named = new Set([...markdown.matchAll(/\bcommand\.([a-zA-Z]+)\(/g)].map((m) => m[1]!));
    expect([...named].filter((name) => typeof (command as Record<string, unknown>)[name] !== "function")).toEqual([]);
  });

  it("names only command options that exist", () => {
    const uses = [...markdown.matchAll(/(?:`|\$ |npx )athanor(?: -[a-z] \S+)* ([a-z][a-z-]*)((?: [^`\n|]*)?)/g)];
    const byCommand = new Map<string, Set<string>>();
    for (const [, command, rest] of uses) {
      if (command === undefined) continue;
      const options = byCommand.get(command) ?? new Set<string>();
      for (const option of (rest ?? "").matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)) options.add(option[1]!);
      byCommand.set(command, options);
    }
    const problems: string[] = [];
    const dir = projectDir();
    for (const [command, options] of byCommand) {
      const help = athanor(dir, command, "--help");
      if (help.code !== 0) {
        problems.push(`athanor ${command}: not a command`);
        continue;
      }
      const global = athanor(dir, "--help").stdout;
      for (const option of options) if (!help.stdout.includes(option) && !global.includes(option)) problems.push(`athanor ${command} ${option}`);
    }
    expect(problems).toEqual([]);
  });
});
