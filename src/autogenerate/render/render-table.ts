import type { CheckConstraint, Column, ExcludeConstraint, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint } from "../../schema/model.js";
import { DIALECT_OPTION_SHORTHANDS } from "../../schema/table.js";
import { array, call, object, raw, str, value } from "./code.js";
import type { Chain, Code } from "./code.js";
import { hook } from "./render-context.js";
import type { RenderState } from "./render-context.js";
import { renderName } from "./render-names.js";
import { renderType } from "./render-type.js";

/**
 * A column as `op.column("name", op.type.x(), { ...options })`, the options
 * giving exactly the model column (`primaryKey: true` when the column alone is
 * an unnamed primary key).
 */
export function renderColumn(column: Column, state: RenderState, inlinePrimaryKey = false): Code {
  const custom = hook(state, "column", column);
  if (custom !== undefined) return raw(custom);
  const options: [string, Code][] = [];
  if (inlinePrimaryKey) options.push(["primaryKey", raw("true")]);
  else if (!column.nullable) options.push(["nullable", raw("false")]);
  const d = column.serverDefault;
  if (d !== undefined) {
    if (d.kind === "sql") options.push(["defaultSql", str(d.sql)]);
    else options.push(["default", value(d.value)]);
  }
  if (column.autoincrement) options.push(["autoincrement", raw("true")]);
  if (column.identity) {
    const { always, ...sequence } = column.identity;
    const given = Object.entries(sequence).filter(([, v]) => v !== undefined);
    options.push(["identity", value({ always, ...Object.fromEntries(given) })]);
  }
  if (column.computed) {
    options.push(["generated", value({ sql: column.computed.sql, ...(column.computed.stored ? {} : { stored: false }) })]);
  }
  if (column.comment !== undefined) options.push(["comment", str(column.comment)]);
  if (column.collation !== undefined) options.push(["collation", str(column.collation)]);
  if (column.onUpdate !== undefined) options.push(["onUpdate", str(column.onUpdate)]);
  const args = [str(column.name), renderType(column.type, state)];
  if (options.length > 0) args.push(object(options));
  return call(`${state.op}.column`, args);
}

function qualifiedTarget(fk: ForeignKey, column: string): string {
  return [fk.refSchema, fk.refTable, column].filter((p) => p !== undefined).join(".");
}

function renderPrimaryKey(pk: PrimaryKey, table: string, state: RenderState): Code {
  const custom = hook(state, "constraint", { type: "primary", ...pk });
  if (custom !== undefined) return raw(custom);
  const entries: [string, Code][] = [];
  if (pk.name !== undefined) entries.push(["name", renderName(pk.name, { kind: "pk", table, columns: pk.columns }, state)]);
  entries.push(["columns", value(pk.columns)]);
  return call(`${state.op}.primaryKey`, [object(entries)]);
}

function renderForeignKey(fk: ForeignKey, table: string, state: RenderState): Code {
  const custom = hook(state, "constraint", { type: "foreignkey", ...fk });
  if (custom !== undefined) return raw(custom);
  const entries: [string, Code][] = [];
  if (fk.name !== undefined) {
    entries.push(["name", renderName(fk.name, { kind: "fk", table, columns: fk.columns, refTable: fk.refTable, refColumns: fk.refColumns }, state)]);
  }
  entries.push(["columns", value(fk.columns)]);
  entries.push(["foreignColumns", value(fk.refColumns.map((c) => qualifiedTarget(fk, c)))]);
  for (const key of ["onDelete", "onUpdate", "deferrable", "initially", "match"] as const) {
    if (fk[key] !== undefined) entries.push([key, value(fk[key])]);
  }
  return call(`${state.op}.foreignKey`, [object(entries)]);
}

function renderUnique(unique: UniqueConstraint, table: string, state: RenderState): Code {
  const custom = hook(state, "constraint", { type: "unique", ...unique });
  if (custom !== undefined) return raw(custom);
  const chain: Chain[] = [{ method: "on", args: unique.columns.map(str) }];
  if (unique.deferrable) chain.push({ method: "deferrable", args: unique.initially === undefined ? [] : [str(unique.initially)] });
  if (unique.nullsNotDistinct) chain.push({ method: "nullsNotDistinct", args: [] });
  const name = unique.name === undefined ? [] : [renderName(unique.name, { kind: "uq", table, columns: unique.columns }, state)];
  return call(`${state.op}.unique`, name, chain);
}

function renderCheck(check: CheckConstraint, table: string, state: RenderState): Code {
  const custom = hook(state, "constraint", { type: "check", ...check });
  if (custom !== undefined) return raw(custom);
  const name = check.name === undefined ? raw("undefined") : renderName(check.name, { kind: "ck", table, columns: [] }, state);
  return call(`${state.op}.check`, [name, str(check.sql)]);
}

