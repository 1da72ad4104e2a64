import { registerDialect } from "../registry.js";
import { Mysql2Connection } from "./mysql2-connection.js";
import { mysqlDialect } from "./dialect.js";

/** MySQL and MariaDB (`mariadb://` is the same database) through the mysql2 package. */
export const mysqlDefinition = registerDialect({
  name: "mysql",
  aliases: ["mariadb"],
  createDialect: () => mysqlDialect,
  defaultDriver: "mysql2",
  drivers: {
    mysql2: (url) => Mysql2Connection.open(url),
  },
});

export { mysqlDialect, createMysqlDialect, type MysqlDialectOptions } from "./dialect.js";
export { Mysql2Connection } from "./mysql2-connection.js";
export { mysqlLockName } from "./lock-name.js";
export { MysqlDdlCompiler, type MysqlFlavor } from "./ddl.js";
export { renderMysqlType } from "./type-compiler.js";
export { reflectMysql } from "./reflect.js";
