import type { Connection, Dialect, QueryResult } from "../dialects/contract/index.js";
import type { VersionChange } from "../graph/types.js";
import { AthanorError } from "../util/errors.js";

/**
 * The table holding one row per current head. Row values are written as inline
 * literals, online and offline, so an offline script reads the same as what ran.
 */
export class VersionTable {
  readonly dialect: Dialect;
  readonly name: string;
  readonly schema: string | undefined;
  readonly #quoted: string;
  readonly #column: string;

  constructor(dialect: Dialect, name: string, schema?: string | null) {
    this.dialect = dialect;
    this.name = name;
    this.schema = schema ?? undefined;
    this.#quoted = dialect.quoteTable(name, this.schema ?? null);
    this.#column = dialect.quoteIdentifier("version_num");
  }

  /** `schema.table` for messages. */
  get displayName(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name;
  }

  /** The statements creating the table when it is missing. */
  createStatements(): string[] {
    return this.dialect.createVersionTable(this.name, this.schema ?? null);
  }

  selectStatement(): string {
    return `SELECT ${this.#column} FROM ${this.#quoted}`;
  }

  purgeStatement(): string {
    return `DELETE FROM ${this.#quoted}`;
  }

  /** The statement applying one change, with the revision ids as literals. */
  changeStatement(change: VersionChange): string {
    const lit = (value: string): string => this.dialect.literal(value);
    switch (change.type) {
      case "insert":
        return `INSERT INTO ${this.#quoted} (${this.#column}) VALUES (${lit(change.revision)})`;
      case "update":
        return `UPDATE ${this.#quoted} SET ${this.#column} = ${lit(change.to)} WHERE ${this.#column} = ${lit(change.from)}`;
      case "delete":
        return `DELETE FROM ${this.#quoted} WHERE ${this.#column} = ${lit(change.revision)}`;
    }
  }

  async exists(connection: Connection): Promise<boolean> {
    return connection.tableExists(this.name, this.schema ?? null);
  }

  /** The revisions in the table; empty when the table does not exist (it is not created). */
  async readHeads(connection: Connection): Promise<string[]> {
    if (!(await this.exists(connection))) return [];
    const result = await connection.execute(this.selectStatement());
    return result.rows.map((row) => {
      const value = row["version_num"] ?? Object.values(row)[0];
      if (typeof value !== "string") {
        throw new AthanorError(
          `The version table ${this.displayName} holds a value that is not a string: ${String(value)}`,
          { hint: "check the table's version_num column and the driver settings" },
        );
      }
      return value;
    });
  }

  async create(connection: Connection): Promise<void> {
    for (const statement of this.createStatements()) await connection.execute(statement);
  }

  /**
   * Apply one change. An UPDATE or DELETE must touch exactly one row where the
   * driver reports counts: anything else means the table is not what the plan
   * was computed from (edited by hand, or a concurrent run without the lock).
   */
  async apply(connection: Connection, change: VersionChange, checkRowCount: boolean): Promise<void> {
    this.checkApplied(change, await connection.execute(this.changeStatement(change)), checkRowCount);
  }

  /** Fails when the result of a change's statement touched other than one row (see {@link apply}). */
  checkApplied(change: VersionChange, result: QueryResult, checkRowCount: boolean): void {
    if (!checkRowCount || change.type === "insert" || result.rowCount === null) return;
    if (result.rowCount !== 1) {
      const what =
        change.type === "update"
          ? `updating '${change.from}' to '${change.to}'`
          : `deleting '${change.revision}'`;
      throw new AthanorError(
        `Expected to match one row when ${what} in the version table ${this.displayName}; ${result.rowCount} found`,
        { hint: "the version table changed during the run; check its rows, or repair them with `athanor stamp --purge <revision>`" },
      );
    }
  }
}