function renderExclude(exclude: ExcludeConstraint, state: RenderState): Code {
  const custom = hook(state, "constraint", { type: "exclude", ...exclude });
  if (custom !== undefined) return raw(custom);
  const chain: Chain[] = [];
  if (exclude.using !== undefined) chain.push({ method: "using", args: [str(exclude.using)] });
  chain.push({
    method: "on",
    args: exclude.elements.map((e) =>
      array([/^[A-Za-z_][\w$]*$/.test(e.expression) ? str(e.expression) : call(`${state.op}.expr`, [str(e.expression)]), str(e.operator), ...(e.opclass === undefined ? [] : [str(e.opclass)])]),
    ),
  });
  if (exclude.where !== undefined) chain.push({ method: "where", args: [str(exclude.where)] });
  if (exclude.deferrable) chain.push({ method: "deferrable", args: exclude.initially === undefined ? [] : [str(exclude.initially)] });
  return call(`${state.op}.exclude`, exclude.name === undefined ? [] : [str(exclude.name)], chain);
}

/** An index element: a column name, or `op.expr("...")`. */
export function renderIndexElement(element: Index["columns"][number], state: RenderState): Code {
  return typeof element === "string" ? str(element) : call(`${state.op}.expr`, [str(element.expression)]);
}

function renderTableIndex(index: Index, table: string, state: RenderState): Code {
  const custom = hook(state, "index", index);
  if (custom !== undefined) return raw(custom);
  const chain: Chain[] = [{ method: "on", args: index.columns.map((e) => renderIndexElement(e, state)) }];
  if (index.where !== undefined) chain.push({ method: "where", args: [str(index.where)] });
  if (index.using !== undefined) chain.push({ method: "using", args: [str(index.using)] });
  if (index.include !== undefined && index.include.length > 0) chain.push({ method: "include", args: index.include.map(str) });
  if (index.nullsNotDistinct) chain.push({ method: "nullsNotDistinct", args: [] });
  if (index.with !== undefined && Object.keys(index.with).length > 0) chain.push({ method: "with", args: [value(index.with)] });
  return call(`${state.op}.${index.unique ? "uniqueIndex" : "index"}`, [renderName(index.name, { kind: "ix", table, columns: index.columns }, state)], chain);
}

/**
 * `op.createTable("name", [columns..., constraints..., indexes...], options)`:
 * the columns in table order, then the primary key (when not on its column),
 * foreign keys, unique constraints, checks and indexes.
 */
export function renderCreateTable(table: Table, ifNotExists: boolean | undefined, state: RenderState): Code {
  const pk = table.primaryKey;
  const inlinePk = pk !== undefined && pk.name === undefined && pk.columns.length === 1 ? pk.columns[0] : undefined;
  const items: Code[] = table.columns.map((c) => renderColumn(c, state, c.name === inlinePk));
  if (pk !== undefined && inlinePk === undefined) items.push(renderPrimaryKey(pk, table.name, state));
  for (const fk of table.foreignKeys) items.push(renderForeignKey(fk, table.name, state));
  for (const unique of table.uniques) items.push(renderUnique(unique, table.name, state));
  for (const check of table.checks) items.push(renderCheck(check, table.name, state));
  for (const exclude of table.excludes ?? []) items.push(renderExclude(exclude, state));
  for (const index of table.indexes) items.push(renderTableIndex(index, table.name, state));
  const options: [string, Code][] = [];
  if (table.schema !== undefined) options.push(["schema", str(table.schema)]);
  if (table.comment !== undefined) options.push(["comment", str(table.comment)]);
  // Bags the DSL takes under the dialect's name render that way; the rest inside dialectOptions.
  const bags = Object.entries(table.dialectOptions ?? {});
  const isShorthand = (dialect: string): boolean => (DIALECT_OPTION_SHORTHANDS as readonly string[]).includes(dialect);
  for (const [dialect, bag] of bags) if (isShorthand(dialect)) options.push([dialect, value(bag)]);
  const others = bags.filter(([dialect]) => !isShorthand(dialect));
  if (others.length > 0) options.push(["dialectOptions", value(Object.fromEntries(others))]);
  if (table.rowLevelSecurity !== undefined) {
    const { enabled, force } = table.rowLevelSecurity;
    options.push(["rowLevelSecurity", enabled && force !== true ? raw("true") : value({ ...(enabled ? {} : { enabled }), ...(force === true ? { force } : {}) })]);
  }
  if (table.policies !== undefined && table.policies.length > 0) options.push(["policies", value(table.policies)]);
  if (ifNotExists !== undefined) options.push(["ifNotExists", value(ifNotExists)]);
  const args: Code[] = [str(table.name), array(items)];
  if (options.length > 0) args.push(object(options));
  return call(`${state.op}.createTable`, args);
}
