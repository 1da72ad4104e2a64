// env.ts's autogenerate hooks as `command.revision(config, { autogenerate: true })`
// and `command.check` use them: processRevisionDirectives, renderItem,
// renderAsBatch, renames, the rename prompt, and the compareMetadata /
// produceMigrations API.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import type { RenameCandidate } from "../../src/autogenerate/compare/types.js";
import * as command from "../../src/command/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { ColumnBuilder } from "../../src/schema/index.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/**
 * env.ts reads the declared schema from a global the test sets, so that one
 * process can change it between commands (modules, once imported, stay cached).
 */
function setUp(env: string, columns: Record<string, ColumnBuilder> = { label: column.string(50) }): Project {
  const p = createProject("sqlite");
  projects.push(p);
  p.writeEnv(`const declared = () => globalThis[${JSON.stringify(key(p))}];\n${env}`);
  writeSchema(p, columns);
  return p;
}

function key(p: Project): string {
  return `athanorTestSchema_${p.prefix}`;
}

function writeSchema(p: Project, columns: Record<string, ColumnBuilder>): MetaData {
  const metadata = new MetaData();
  metadata.table(`${p.prefix}_items`, { id: column.integer().primaryKey(), ...columns });
  (globalThis as Record<string, unknown>)[key(p)] = metadata;
  return metadata;
}

function revisionText(p: Project, path: string): string {
  expect(readdirSync(join(p.dir, "migrations", "versions")).length).toBeGreaterThan(0);
  return readFileSync(path, "utf8");
}

describe("env.ts hooks", () => {
  it("processRevisionDirectives edits the operations before rendering; renderItem renders items its own way", async () => {
    const p = setUp(`export default {
  get targetMetadata() { return declared(); },
  processRevisionDirectives(directive) {
    directive.upgradeOps.push({ kind: "execute", sql: "SELECT " + JSON.stringify(directive.message) + " AS note", reverse() { throw new Error("no"); } });
  },
  renderItem(kind, item) {
    if (kind === "type" && item.kind === "string") return "op.type.string(" + item.length + ") /* sized */";
    return false;
  },
};
`);
    const config = p.config();
    config.attributes["autogenerate"] = { message: "first items" };
    const result = await command.revision(config, { message: "first items", autogenerate: true });
    const text = revisionText(p, result.path);
    expect(text).toContain('op.column("label", op.type.string(50) /* sized */)');
    expect(text).toContain(`await op.execute("SELECT \\"first items\\" AS note");`);
  });

  it("renderAsBatch: false writes plain operations on SQLite; true is the default there", async () => {
    const p = setUp(`export default { get targetMetadata() { return declared(); }, renderAsBatch: false };\n`);
    const config = p.config();
    await command.revision(config, { message: "create", autogenerate: true });
    await command.upgrade(config, "head");
    writeSchema(p, { label: column.string(50), size: column.integer() });
    const plain = await command.revision(config, { message: "plain", autogenerate: true });
    expect(revisionText(p, plain.path)).toContain(`await op.addColumn("${p.prefix}_items", op.column("size", op.type.integer()));`);

    const q = setUp(`export default { get targetMetadata() { return declared(); } };\n`);
    const qConfig = q.config();
    await command.revision(qConfig, { message: "create", autogenerate: true });
    await command.upgrade(qConfig, "head");
    writeSchema(q, { label: column.string(50), size: column.integer() });
    const batch = await command.revision(qConfig, { message: "batch", autogenerate: true });
    expect(revisionText(q, batch.path)).toContain(`await op.batchAlterTable("${q.prefix}_items", (batch) => {`);
  });

  it("renames in env.ts, and the rename prompt's yes, turn a drop and an add into a rename", async () => {
    const p = setUp(`export default { get targetMetadata() { return declared(); }, renames: { columns: { "\${P}_items.label": "title" } } };\n`);
    const config = p.config();
    await command.revision(config, { message: "create", autogenerate: true });
    await command.upgrade(config, "head");
    writeSchema(p, { title: column.string(50) });
    const stated = await command.revision(config, { message: "stated", autogenerate: true });
    const text = revisionText(p, stated.path);
    expect(text).toContain('newName: "title"');
    expect(text).not.toContain("dropColumn");

    const q = setUp(`export default { get targetMetadata() { return declared(); }, renderAsBatch: false };\n`);
    const qConfig = q.config();
    await command.revision(qConfig, { message: "create", autogenerate: true });
    await command.upgrade(qConfig, "head");
    writeSchema(q, { heading: column.string(50) });
    const asked: RenameCandidate[] = [];
    const warnings: string[] = [];
    qConfig.attributes["autogenerate"] = {
      confirmRename: (candidate: RenameCandidate) => {
        asked.push(candidate);
        return true;
      },
      onWarning: (line: string) => warnings.push(line),
    };
    const prompted = await command.revision(qConfig, { message: "prompted", autogenerate: true });
    expect(asked).toEqual([{ kind: "column", table: `${q.prefix}_items`, from: "label", to: "heading" }]);
    expect(revisionText(q, prompted.path)).toContain('newName: "heading"');
    expect(warnings).toEqual([]);
  });

  it("check returns the differences as data; the API compares a connection with a MetaData", async () => {
    const p = setUp(`export default { get targetMetadata() { return declared(); } };\n`);
    const config = p.config();
    const db = await p.db(); // check refuses a SQLite file that does not exist
    const result = await command.check(config);
    expect(result.upToDate).toBe(false);
    expect(result.differences).toEqual([`add table ${p.prefix}_items`]);
    expect(result.upgrades).toMatch(/^await op\.createTable\(/);

    const metadata = (globalThis as Record<string, unknown>)[key(p)] as MetaData;
    const filter = { includeName: (name: string, type: string) => !["table", "view", "sequence"].includes(type) || name.startsWith(p.prefix) };
    const diffs = await compareMetadata(db, metadata, filter);
    expect(diffs.map((d) => d.kind)).toEqual(["addTable"]);
    const produced = await produceMigrations(db, metadata, filter);
    expect(produced.upgradeOps.map((o) => o.kind)).toEqual(["createTable"]);
    expect(produced.downgradeOps.map((o) => o.kind)).toEqual(["dropTable"]);
    expect(await compareMetadata(config, metadata, filter)).toEqual(diffs);
  });
});
