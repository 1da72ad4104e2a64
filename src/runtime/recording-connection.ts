import type { Connection, Dialect, QueryResult } from "../dialects/contract/index.js";
import { AthanorError } from "../util/errors.js";

/**
 * The connection of offline (`--sql`) mode: every statement is written out as
 * text instead of run. Transactions become `BEGIN;` / `COMMIT;` lines where the
 * database's DDL is transactional; nothing can be read back.
 */
export class RecordingConnection implements Connection {
  readonly dialect: Dialect;
  readonly #write: (text: string) => void;
  #inTransaction = false;

  constructor(dialect: Dialect, write: (text: string) => void) {
    this.dialect = dialect;
    this.#write = write;
  }

  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    if (params !== undefined && params.length > 0) {
      throw new AthanorError("SQL parameters are not allowed with --sql: there is no database to bind them", {
        hint: "write the values with the op.sql`...` template, which renders them as literals offline",
      });
    }
    this.statement(sql);
    return { rows: [], rowCount: null };
  }

  /** Write one statement followed by the terminator and a blank line. */
  statement(sql: string): void {
    // Tabs are kept: one inside a string literal is data (a bulk insert's value).
    const text = sql.trim().replace(/;\s*$/, "");
    this.#write(`${text};\n\n`);
  }

  /** Write a comment line such as `-- Running upgrade a -> b`. */
  comment(text: string): void {
    this.#write(`-- ${text}\n\n`);
  }

  /** Write text as it is. */
  raw(text: string): void {
    this.#write(text);
  }

  async begin(): Promise<void> {
    this.#inTransaction = true;
    if (this.dialect.transactionalDdl && this.dialect.beginStatement) this.statement(this.dialect.beginStatement);
  }

  async commit(): Promise<void> {
    this.#inTransaction = false;
    if (this.dialect.transactionalDdl && this.dialect.commitStatement) this.statement(this.dialect.commitStatement);
  }

  async rollback(): Promise<void> {
    this.#inTransaction = false;
  }

  async acquireLock(): Promise<void> {}

  async releaseLock(): Promise<void> {}

  async tableExists(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}
}
