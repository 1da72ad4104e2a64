import { afterEach, describe as group, expect, test } from "vitest";
import { MetaData, check, column, expr, index, unique, uniqueIndex } from "../../src/schema/index.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { describe, diff, openSandbox, type Sandbox } from "./compare-helpers.js";

/**
 * A schema written by hand in each database's own spellings (int4, character
 * varying, serial, int(11), bool, DATETIME, now(), 'x'::text, DEFAULT (1), ...)
 * and the same schema declared with the DSL: comparing them finds nothing.
 */

const SQL: Record<DialectName, string[]> = {
  postgresql: [
    `CREATE TYPE hw_kind AS ENUM ('a', 'b')`,
    `CREATE TABLE hw_items (
      id serial PRIMARY KEY,
      name character varying(100) NOT NULL,
      code character(3),
      price numeric(10,2) NOT NULL DEFAULT 0,
      qty int4 NOT NULL DEFAULT 1,
      ratio float8,
      small float4,
      active bool NOT NULL DEFAULT true,
      created timestamp without time zone NOT NULL DEFAULT now(),
      stamped timestamptz DEFAULT CURRENT_TIMESTAMP,
      note text DEFAULT 'it''s'::text,
      neg integer DEFAULT -1,
      status varchar(10) DEFAULT 'new'::character varying,
      kind hw_kind DEFAULT 'a'::hw_kind,
      data jsonb DEFAULT '{}'::jsonb,
      uid uuid,
      whole numeric(8,0),
      CONSTRAINT ck_hw_items_qty CHECK (qty >= 0),
      CHECK (status IN ('new', 'old')),
      CHECK (char_length(name) > 0 AND name NOT LIKE 'zz%' AND qty != 12345),
      CONSTRAINT ck_hw_items_price CHECK (price >= 0 AND price < 1000000),
      CONSTRAINT uq_hw_items_code UNIQUE (code)
    )`,
    `CREATE INDEX ix_hw_items_name ON hw_items (name)`,
    `CREATE INDEX ix_hw_items_lower ON hw_items (lower(name)) WHERE active`,
    `CREATE UNIQUE INDEX ix_hw_items_status ON hw_items (status, code DESC)`,
    `CREATE INDEX ix_hw_items_data ON hw_items USING gin (data)`,
    `CREATE INDEX ix_hw_items_cover ON hw_items USING btree (qty) INCLUDE (price, ratio)`,
    `ALTER TABLE hw_items ADD CONSTRAINT uq_hw_items_pair UNIQUE (code, status) DEFERRABLE INITIALLY DEFERRED`,
    `COMMENT ON TABLE hw_items IS 'items'`,
    `COMMENT ON COLUMN hw_items.name IS 'the name'`,
    `CREATE TABLE hw_children (
      id bigserial PRIMARY KEY,
      item_id integer REFERENCES hw_items (id) ON DELETE CASCADE,
      amount decimal(12,0)
    )`,
  ],
  mysql: [
    `CREATE TABLE hw_items (
      id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name varchar(100) NOT NULL COMMENT 'the name',
      code char(3),
      price decimal(10,2) NOT NULL DEFAULT '0.00',
      qty integer NOT NULL DEFAULT 1,
      ratio double,
      small float,
      active bool NOT NULL DEFAULT TRUE,
      created datetime NOT NULL DEFAULT current_timestamp(),
      stamped timestamp NULL DEFAULT CURRENT_TIMESTAMP,
      note varchar(20) DEFAULT 'it''s',
      neg int DEFAULT -1,
      status varchar(10) DEFAULT 'new',
      kind enum('a','b') DEFAULT 'a',
      data json,
      uid char(36),
      whole numeric(8),
      CONSTRAINT ck_hw_items_qty CHECK (qty >= 0),
      CONSTRAINT ck_hw_items_price CHECK (price >= 0 AND price < 1000000),
      CONSTRAINT uq_hw_items_code UNIQUE (code),
      KEY ix_hw_items_name (name),
      UNIQUE KEY ix_hw_items_status (status, code)
    ) COMMENT='items'`,
    `CREATE TABLE hw_children (
      id bigint AUTO_INCREMENT PRIMARY KEY,
      item_id int,
      amount decimal(12,0),
      FOREIGN KEY (item_id) REFERENCES hw_items (id) ON DELETE CASCADE
    )`,
  ],
  sqlite: [
    `CREATE TABLE hw_items (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR(100) NOT NULL,
      code CHAR(3),
      price DECIMAL(10,2) NOT NULL DEFAULT 0,
      qty INT NOT NULL DEFAULT (1),
      ratio DOUBLE,
      small REAL,
      active BOOLEAN NOT NULL DEFAULT TRUE,
      created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
      stamped TIMESTAMPTZ DEFAULT (CURRENT_TIMESTAMP),
      note TEXT DEFAULT 'it''s',
      neg INTEGER DEFAULT -1,
      status VARCHAR(10) DEFAULT 'new',
      kind TEXT DEFAULT 'a',
      data TEXT,
      uid TEXT,
      whole NUMERIC(8),
      CONSTRAINT ck_hw_items_qty CHECK (qty >= 0),
      CHECK (status IN ('new', 'old')),
      CHECK (length(name) > 0 AND name NOT LIKE 'zz%' AND qty != 12345),
      CONSTRAINT ck_hw_items_price CHECK ("price" >= 0 AND price < 1000000),
      CONSTRAINT uq_hw_items_code UNIQUE (code)
    )`,
    `CREATE INDEX ix_hw_items_name ON hw_items (name)`,
    `CREATE INDEX ix_hw_items_lower ON hw_items (lower(name)) WHERE active`,
    `CREATE UNIQUE INDEX ix_hw_items_status ON hw_items (status, code DESC)`,
    `CREATE TABLE hw_children (
      id integer PRIMARY KEY AUTOINCREMENT,
      item_id integer REFERENCES hw_items (id) ON DELETE CASCADE,
      amount numeric(12)
    )`,
  ],
};

