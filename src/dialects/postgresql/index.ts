import { registerDialect } from "../registry.js";
import { PgConnection } from "./pg-connection.js";
import { postgresqlDialect } from "./dialect.js";

/** PostgreSQL (`postgres://` and `pgsql://` too) through the pg package. */
export const postgresqlDefinition = registerDialect({
  name: "postgresql",
  aliases: ["postgres", "pgsql"],
  createDialect: () => postgresqlDialect,
  defaultDriver: "pg",
  drivers: {
    pg: (url) => PgConnection.open(url),
  },
});

export { postgresqlDialect } from "./dialect.js";
export { PgConnection } from "./pg-connection.js";
export { advisoryLockKey } from "./lock-key.js";
export { PostgresqlDdlCompiler, indexExpression } from "./ddl.js";
export { renderPostgresqlType } from "./type-compiler.js";
export { reflectPostgresql, parsePostgresqlType } from "./reflect.js";
export { postgresqlBatch } from "./batch.js";
