import type { DatabaseSupport } from "../support.js";
import { PgConnection } from "./pg-connection.js";
import { postgresqlDialect } from "./dialect.js";

/** PostgreSQL through the pg package. */
export const postgresqlSupport: DatabaseSupport = {
  dialect: postgresqlDialect,
  defaultDriver: "pg",
  drivers: {
    pg: (url) => PgConnection.open(url),
  },
};

export { postgresqlDialect } from "./dialect.js";
export { PgConnection } from "./pg-connection.js";
export { advisoryLockKey } from "./lock-key.js";
export { PostgresqlDdlCompiler, indexExpression } from "./ddl.js";
export { renderPostgresqlType } from "./type-compiler.js";
export { reflectPostgresql, parsePostgresqlType } from "./reflect.js";
export { postgresqlBatch } from "./batch.js";
