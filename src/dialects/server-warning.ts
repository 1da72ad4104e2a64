import { DatabaseError } from "./errors.js";

/**
 * A statement the server ran, but only after silently changing something: it cut
 * a value or a name, or replaced characters it cannot store, and said so only in
 * a warning (MySQL's `SHOW WARNINGS`, a PostgreSQL NOTICE). The statement was
 * applied: inside a transaction a rollback undoes it; DDL on MySQL stays.
 */
export class ServerWarningError extends DatabaseError {
  /** Always true: the statement ran on the server before the warning was read. */
  readonly statementApplied = true;
}
