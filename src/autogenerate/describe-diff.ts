import type { ColumnType, ServerDefault } from "../schema/model.js";
import type { SchemaDiff } from "./compare/types.js";

function qualified(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

function typeText(type: ColumnType | undefined): string {
  if (type === undefined) return "?";
  switch (type.kind) {
    case "numeric":
      return type.precision === undefined ? "numeric" : `numeric(${type.precision}${type.scale === undefined ? "" : `, ${type.scale}`})`;
    case "float":
      return type.precision === undefined ? "float" : `float(${type.precision})`;
    case "string":
    case "char":
    case "binary":
      return type.length === undefined ? type.kind : `${type.kind}(${type.length})`;
    case "time":
    case "timestamp":
      return `${type.kind}${type.precision === undefined ? "" : `(${type.precision})`}${type.withTimezone ? " with time zone" : ""}`;
    case "enum":
      return `enum ${type.name}(${type.values.join(", ")})`;
    case "array":
      return `${typeText(type.of)}[]`;
    case "custom":
      return type.sql;
    default:
      return type.kind;
  }
}

function defaultText(value: ServerDefault | null | undefined): string {
  if (value === null || value === undefined) return "none";
  return value.kind === "sql" ? value.sql : JSON.stringify(value.value);
}

/**
 * One line describing a difference between the declared schema and the
 * database, as `check` lists them.
 *
 * @example
 * ```ts
 * describeDiff({ kind: "removeColumn", table: "users", column }); // "remove column users.age"
 * ```
 */
export function describeDiff(diff: SchemaDiff): string {
  switch (diff.kind) {
    case "addTable":
      return `add table ${qualified(diff.table.schema, diff.table.name)}`;
    case "removeTable":
      return `remove table ${qualified(diff.table.schema, diff.table.name)}`;
    case "renameTable":
      return `rename table ${qualified(diff.schema, diff.from)} to ${diff.to}`;
    case "addColumn":
      return `add column ${qualified(diff.schema, diff.table)}.${diff.column.name}`;
    case "removeColumn":
      return `remove column ${qualified(diff.schema, diff.table)}.${diff.column.name}`;
    case "renameColumn":
      return `rename column ${qualified(diff.schema, diff.table)}.${diff.from} to ${diff.to}`;
    case "modifyColumn": {
      const c = diff.changes;
      const e = diff.existing;
      const parts: string[] = [];
      if (c.type !== undefined) parts.push(`type ${typeText(e.type)} -> ${typeText(c.type)}`);
      if (c.nullable !== undefined) parts.push(`nullable ${String(e.nullable ?? !c.nullable)} -> ${String(c.nullable)}`);
      if (c.serverDefault !== undefined) parts.push(`default ${defaultText(e.serverDefault)} -> ${defaultText(c.serverDefault)}`);
      if (c.comment !== undefined) parts.push(`comment ${JSON.stringify(e.comment ?? null)} -> ${JSON.stringify(c.comment)}`);
      if (c.autoincrement !== undefined) parts.push(`autoincrement ${String(e.autoincrement ?? !c.autoincrement)} -> ${String(c.autoincrement)}`);
      if (c.collation !== undefined) parts.push(`collation ${e.collation ?? "default"} -> ${c.collation ?? "default"}`);
      if (c.onUpdate !== undefined) parts.push(`on update ${e.onUpdate ?? "none"} -> ${c.onUpdate ?? "none"}`);
      if (c.identity !== undefined) parts.push(`identity ${e.identity ? JSON.stringify(e.identity) : "none"} -> ${c.identity ? JSON.stringify(c.identity) : "none"}`);
      if (c.newName !== undefined) parts.push(`name -> ${c.newName}`);
      return `modify column ${qualified(diff.schema, diff.table)}.${diff.column}: ${parts.join("; ") || "changed"}`;
    }
    case "addIndex":
      return `add ${diff.index.unique ? "unique " : ""}index ${diff.index.name} on ${qualified(diff.schema, diff.table)}`;
    case "removeIndex":
      return `remove ${diff.index.unique ? "unique " : ""}index ${diff.index.name} on ${qualified(diff.schema, diff.table)}`;
    case "addConstraint":
      return `add ${constraintWord(diff.constraint.type)} ${diff.constraint.name ?? "(unnamed)"} on ${qualified(diff.schema, diff.table)}`;
    case "removeConstraint":
      return `remove ${constraintWord(diff.constraint.type)} ${diff.constraint.name} on ${qualified(diff.schema, diff.table)}`;
    case "tableComment":
      return `${diff.comment === null ? "remove" : "set"} comment of table ${qualified(diff.schema, diff.table)}`;
    case "tableOptions":
      return `set ${Object.entries(diff.options).flatMap(([dialect, bag]) => Object.entries(bag).map(([k, v]) => `${dialect} ${k} ${String(v)}`)).join(", ")} of table ${qualified(diff.schema, diff.table)}`;
    case "addEnum":
      return `add enum ${qualified(diff.enum.schema, diff.enum.name)}`;
    case "removeEnum":
      return `remove enum ${qualified(diff.enum.schema, diff.enum.name)}`;
    case "operation":
      return diff.description;
    case "addView":
      return `add ${diff.view.materialized === true ? "materialized view" : "view"} ${qualified(diff.view.schema, diff.view.name)}`;
    case "removeView":
      return `remove ${diff.view.materialized === true ? "materialized view" : "view"} ${qualified(diff.view.schema, diff.view.name)}`;
    case "replaceView":
      return `replace view ${qualified(diff.view.schema, diff.view.name)}: ${diff.changes.join(", ")} changed`;
    case "rebuildView":
      return `drop and create view ${qualified(diff.view.schema, diff.view.name)} again around changes to ${diff.because}`;
    case "addEnumValue":
      return `add value ${JSON.stringify(diff.value)} to enum ${qualified(diff.schema, diff.name)}`;
    case "rowLevelSecurity": {
      const state = (s: { enabled: boolean; force: boolean }): string => (s.enabled ? (s.force ? "enabled, forced" : "enabled") : s.force ? "forced, not enabled" : "off");
      return `row-level security of ${qualified(diff.schema, diff.table)}: ${state(diff.existing)} -> ${state(diff)}`;
    }
    case "addPolicy":
      return `add policy ${diff.policy.name} on ${qualified(diff.schema, diff.table)}`;
    case "removePolicy":
      return `remove policy ${diff.policy.name} on ${qualified(diff.schema, diff.table)}`;
    case "addSequence":
      return `add sequence ${qualified(diff.sequence.schema, diff.sequence.name)}`;
    case "removeSequence":
      return `remove sequence ${qualified(diff.sequence.schema, diff.sequence.name)}`;
    case "alterSequence":
      return `alter sequence ${qualified(diff.schema, diff.name)}: ${Object.keys(diff.changes)
        .map((k) => `${k} ${JSON.stringify((diff.existing as Record<string, unknown>)[k] ?? null)} -> ${JSON.stringify((diff.changes as Record<string, unknown>)[k] ?? null)}`)
        .join("; ")}`;
  }
  return (diff as { kind: string }).kind;
}

function constraintWord(type: "primary" | "foreignkey" | "unique" | "check" | "exclude"): string {
  return { primary: "primary key", foreignkey: "foreign key", unique: "unique constraint", check: "check constraint", exclude: "exclusion constraint" }[type];
}
