/**
 * Declared schemas taken through rendered revisions on a live database:
 * autogenerate → revision file → upgrade → compare empty; a changed schema is
 * detected, upgraded and compares empty; the downgrade gives the catalog back
 * exactly as it was.
 */
import { expect } from "vitest";
import { compareMetadata, produceMigrations, type CompareMetadataOptions } from "../../src/command/autogenerate-project.js";
import { renderBody } from "../../src/autogenerate/render/index.js";
import * as command from "../../src/command/index.js";
import type { SchemaDiff } from "../../src/autogenerate/compare/index.js";
import type { CompareWarning } from "../../src/autogenerate/compare/index.js";
import type { TargetMetadata } from "../../src/schema/target-metadata.js";
import type { Table } from "../../src/schema/model.js";
import type { Project } from "../runtime/project.js";
import { historyTableBeside } from "../../src/dialects/version-table.js";

export function onlyOurs(p: Project, warnings?: CompareWarning[]): CompareMetadataOptions {
  return {
    includeName: (name, type) => !["table", "enum", "sequence", "view"].includes(type) || name.startsWith(p.prefix),
    versionTable: p.versionTable,
    ...(warnings ? { onWarning: (w: CompareWarning) => warnings.push(w) } : {}),
  };
}

const indent = (text: string): string => text.split("\n").map((line) => `  ${line}`).join("\n");

/** Autogenerate one revision against the project's database and write it; returns the rendered upgrade and downgrade. */
export async function generate(p: Project, id: string, down: string | null, metadata: TargetMetadata): Promise<{ upgrade: string; downgrade: string }> {
  const db = await p.db();
  const produced = await produceMigrations(db, metadata, onlyOurs(p));
  const upgrade = renderBody(produced.upgradeOps, { dialect: p.dialect }).upgrades;
  const downgrade = renderBody(produced.downgradeOps, { dialect: p.dialect }).upgrades;
  p.write({ id, down, upgrade: indent(upgrade), downgrade: indent(downgrade) });
  return { upgrade, downgrade };
}

/** The project's own tables as the database reads them back (not the version table, nor the history table beside it). */
export async function catalog(p: Project): Promise<Table[]> {
  const db = await p.db();
  const model = await db.dialect.reflect(db, {});
  const history = historyTableBeside(p.versionTable);
  return model.tables.filter((t) => t.name.startsWith(p.prefix) && t.name !== p.versionTable && t.name !== history);
}

export async function diffs(p: Project, metadata: TargetMetadata): Promise<SchemaDiff[]> {
  return compareMetadata(await p.db(), metadata, onlyOurs(p));
}

/**
 * first → upgrade → empty; second detected (its diffs returned) → upgrade →
 * empty → a third autogenerate finds nothing; downgrade → catalog as after
 * first; downgrade to base → nothing left.
 */
export async function roundTrip(
  p: Project,
  first: TargetMetadata,
  second: TargetMetadata,
  /** Runs after the second upgrade, before the downgrade (to read the catalog then). */
  upgraded?: () => Promise<void>,
): Promise<{ detected: SchemaDiff[]; code: string; downgradeCode: string }> {
  const config = p.config();
  await generate(p, "rt0001", null, first);
  await command.upgrade(config, "head");
  expect(await diffs(p, first)).toEqual([]);
  const before = await catalog(p);

  const detected = await diffs(p, second);
  expect(detected.length).toBeGreaterThan(0);
  const { upgrade: code, downgrade: downgradeCode } = await generate(p, "rt0002", "rt0001", second);
  await command.upgrade(config, "head");
  expect(await diffs(p, second)).toEqual([]);
  await upgraded?.();

  await command.downgrade(config, "rt0001");
  expect(await catalog(p)).toEqual(before);
  expect(await diffs(p, first)).toEqual([]);
  await command.downgrade(config, "base");
  expect(await catalog(p)).toEqual([]);
  return { detected, code, downgradeCode };
}
