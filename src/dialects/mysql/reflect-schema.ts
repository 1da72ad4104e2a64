import type { SchemaModel } from "../../schema/model.js";
import type { Connection, ReflectOptions } from "../contract/index.js";
import { notModelledRoutinesStatement, readNotModelledMysql } from "./not-modelled.js";
import { mysqlCatalogContext, TableAssembler, tableStatements } from "./reflect.js";
import { readCatalog } from "./result-sets.js";
import { reflectMariadbSequences } from "./sequences.js";
import { reflectMysqlViews } from "./views.js";

/**
 * Everything a MySQL/MariaDB schema holds that the model carries (tables,
 * views, MariaDB's sequences) and a listing of what it does not. The catalog
 * statements go out together (on MariaDB as one compound statement, one round
 * trip): one listing of TABLES tells the tables, views and sequences apart and
 * which tables are partitioned or versioned, so views and sequences are read
 * only where the listing has some.
 *
 * @example
 * ```ts
 * const model = await reflectMysqlSchema(connection, { schemas: [null] });
 * model.views?.map((v) => v.name);
 * ```
 */
export async function reflectMysqlSchema(connection: Connection, options: ReflectOptions = {}): Promise<SchemaModel> {
  const context = await mysqlCatalogContext(connection, options);
  if (context === undefined) return { tables: [], enums: [] };
  const statements = tableStatements(context.scope);
  const routines = notModelledRoutinesStatement(context.current, options);
  // each result is worked on as soon as it is there, while the server works out the next
  const assembler = new TableAssembler(context);
  const rows = await readCatalog(connection, routines === undefined ? statements : [...statements, routines], (index, set) => {
    if (index < assembler.results) assembler.take(set);
  });
  const tables = assembler.tables();
  const listing = rows[0] ?? [];
  const known = { current: context.current, listing };
  const views = listing.some((row) => String(row["kind"]) === "VIEW") ? await reflectMysqlViews(connection, options, known) : [];
  const sequences = await reflectMariadbSequences(connection, options, known);
  const model = { tables, enums: [], ...(views.length === 0 ? {} : { views }), ...(sequences.length === 0 ? {} : { sequences }) };
  const notModelled = await readNotModelledMysql(connection, options, { ...known, routines: routines === undefined ? [] : rows[statements.length] ?? [] });
  return notModelled.length === 0 ? model : { ...model, notModelled };
}
