import type { AnyOperation } from "../../operations/operation.js";
import type { AlterColumn, Constraint, SchemaOperation } from "../../dialects/contract/index.js";
import { AthanorError } from "../../util/errors.js";
import type { View } from "../../schema/model.js";
import { array, call, object, raw, str, value } from "./code.js";
import type { Code } from "./code.js";
import type { RenderState } from "./render-context.js";
import { renderCustomOperation } from "./render-custom.js";
import { renderName } from "./render-names.js";
import { renderColumn, renderCreateTable, renderIndexElement } from "./render-table.js";
import { renderServerDefault, renderType } from "./render-type.js";
import { renderSecurityOperation } from "./render-security.js";

/** An operation (custom ones included). */
export type RenderableOperation = AnyOperation;

function options(entries: readonly (readonly [string, Code | undefined])[]): Code | undefined {
  const present = entries.filter((e): e is readonly [string, Code] => e[1] !== undefined);
  return present.length === 0 ? undefined : object(present);
}

function opt<T>(input: T | undefined, render: (v: T) => Code = value): Code | undefined {
  return input === undefined ? undefined : render(input);
}

function withOptions(args: Code[], extra: Code | undefined): Code[] {
  return extra === undefined ? args : [...args, extra];
}

function alterOptions(o: AlterColumn, state: RenderState, schema: boolean): Code | undefined {
  const c = o.changes;
  const e = o.existing;
  return options([
    ["nullable", opt(c.nullable)],
    ["type", opt(c.type, (t) => renderType(t, state))],
    ["using", opt(c.using)],
    ["serverDefault", c.serverDefault === undefined ? undefined : renderServerDefault(c.serverDefault, state)],
    ["newName", opt(c.newName)],
    ["comment", c.comment === undefined ? undefined : value(c.comment)],
    ["autoincrement", opt(c.autoincrement)],
    ["collation", c.collation === undefined ? undefined : value(c.collation)],
    ["onUpdate", c.onUpdate === undefined ? undefined : value(c.onUpdate)],
    ["existingType", opt(e.type, (t) => renderType(t, state))],
    ["existingNullable", opt(e.nullable)],
    ["existingServerDefault", e.serverDefault === undefined ? undefined : renderServerDefault(e.serverDefault, state)],
    ["existingComment", e.comment === undefined ? undefined : value(e.comment)],
    ["existingAutoincrement", e.autoincrement === true || c.autoincrement !== undefined ? opt(e.autoincrement) : undefined],
    // "none" is said only where it matters: for the aspect that changes (the downgrade restores it).
    ["existingCollation", e.collation === undefined || (e.collation === null && c.collation === undefined) ? undefined : value(e.collation)],
    ["existingOnUpdate", e.onUpdate === undefined || (e.onUpdate === null && c.onUpdate === undefined) ? undefined : value(e.onUpdate)],
    ["existingComputed", e.computed === undefined || e.computed === null ? undefined : value(e.computed)],
    ["identity", c.identity === undefined ? undefined : value(c.identity as never)],
    ["existingIdentity", c.identity === undefined || e.identity === undefined ? undefined : value(e.identity as never)],
    ["schema", schema ? opt(o.schema) : undefined],
  ]);
}

function constraintName(constraint: Constraint, table: string, state: RenderState): Code {
  switch (constraint.type) {
    case "primary":
      return renderName(constraint.name, { kind: "pk", table, columns: constraint.columns }, state);
    case "unique":
      return renderName(constraint.name, { kind: "uq", table, columns: constraint.columns }, state);
    case "check":
      return renderName(constraint.name, { kind: "ck", table, columns: [] }, state);
    case "exclude":
      // Naming conventions have no template for exclusion constraints.
      return constraint.name === undefined ? raw("null") : str(constraint.name);
    case "foreignkey":
      return renderName(constraint.name, { kind: "fk", table, columns: constraint.columns, refTable: constraint.refTable, refColumns: constraint.refColumns }, state);
  }
}

/**
 * The call of one constraint addition: `createPrimaryKey`, `createUniqueConstraint`,
 * `createForeignKey` or `createCheckConstraint`, on `target` (`op` with the
 * table and schema arguments, or a batch without them).
 */
