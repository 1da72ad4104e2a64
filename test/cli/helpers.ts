// Running the built `athanor` as a user would, in throw-away project folders.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into lines, without the final empty one. */
  readonly lines: string[];
}

/** Run `athanor ...args` in `cwd`; colours off, no ATHANOR_CONFIG from outside. */
export function athanor(cwd: string, ...args: string[]): RunResult {
  return athanorWithEnv(cwd, {}, ...args);
}

/** Run `athanor ...args` in `cwd` with extra environment variables. */
export function athanorWithEnv(cwd: string, extra: NodeJS.ProcessEnv, ...args: string[]): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  delete env["EDITOR"];
  delete env["VISUAL"];
  Object.assign(env, extra);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8" });
  const stdout = result.stdout ?? "";
  return {
    code: result.status,
    stdout,
    stderr: result.stderr ?? "",
    lines: stdout.replace(/\n$/, "").split("\n").filter((_, i, all) => all.length > 1 || all[0] !== ""),
  };
}

/** Run and require exit code 0, returning stdout lines. */
export function ok(cwd: string, ...args: string[]): RunResult {
  const result = athanor(cwd, ...args);
  if (result.code !== 0) {
    throw new Error(`athanor ${args.join(" ")} exited ${result.code}\n${result.stderr}${result.stdout}`);
  }
  return result;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * An empty project folder in which `import ... from "athanor"` resolves to this
 * package, as it would after `npm install athanor`.
 */
export function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "athanor-cli-"));
  made.push(dir);
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
  return dir;
}

/** A project with a plain config and an empty versions folder (no `init`). */
export function bareProject(): string {
  const dir = projectDir();
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations" };\n`);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "migrations", "env.ts"), "export {};\n");
  return dir;
}

export interface RevisionSpec {
  readonly revision: string;
  readonly downRevision?: string | string[] | null;
  readonly branchLabels?: string[] | null;
  readonly dependsOn?: string[] | null;
  readonly message?: string;
}

const literal = (value: unknown): string => (value === undefined ? "null" : JSON.stringify(value));

/** Write one revision file by hand into `migrations/versions`. Returns its path. */
export function writeRevision(dir: string, spec: RevisionSpec, body?: string): string {
  const message = spec.message ?? `revision ${spec.revision}`;
  const down = spec.downRevision ?? null;
  const text =
    body ??
    `/**
 * ${message}
 *
 * Revision ID: ${spec.revision}
 * Revises: ${Array.isArray(down) ? down.join(", ") : (down ?? "")}
 * Create Date: 2026-11-21 10:00:00.000000
 */
export const revision = ${literal(spec.revision)};
export const downRevision: string | string[] | null = ${literal(down)};
export const branchLabels: string[] | null = ${literal(spec.branchLabels ?? null)};
export const dependsOn: string[] | null = ${literal(spec.dependsOn ?? null)};

export async function upgrade(): Promise<void> {}
export async function downgrade(): Promise<void> {}
`;
  const path = join(dir, "migrations", "versions", `${spec.revision}_${message.replace(/\W+/g, "_")}.ts`);
  writeFileSync(path, text);
  return path;
}

/** File names in `migrations/versions`. */
export function versionFiles(dir: string): string[] {
  return readdirSync(join(dir, "migrations", "versions")).filter((f) => !f.startsWith("."));
}

/** Assert the shape of a bad-input failure: exit 1, nothing on stdout, one line on stderr. */
export function expectOneLineError(result: RunResult): string {
  const lines = result.stderr.replace(/\n$/, "").split("\n");
  if (result.code !== 1 || lines.length !== 1 || !lines[0]!.startsWith("athanor: ") || result.stdout !== "") {
    throw new Error(
      `expected exit 1 and one line on stderr, got exit ${result.code}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout}`,
    );
  }
  return lines[0]!;
}
