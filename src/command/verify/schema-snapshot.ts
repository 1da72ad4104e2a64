/**
 * The schema of a database as verify compares it: the reflected catalog
 * (tables with their columns, keys, constraints and indexes; enums, sequences,
 * views, and what the model does not carry, such as triggers), one entry per
 * object, athanor's own tables left out. Two snapshots are equal when every
 * entry is; their difference is told one object per line.
 */
import type { Connection } from "../../dialects/contract/index.js";

/** One database's schema: object key (`table users`, `enum mood`) → its JSON text. */
export type SchemaSnapshot = ReadonlyMap<string, string>;

function qualified(name: string, schema: string | undefined): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

function text(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));
}

/**
 * Read the schema of `connection`'s database, leaving out the tables named in
 * `ignoreTables` (the version table and athanor's history table).
 *
 * @example
 * ```ts
 * const before = await schemaSnapshot(connection, ["athanor_version"]);
 * ```
 */
export async function schemaSnapshot(connection: Connection, ignoreTables: readonly string[]): Promise<SchemaSnapshot> {
  const model = await connection.dialect.reflect(connection);
  const ignored = new Set(ignoreTables.map((name) => name.toLowerCase()));
  const entries: [string, string][] = [];
  for (const table of model.tables) {
    if (ignored.has(table.name.toLowerCase())) continue;
    entries.push([`table ${qualified(table.name, table.schema)}`, text(table)]);
  }
  for (const e of model.enums) entries.push([`enum ${qualified(e.name, e.schema)}`, text(e)]);
  for (const s of model.sequences ?? []) entries.push([`sequence ${qualified(s.name, s.schema)}`, text(s)]);
  for (const v of model.views ?? []) entries.push([`view ${qualified(v.name, v.schema)}`, text(v)]);
  for (const o of model.notModelled ?? []) {
    const object = o as unknown as Record<string, unknown>;
    const table = typeof object["table"] === "string" ? ` on ${object["table"]}` : "";
    entries.push([`${String(object["kind"] ?? "object")} ${String(object["name"] ?? "")}${table}`, text(o)]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(entries);
}

/** What differs inside one table entry: the columns by name, the rest by property. */
function tableChanges(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  const parts: string[] = [];
  const columns = (t: Record<string, unknown>): Map<string, string> =>
    new Map(((t["columns"] as { name: string }[] | undefined) ?? []).map((c) => [c.name, text(c)]));
  const ca = columns(a);
  const cb = columns(b);
  for (const [name, value] of cb) {
    if (!ca.has(name)) parts.push(`column ${name} added`);
    else if (ca.get(name) !== value) parts.push(`column ${name} changed`);
  }
  for (const name of ca.keys()) if (!cb.has(name)) parts.push(`column ${name} removed`);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === "columns") continue;
    if (text(a[key]) !== text(b[key])) parts.push(`${key} changed`);
  }
  return parts.join(", ");
}

/**
 * One line per object that differs between two snapshots, e.g.
 * `table users: column nickname added`, `table audit: only after`.
 *
 * @example
 * ```ts
 * const lines = describeSnapshotChanges(before, after, { before: "before upgrade", after: "after downgrade" });
 * ```
 */
export function describeSnapshotChanges(
  before: SchemaSnapshot,
  after: SchemaSnapshot,
  labels: { readonly before: string; readonly after: string } = { before: "before", after: "after" },
): string[] {
  const lines: string[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) lines.push(`${key}: only ${labels.after}`);
    else if (old !== value) lines.push(`${key}: ${key.startsWith("table ") ? tableChanges(old, value) || "changed" : "changed"}`);
  }
  for (const key of before.keys()) if (!after.has(key)) lines.push(`${key}: only ${labels.before}`);
  return lines;
}