function renderAddConstraint(table: string, schema: string | undefined, constraint: Constraint, state: RenderState, batch: string | undefined): Code {
  const target = batch ?? state.op;
  const name = constraintName(constraint, table, state);
  const tableArg = batch === undefined ? [str(table)] : [];
  const schemaOpt = batch === undefined ? opt(schema) : undefined;
  switch (constraint.type) {
    case "primary":
      return call(`${target}.createPrimaryKey`, withOptions([name, ...tableArg, value(constraint.columns)], options([["schema", schemaOpt]])));
    case "unique":
      return call(
        `${target}.createUniqueConstraint`,
        withOptions(
          [name, ...tableArg, value(constraint.columns)],
          options([["schema", schemaOpt], ["deferrable", opt(constraint.deferrable)], ["initially", opt(constraint.initially)], ["nullsNotDistinct", opt(constraint.nullsNotDistinct)]]),
        ),
      );
    case "check":
      return call(`${target}.createCheckConstraint`, withOptions([name, ...tableArg, str(constraint.sql)], options([["schema", schemaOpt]])));
    case "exclude":
      return call(
        `${target}.createExcludeConstraint`,
        withOptions(
          [name, ...tableArg, value(constraint.elements.map((e) => [e.expression, e.operator, ...(e.opclass === undefined ? [] : [e.opclass])]))],
          options([
            ["using", opt(constraint.using)],
            ["where", opt(constraint.where)],
            ["deferrable", opt(constraint.deferrable)],
            ["initially", opt(constraint.initially)],
            ["schema", schemaOpt],
          ]),
        ),
      );
    case "foreignkey":
      return call(
        `${target}.createForeignKey`,
        withOptions(
          [name, ...tableArg, str(constraint.refTable), value(constraint.columns), value(constraint.refColumns)],
          options([
            ["onDelete", opt(constraint.onDelete)],
            ["onUpdate", opt(constraint.onUpdate)],
            ["deferrable", opt(constraint.deferrable)],
            ["initially", opt(constraint.initially)],
            ["match", opt(constraint.match)],
            ["sourceSchema", schemaOpt],
            ["referentSchema", opt(constraint.refSchema)],
          ]),
        ),
      );
  }
}

/** A view's options as `op.createView` takes them (and `existing`, for a replace). */
function viewOptions(view: View, existing?: Code, replace = false): Code | undefined {
  return options([
    ["schema", opt(view.schema)],
    // a replace says which kind of view it creates
    ["materialized", replace ? opt(view.materialized) : undefined],
    ["checkOption", opt(view.checkOption)],
    ["securityInvoker", opt(view.securityInvoker)],
    ["securityBarrier", opt(view.securityBarrier)],
    ["algorithm", opt(view.algorithm)],
    ["withNoData", opt(view.withNoData)],
    ["tablespace", opt(view.tablespace)],
    ["using", opt(view.using)],
    ["with", view.with === undefined ? undefined : value({ ...view.with })],
    ["existing", existing],
  ]);
}

/** A whole view as data (what a drop or a replace remembers). */
function viewCode(view: View): Code {
  return value({ ...view });
}

/** The kinds that change one existing table, and can go in a batch block. */
export const TABLE_CHANGE_KINDS: ReadonlySet<string> = new Set([
  "addColumn",
  "dropColumn",
  "alterColumn",
  "createIndex",
  "dropIndex",
  "addConstraint",
  "dropConstraint",
  "tableComment",
]);

/** The table an operation changes, for batch grouping; undefined for the others. */
export function changedTable(operation: RenderableOperation): { table: string; schema: string | undefined } | undefined {
  if (!TABLE_CHANGE_KINDS.has(operation.kind)) return undefined;
  const o = operation as { table?: string; schema?: string };
  if (o.table === undefined) return undefined;
  return { table: o.table, schema: o.schema };
}

/**
 * One operation as a call expression (without `await` and `;`): on `op`, or,
 * with `batch` set, on that batch variable inside `op.batchAlterTable` (where
 * the table and schema are not repeated).
 */
