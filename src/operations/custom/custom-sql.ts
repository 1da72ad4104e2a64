import { AthanorError } from "../../util/errors.js";
import type { CustomOperation } from "../operation.js";
import type { CustomSql, CustomSqlContext } from "./custom-definition.js";
import { requireCustomDefinition } from "./registry.js";

/**
 * The statements of a custom operation on one database: its function for that
 * database, else its default. Dispatched before any DDL compiler, so a custom
 * operation never reaches the built-in ones.
 *
 * @example
 * ```ts
 * customStatements(op, { dialect: "postgresql", isOffline: false, quoteIdentifier, quoteTable, literal });
 * // ['CREATE VIEW "v" AS SELECT 1']
 * ```
 */
export function customStatements(operation: CustomOperation, db: CustomSqlContext): string[] {
  const definition = requireCustomDefinition(operation.name);
  const sql = definition.sql;
  const compile: CustomSql<unknown> | undefined =
    typeof sql === "function" ? sql : Object.hasOwn(sql, db.dialect) ? sql[db.dialect] : sql.default;
  if (compile === undefined) {
    const known = typeof sql === "function" ? [] : Object.keys(sql).filter((k) => sql[k] !== undefined);
    throw new AthanorError(`The custom operation ${operation.name} has no SQL for ${db.dialect} (it has ${known.join(", ") || "none"})`, {
      hint: `give registerOperation's sql a ${db.dialect} function, or a default`,
    });
  }
  const result = compile(operation.data, db);
  const statements = typeof result === "string" ? [result] : [...result];
  for (const statement of statements) {
    if (typeof statement !== "string" || statement.trim() === "") {
      throw new AthanorError(`The SQL of the custom operation ${operation.name} for ${db.dialect} is not a statement (got ${JSON.stringify(statement)})`, {
        hint: "return SQL text, or a list of statements",
      });
    }
  }
  return statements;
}
