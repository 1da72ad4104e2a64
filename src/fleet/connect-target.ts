import type { Connection } from "../dialects/contract/index.js";
import { connect } from "../dialects/index.js";
import { AthanorError } from "../util/errors.js";
import type { FleetTarget } from "./types.js";

/** Whether a dialect takes a target's `schema`, and what it means there. */
export function schemaMeaning(dialect: string): "schema" | "database" | undefined {
  if (dialect === "postgresql") return "schema";
  if (dialect === "mysql") return "database";
  return undefined;
}

/**
 * Open a connection to one target. With a `schema`, the session works in it:
 * PostgreSQL's `search_path` is set to the schema (which must exist), MySQL
 * `USE`s the database of that name.
 */
export async function connectTarget(target: FleetTarget, options: { cwd: string; mustExist: boolean }): Promise<Connection> {
  const connection = await connect(target.url, { cwd: options.cwd, ...(options.mustExist ? { mustExist: true } : {}) });
  if (target.schema === undefined) return connection;
  try {
    const dialect = connection.dialect;
    const quoted = dialect.quoteIdentifier(target.schema);
    if (dialect.name === "postgresql") {
      const found = await connection.execute("SELECT 1 AS found FROM pg_catalog.pg_namespace WHERE nspname = $1", [target.schema]);
      if (found.rows.length === 0) {
        throw new AthanorError(`Schema "${target.schema}" of target ${target.name} does not exist`, {
          hint: `create it first (CREATE SCHEMA ${quoted}), or correct the target's schema`,
        });
      }
      await connection.execute(`SET search_path TO ${quoted}`);
    } else if (dialect.name === "mysql") {
      const found = await connection.execute("SELECT 1 AS found FROM information_schema.schemata WHERE schema_name = ?", [target.schema]);
      if (found.rows.length === 0) {
        throw new AthanorError(`Database "${target.schema}" of target ${target.name} does not exist`, {
          hint: `create it first (CREATE DATABASE ${quoted}), or correct the target's schema`,
        });
      }
      await connection.execute(`USE ${quoted}`);
    } else {
      throw new AthanorError(`Target ${target.name} names a schema, which ${dialect.name} does not have`, {
        hint: "give each tenant its own database file instead, and leave out `schema`",
      });
    }
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  return connection;
}