export function renderOperationCall(operation: RenderableOperation, state: RenderState, batch?: string): Code {
  const o = state.op;
  const b = batch;
  switch (operation.kind) {
    case "createTable":
      return renderCreateTable(operation.table, operation.ifNotExists, state);
    case "dropTable":
      return call(`${o}.dropTable`, withOptions([str(operation.name)], options([["schema", opt(operation.schema)], ["ifExists", opt(operation.ifExists)]])));
    case "renameTable":
      return call(`${o}.renameTable`, withOptions([str(operation.name), str(operation.newName)], options([["schema", opt(operation.schema)]])));
    case "addColumn":
      if (b !== undefined) return call(`${b}.addColumn`, [renderColumn(operation.column, state)]);
      return call(
        `${o}.addColumn`,
        withOptions([str(operation.table), renderColumn(operation.column, state)], options([["schema", opt(operation.schema)], ["ifNotExists", opt(operation.ifNotExists)]])),
      );
    case "dropColumn":
      if (b !== undefined) return call(`${b}.dropColumn`, [str(operation.name)]);
      return call(
        `${o}.dropColumn`,
        withOptions([str(operation.table), str(operation.name)], options([["schema", opt(operation.schema)], ["ifExists", opt(operation.ifExists)]])),
      );
    case "alterColumn":
      if (b !== undefined) return call(`${b}.alterColumn`, withOptions([str(operation.name)], alterOptions(operation, state, false)));
      return call(`${o}.alterColumn`, withOptions([str(operation.table), str(operation.name)], alterOptions(operation, state, true)));
    case "createIndex": {
      const index = operation.index;
      const name = renderName(index.name, { kind: "ix", table: operation.table, columns: index.columns }, state);
      const elements = array(index.columns.map((e) => renderIndexElement(e, state)));
      const rest = options([
        ["unique", index.unique ? raw("true") : undefined],
        ["where", opt(index.where)],
        ["using", opt(index.using)],
        ["include", index.include !== undefined && index.include.length > 0 ? value(index.include) : undefined],
        ["nullsNotDistinct", opt(index.nullsNotDistinct)],
        ["with", index.with !== undefined && Object.keys(index.with).length > 0 ? value(index.with) : undefined],
        ["ifNotExists", opt(operation.ifNotExists)],
        ["concurrently", opt(operation.concurrently)],
        ["schema", b === undefined ? opt(operation.schema) : undefined],
      ]);
      if (b !== undefined) return call(`${b}.createIndex`, withOptions([name, elements], rest));
      return call(`${o}.createIndex`, withOptions([name, str(operation.table), elements], rest));
    }
    case "dropIndex": {
      const name = str(operation.name);
      if (b !== undefined) return call(`${b}.dropIndex`, [name]);
      return call(
        `${o}.dropIndex`,
        withOptions(
          [name],
          options([
            ["table", opt(operation.table)],
            ["schema", opt(operation.schema)],
            ["ifExists", opt(operation.ifExists)],
            ["concurrently", opt(operation.concurrently)],
          ]),
        ),
      );
    }
    case "addConstraint":
      return renderAddConstraint(operation.table, operation.schema, operation.constraint, state, b);
    case "dropConstraint": {
      const type = opt(operation.type ?? operation.constraint?.type);
      if (b !== undefined) return call(`${b}.dropConstraint`, withOptions([str(operation.name)], options([["type", type]])));
      return call(
        `${o}.dropConstraint`,
        withOptions([str(operation.name), str(operation.table)], options([["type", type], ["schema", opt(operation.schema)], ["ifExists", opt(operation.ifExists)]])),
      );
    }
    case "alterTableOptions":
      return call(
        `${o}.alterTableOptions`,
        withOptions([str(operation.table), value(operation.options)], options([["existing", opt(operation.existing)], ["schema", opt(operation.schema)]])),
      );
    case "tableComment": {
      const rest = options([
        ["existingComment", operation.existingComment === undefined ? undefined : value(operation.existingComment)],
        ["schema", b === undefined ? opt(operation.schema) : undefined],
      ]);
      if (operation.comment === null) {
        return b !== undefined ? call(`${b}.dropTableComment`, withOptions([], rest)) : call(`${o}.dropTableComment`, withOptions([str(operation.table)], rest));
      }
      return b !== undefined
        ? call(`${b}.createTableComment`, withOptions([str(operation.comment)], rest))
        : call(`${o}.createTableComment`, withOptions([str(operation.table), str(operation.comment)], rest));
    }
    case "createEnum":
      return call(
        `${o}.createEnum`,
        withOptions([str(operation.enum.name), value(operation.enum.values)], options([["schema", opt(operation.enum.schema)], ["ifNotExists", opt(operation.ifNotExists)]])),
      );
    case "dropEnum":
      return call(`${o}.dropEnum`, withOptions([str(operation.name)], options([["schema", opt(operation.schema)], ["ifExists", opt(operation.ifExists)]])));
    case "addEnumValue":
      return call(
        `${o}.addEnumValue`,
        withOptions(
          [str(operation.name), str(operation.value)],
          options([["before", opt(operation.before)], ["after", opt(operation.after)], ["ifNotExists", opt(operation.ifNotExists)], ["schema", opt(operation.schema)]]),
        ),
      );
    case "dropEnumValue":
      return call(
        `${o}.dropEnumValue`,
        withOptions([str(operation.name), str(operation.value)], options([["before", opt(operation.before)], ["after", opt(operation.after)], ["schema", opt(operation.schema)]])),
      );
    case "renameEnumValue":
      return call(`${o}.renameEnumValue`, withOptions([str(operation.name), str(operation.from), str(operation.to)], options([["schema", opt(operation.schema)]])));
    case "rowLevelSecurity":
    case "createPolicy":
    case "dropPolicy":
    case "createSequence":
    case "dropSequence":
    case "alterSequence":
      return renderSecurityOperation(operation, state);
    case "bulkInsert": {
      const typed = operation.columns.filter((c) => c.type !== undefined);
      const typesCode = typed.length === 0 ? undefined : object(typed.map((c) => [c.name, renderType(c.type!, state)] as const));
      return call(
        `${o}.bulkInsert`,
        withOptions(
          [str(operation.table), value(operation.rows)],
          options([["schema", opt(operation.schema)], ["columns", value(operation.columns.map((c) => c.name))], ["types", typesCode]]),
        ),
      );
    }
    case "createView":
      return operation.view.materialized === true
        ? call(`${o}.createMaterializedView`, withOptions([str(operation.view.name), str(operation.view.definition)], viewOptions(operation.view)))
        : call(`${o}.createView`, withOptions([str(operation.view.name), str(operation.view.definition)], viewOptions(operation.view)));
    case "replaceView":
      return call(
        `${o}.replaceView`,
        withOptions([str(operation.view.name), str(operation.view.definition)], viewOptions(operation.view, operation.existing === undefined ? undefined : viewCode(operation.existing), true)),
      );
    case "dropView": {
      const rest = options([["schema", opt(operation.schema)], ["ifExists", opt(operation.ifExists)], ["view", operation.view === undefined ? undefined : viewCode(operation.view)]]);
      return call(`${o}.${operation.materialized === true ? "dropMaterializedView" : "dropView"}`, withOptions([str(operation.name)], rest));
    }
    case "refreshMaterializedView":
      return call(`${o}.refreshMaterializedView`, withOptions([str(operation.name)], options([["schema", opt(operation.schema)], ["concurrently", opt(operation.concurrently)]])));
    case "custom":
      return renderCustomOperation(operation, state);
    case "execute": {
      if (typeof operation.sql !== "string") {
        throw new AthanorError("Only execute() of SQL text can be rendered as code", { hint: "give the statement as a string" });
      }
      const args = [str(operation.sql)];
      if (operation.params !== undefined) args.push(value(operation.params));
      return call(`${b ?? o}.execute`, args);
    }
  }
  throw new AthanorError(`Cannot render the operation ${JSON.stringify((operation as { kind?: unknown }).kind)}`);
}
