/**
 * Real drizzle schemas published on npm under open licences, installed as
 * dev dependencies (package.json pins each version) and read from
 * node_modules as their authors ship them: nothing of them is copied here.
 *
 * Each entry names the package, its version and licence, and builds the
 * declared schema from the package's own exports (Payload's, from the tables
 * its adapter builds when it starts: payload-schema.ts).
 */
import type { SchemaModel } from "../../../src/schema/model.js";
import { fromDrizzle } from "../../../src/adapters/drizzle/index.js";
import type { DialectName } from "../../support/servers.js";
import * as surveilr from "@surveilr/bootstrap-sql";
import * as aphex from "@aphexcms/postgresql-adapter/schema";
import { getCourseBuilderSchema } from "@coursebuilder/adapter-drizzle/mysql";
import { mysqlTable } from "drizzle-orm/mysql-core";
import { payloadDrizzleSchema } from "./payload-schema.js";
// @auth/drizzle-adapter exports its tables per database from lib/, which its
// package.json does not list under "exports": read by file path.
import * as authjsMysql from "../../../node_modules/@auth/drizzle-adapter/lib/mysql.js";
import * as authjsPg from "../../../node_modules/@auth/drizzle-adapter/lib/pg.js";
import * as authjsSqlite from "../../../node_modules/@auth/drizzle-adapter/lib/sqlite.js";

/**
 * MySQL's `json->>'$.path'` as MariaDB spells it. MariaDB has no `->>`
 * operator: the DDL drizzle-kit writes for such a generated column is refused
 * there as it is when athanor writes it, so the schema is held to MariaDB's
 * spelling of the same expression before it runs (the one change made to it).
 */
function mariadbJsonPaths(model: SchemaModel): SchemaModel {
  const spelled = (sql: string): string => sql.replace(/(\w+)->>'([^']*)'/g, "json_unquote(json_extract($1, '$2'))");
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (c.computed === undefined ? c : { ...c, computed: { ...c.computed, sql: spelled(c.computed.sql) } })),
    })),
  };
}

/** One published schema and what the suite knows of it. */
export interface PublishedSchema {
  readonly dialect: DialectName;
  /** npm package and the version pinned in package.json. */
  readonly pkg: string;
  readonly version: string;
  readonly licence: string;
  /** Tables the package declares (views aside): the test holds the model to this count. */
  readonly tables: number;
  /** Views the package declares. */
  readonly views: number;
  model(): SchemaModel | Promise<SchemaModel>;
}

export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  {
    dialect: "sqlite",
    pkg: "@surveilr/bootstrap-sql",
    version: "0.0.4",
    licence: "ISC",
    tables: 66,
    views: 41,
    model: () => fromDrizzle(surveilr as Record<string, unknown>),
  },
  {
    dialect: "postgresql",
    pkg: "@payloadcms/db-postgres",
    version: "3.90.2",
    licence: "MIT",
    tables: 40,
    views: 0,
    model: async () => fromDrizzle(await payloadDrizzleSchema()),
  },
  {
    dialect: "postgresql",
    pkg: "@aphexcms/postgresql-adapter",
    version: "16.0.0",
    licence: "MIT",
    tables: 20,
    views: 0,
    model: () => fromDrizzle(aphex as Record<string, unknown>),
  },
  {
    dialect: "postgresql",
    pkg: "@auth/drizzle-adapter",
    version: "1.11.3",
    licence: "ISC",
    tables: 5,
    views: 0,
    model: () => fromDrizzle(authjsPg.defineTables()),
  },
  {
    dialect: "mysql",
    pkg: "@coursebuilder/adapter-drizzle",
    version: "1.0.7",
    licence: "ISC (LICENSE file: MIT)",
    tables: 50,
    views: 0,
    model: () => mariadbJsonPaths(fromDrizzle(getCourseBuilderSchema(mysqlTable))),
  },
  {
    dialect: "mysql",
    pkg: "@auth/drizzle-adapter",
    version: "1.11.3",
    licence: "ISC",
    tables: 5,
    views: 0,
    model: () => fromDrizzle(authjsMysql.defineTables()),
  },
  {
    dialect: "sqlite",
    pkg: "@auth/drizzle-adapter",
    version: "1.11.3",
    licence: "ISC",
    tables: 5,
    views: 0,
    model: () => fromDrizzle(authjsSqlite.defineTables()),
  },
];
