import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Config, type AthanorConfigInput } from "../../src/config/index.js";
import { ScriptDirectory } from "../../src/script/index.js";

/** A temporary project: a migrations folder with the built-in template and a versions folder. */
export function tempProject(input: Partial<AthanorConfigInput> = {}): { dir: string; config: Config } {
  const dir = mkdtempSync(join(tmpdir(), "athanor-script-"));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(dir, "migrations", "script.ts.tmpl"),
    readFileSync(join(import.meta.dirname, "../../templates/generic/script.ts.tmpl"), "utf8"),
  );
  const config = Config.from({ scriptLocation: "migrations", ...input }, { baseDir: dir });
  return { dir, config };
}

/** Write a minimal revision file. */
export function writeRevision(
  path: string,
  revision: string,
  downRevision: string | string[] | null,
  extra: { branchLabels?: string[]; dependsOn?: string[]; doc?: string } = {},
): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `/**\n * ${extra.doc ?? `revision ${revision}`}\n */\n` +
      `export const revision = ${JSON.stringify(revision)};\n` +
      `export const downRevision = ${JSON.stringify(downRevision)};\n` +
      `export const branchLabels = ${JSON.stringify(extra.branchLabels ?? null)};\n` +
      `export const dependsOn = ${JSON.stringify(extra.dependsOn ?? null)};\n` +
      `export async function upgrade(op) {}\nexport async function downgrade(op) {}\n`,
  );
}

export const scriptsOf = (config: Config): Promise<ScriptDirectory> => ScriptDirectory.fromConfig(config);
