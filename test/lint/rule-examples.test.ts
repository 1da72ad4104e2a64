// docs/lint-rules.md shows, for every lint rule, a revision that triggers it and
// the same revision fixed. Each block is linted here as a revision of its own.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { Config } from "../../src/config/index.js";
import { lintRules } from "../../src/lint/rules/index.js";
import { UNREACHABLE, type DialectName } from "./helpers.js";

const page = readFileSync(new URL("../../docs/lint-rules.md", import.meta.url), "utf8");
const blocks = [...page.matchAll(/```ts lint:([a-z-]+):(triggers|fixed):(sqlite|postgresql|mysql)\n([\s\S]*?)```/g)].map((m) => ({
  rule: m[1]!,
  kind: m[2]! as "triggers" | "fixed",
  dialect: m[3]! as DialectName,
  body: m[4]!,
}));

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project of one revision made of the block, as the page describes its blocks. */
function revisionOf(body: string, dialect: DialectName): Config {
  const dir = mkdtempSync(join(tmpdir(), "athanor-lint-example-"));
  dirs.push(dir);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  const lines = body.split("\n");
  const top = lines.filter((line) => line.startsWith("export const "));
  const rest = lines.filter((line) => !line.startsWith("export const "));
  const split = rest.indexOf("// downgrade()");
  const upgrade = split < 0 ? rest : rest.slice(0, split);
  const downgrade = split < 0 ? [] : rest.slice(split + 1);
  const irreversible = split < 0 ? 'export const irreversible = "an example of one operation";\n' : "";
  writeFileSync(
    join(dir, "migrations", "versions", "e1_example.ts"),
    `/**\n * example\n *\n * Revision ID: e1\n * Revises:\n */\nimport type { Operations } from "athanor";\n\nexport const revision = "e1";\nexport const downRevision = null;\n${top.join("\n")}\n${irreversible}\nexport async function upgrade(op: Operations): Promise<void> {\n${upgrade.join("\n")}\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n${downgrade.join("\n")}\n}\n`,
  );
  return Config.from({ scriptLocation: "migrations", url: UNREACHABLE[dialect] }, { baseDir: dir });
}

describe("docs/lint-rules.md", () => {
  it("has an example pair for every rule but the one that reads a database", () => {
    const withExamples = new Set(blocks.map((b) => `${b.rule}:${b.kind}`));
    const missing = lintRules
      .filter((rule) => rule.id !== "non-linear-history")
      .flatMap((rule) => ["triggers", "fixed"].filter((kind) => !withExamples.has(`${rule.id}:${kind}`)).map((kind) => `${rule.id} ${kind}`));
    expect(missing).toEqual([]);
    for (const rule of lintRules) expect(page, rule.id).toContain(`### \`${rule.id}\``);
  });

  it.each(blocks.map((b) => [`${b.rule} ${b.kind} (${b.dialect})`, b] as const))("%s", async (_name, block) => {
    const result = await command.lint(revisionOf(block.body, block.dialect), { dialect: block.dialect });
    const rules = result.findings.map((f) => f.rule);
    if (block.kind === "triggers") expect(rules).toContain(block.rule);
    else expect(rules).not.toContain(block.rule);
    // a fixed example is no worse than a warning (an info finding of raw SQL may stay)
    if (block.kind === "fixed") expect(result.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
