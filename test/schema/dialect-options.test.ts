import { describe, expect, test } from "vitest";
import { renderOperations } from "../../src/autogenerate/render/render-operations.js";
import { mysqlDialect, postgresqlDialect } from "../../src/dialects/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { Table } from "../../src/schema/model.js";
import { AthanorError } from "../../src/util/errors.js";

const columns = { id: column.integer().primaryKey() };
const createSql = (table: Table, ddl = mysqlDialect.ddl): string => ddl.compile({ kind: "createTable", table }).join("\n");

describe("per-database table options", () => {
  test("the DSL's mysql: { ... } and dialectOptions: { mysql } are the same bag, and MySQL writes it", () => {
    const short = new MetaData().table("t", columns, { mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_bin" } }).toModel();
    const long = new MetaData().table("t", columns, { dialectOptions: { mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_bin" } } }).toModel();
    expect(short.dialectOptions).toStrictEqual({ mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_bin" } });
    expect(long).toStrictEqual(short);
    expect(createSql(short)).toMatch(/\) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin$/);
  });

  test("another database's bag is carried in the model and ignored by the others", () => {
    const plain = new MetaData().table("t", columns).toModel();
    const tagged = new MetaData().table("t", columns, { dialectOptions: { oracle: { tablespace: "users" } } }).toModel();
    expect(tagged.dialectOptions).toStrictEqual({ oracle: { tablespace: "users" } });
    expect(createSql(tagged)).toBe(createSql(plain));
    expect(createSql(tagged, postgresqlDialect.ddl)).toBe(createSql(plain, postgresqlDialect.ddl));
  });

  test("MySQL refuses an option it does not know or a value that is not text", () => {
    const unknown = new MetaData().table("t", columns, { dialectOptions: { mysql: { engin: "InnoDB" } } }).toModel();
    expect(() => createSql(unknown)).toThrow(AthanorError);
    expect(() => createSql(unknown)).toThrow(/Table "t": unknown MySQL table option "engin"/);
    const notText = new MetaData().table("t", columns, { dialectOptions: { mysql: { engine: 4 } } }).toModel();
    expect(() => createSql(notText)).toThrow(/the MySQL table option engine must be text, not 4/);
  });

  test("autogenerate writes the mysql bag as the DSL's mysql: option, any other inside dialectOptions", () => {
    const table = new MetaData()
      .table("t", columns, { mysql: { engine: "InnoDB" }, dialectOptions: { oracle: { tablespace: "users" } } })
      .toModel();
    const code = renderOperations([{ kind: "createTable", table }]).upgrades;
    expect(code).toContain('mysql: { engine: "InnoDB" }');
    expect(code).toContain('dialectOptions: { oracle: { tablespace: "users" } }');
    expect(code.indexOf("mysql:")).toBeLessThan(code.indexOf("dialectOptions:"));
  });
});