/** The same schema in the DSL, as a user of that database would declare it. */
function declared(name: DialectName): SchemaModel {
  const md = new MetaData();
  const kind = md.enum("hw_kind", ["a", "b"]);
  const items = md.table(
    "hw_items",
    {
      id: column.integer().primaryKey().autoincrement(),
      name: column.string(100).notNull().comment("the name"),
      code: column.char(3),
      price: column.numeric(10, 2).notNull().default(0),
      qty: column.integer().notNull().default(1),
      ratio: column.double(),
      small: column.float(),
      active: column.boolean().notNull().default(true),
      created: column.timestamp().notNull().defaultSql("CURRENT_TIMESTAMP"),
      stamped: column.timestamp({ withTimezone: true }).defaultNow(),
      note: name === "mysql" ? column.string(20).default("it's") : column.text().default("it's"),
      neg: column.integer().default(-1),
      status: column.string(10).default("new"),
      kind: name === "sqlite" ? column.text().default("a") : column.enum(kind).default("a"),
      data: name === "postgresql" ? column.jsonb().defaultSql("'{}'") : column.json(),
      uid: column.uuid(),
      whole: column.numeric(8),
    },
    (c) => [
      check("ck_hw_items_qty", expr`${c.qty} >= 0`),
      check("ck_hw_items_price", "price >= 0 AND price < 1000000"),
      ...(name === "mysql" ? [] : [check(undefined, "status IN ('new', 'old')")]),
      ...(name === "mysql" ? [] : [check(undefined, `${name === "sqlite" ? "length" : "char_length"}(name) > 0 AND name NOT LIKE 'zz%' AND qty <> 12345`)]),
      unique("uq_hw_items_code").on(c.code),
      index("ix_hw_items_name").on(c.name),
      ...(name === "mysql" ? [] : [index("ix_hw_items_lower").on(expr`lower(${c.name})`).where("active")]),
      name === "mysql"
        ? uniqueIndex("ix_hw_items_status").on(c.status, c.code)
        : uniqueIndex("ix_hw_items_status").on(c.status, expr`code DESC`),
      ...(name === "postgresql"
        ? [
            index("ix_hw_items_data").on(c.data).using("gin"),
            index("ix_hw_items_cover").on(c.qty).include(c.price, c.ratio),
            unique("uq_hw_items_pair").on(c.code, c.status).deferrable("deferred"),
          ]
        : []),
    ],
    name === "sqlite" ? {} : { comment: "items" },
  );
  md.table("hw_children", {
    id: column.bigint().primaryKey().autoincrement(),
    itemId: column.integer().columnName("item_id").references(() => items.c.id, { onDelete: "cascade" }),
    amount: column.numeric(12),
  });
  const model = md.toModel();
  return name === "postgresql" ? model : { ...model, enums: [] };
}

group("a hand-written schema and the same schema declared", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(liveDialects())("%s: no differences", async (name) => {
    sandbox = await openSandbox(name);
    for (const sql of SQL[name]) await sandbox.connection.execute(sql);
    expect(describe(await diff(sandbox.connection, declared(name)))).toEqual([]);
  });

  test.each(liveDialects())("%s: a real change in the same schema is still seen", async (name) => {
    sandbox = await openSandbox(name);
    for (const sql of SQL[name]) await sandbox.connection.execute(sql);
    const model = declared(name);
    const changed: SchemaModel = {
      ...model,
      tables: model.tables.map((t) =>
        t.name !== "hw_items"
          ? t
          : {
              ...t,
              columns: t.columns.map((c) =>
                c.name === "qty" ? { ...c, serverDefault: { kind: "literal" as const, value: 2 } } : c.name === "name" ? { ...c, type: { kind: "string" as const, length: 120 } } : c,
              ),
            },
      ),
    };
    expect(describe(await diff(sandbox.connection, changed)).sort()).toEqual(["modifyColumn hw_items.name type", "modifyColumn hw_items.qty serverDefault"]);
  });
});
