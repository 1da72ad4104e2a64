import type { ColumnType } from "../../schema/model.js";
import type { SchemaOperation } from "./schema-operations.js";

/**
 * What a dialect's DDL compiler offers. Pure: the same statements online and
 * offline. An operation the database cannot do by ALTER (SQLite) throws an
 * AthanorError that says to use `op.batchAlterTable`.
 */
export interface DdlCompiler {
  compile(operation: SchemaOperation): string[];
  /** The SQL spelling of a column type on this database, e.g. `varchar(255)`. */
  renderType(type: ColumnType): string;
  /**
   * Whether this database may need `operation` in one statement with the
   * operation after it (MySQL: DROP PRIMARY KEY then ADD PRIMARY KEY), so a
   * runner holds it back until it knows the next one (see `compileTogether`).
   */
  waitsForNext?(operation: SchemaOperation): boolean;
  /** The statements doing `first` then `second` together, or undefined when each compiles on its own. */
  compileTogether?(first: SchemaOperation, second: SchemaOperation): string[] | undefined;
}
