// Revisions written by hand into a throw-away project, for `athanor lint`.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { athanor, projectDir, type RunResult } from "../cli/helpers.js";

/** URLs of servers that do not exist: lint must never connect. */
export const UNREACHABLE = {
  sqlite: "sqlite:////nonexistent-dir/h9/lint.db",
  postgresql: "postgresql://postgres@127.0.0.1:1/h9_lint_unreachable",
  mysql: "mysql://root@127.0.0.1:1/h9_lint_unreachable",
} as const;

export type DialectName = keyof typeof UNREACHABLE;

export interface LintRevision {
  readonly id: string;
  readonly upgrade: string;
  readonly downgrade?: string;
  /** Extra top-level lines (exports, comments). */
  readonly head?: string;
  /** Declare `irreversible` (default true, so an empty downgrade is no finding). */
  readonly irreversible?: boolean;
}

/** A project at `url` whose revisions form one chain, in the order given. */
export function lintProject(url: string, revisions: readonly LintRevision[]): string {
  const dir = projectDir();
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(url)} };\n`);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "migrations", "env.ts"), "export {};\n");
  writeRevisions(dir, revisions);
  return dir;
}

/** Write revisions chained after `after` (null: the first is a base). */
export function writeRevisions(dir: string, revisions: readonly LintRevision[], after: string | null = null): void {
  let down = after;
  for (const rev of revisions) {
    const text = `/**
 * ${rev.id}
 *
 * Revision ID: ${rev.id}
 * Revises: ${down ?? ""}
 * Create Date: 2026-12-01 10:00:00.000000
 */
import type { Operations } from "athanor";

export const revision = ${JSON.stringify(rev.id)};
export const downRevision: string | null = ${JSON.stringify(down)};
export const branchLabels = null;
export const dependsOn = null;
${rev.irreversible === false ? "" : 'export const irreversible = "written for a test";\n'}${rev.head ?? ""}
export async function upgrade(op: Operations): Promise<void> {
${rev.upgrade}
}

export async function downgrade(op: Operations): Promise<void> {
${rev.downgrade ?? ""}
}
`;
    writeFileSync(join(dir, "migrations", "versions", `${rev.id}_rev.ts`), text);
    down = rev.id;
  }
}

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly revision: string;
  readonly operation: Record<string, string> | null;
  readonly message: string;
  readonly fix: string;
}

/** `athanor lint --json ...args`: the document and the run. */
export function lintJson(dir: string, ...args: string[]): { findings: JsonFinding[]; revisions: string[]; run: RunResult } {
  const run = athanor(dir, "lint", "--json", ...args);
  if (run.code !== 0 && run.code !== 1) throw new Error(`athanor lint exited ${run.code}\n${run.stderr}${run.stdout}`);
  const doc = JSON.parse(run.stdout) as { findings: JsonFinding[]; revisions: string[] };
  return { ...doc, run };
}

/** The rule ids found per revision, sorted. */
export function rulesByRevision(findings: readonly JsonFinding[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const f of findings) map.set(f.revision, [...(map.get(f.revision) ?? []), f.rule].sort());
  return map;
}
