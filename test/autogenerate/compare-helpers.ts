import { join } from "node:path";
import { compareSchemas, diffsToOperations } from "../../src/autogenerate/compare/index.js";
import type { CompareOptions, SchemaDiff } from "../../src/autogenerate/compare/index.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { OperationContext } from "../../src/operations/operation-context.js";
import { runBatch } from "../../src/operations/batch/run-batch.js";
import { StatementPairing } from "../../src/operations/statement-pairing.js";
import type { BatchOperations } from "../../src/operations/batch/batch-operations.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { tempDir, uniqueDatabaseName } from "../dialects/helpers.js";
import { serverUrls, type DialectName } from "../support/servers.js";

/** A database of one's own: a fresh SQLite file, a PostgreSQL schema first on the search path, a MySQL database. */
export interface Sandbox {
  readonly connection: Connection;
  readonly name: DialectName;
  close(): Promise<void>;
}

export async function openSandbox(name: DialectName): Promise<Sandbox> {
  if (name === "sqlite") {
    const connection = await connect(`sqlite:///${join(tempDir("athanor-compare-"), "test.db")}`);
    return { connection, name, close: () => connection.close() };
  }
  if (name === "postgresql") {
    const connection = await connect(serverUrls.postgresql);
    const schema = uniqueDatabaseName("ac");
    await connection.execute(`CREATE SCHEMA "${schema}"`);
    await connection.execute(`SET search_path TO "${schema}"`);
    return {
      connection,
      name,
      async close() {
        try {
          await connection.execute(`DROP SCHEMA "${schema}" CASCADE`);
        } finally {
          await connection.close();
        }
      },
    };
  }
  const admin = await connect(serverUrls.mysql);
  const database = uniqueDatabaseName("ac");
  await admin.execute(`CREATE DATABASE \`${database}\``);
  const url = new URL(serverUrls.mysql);
  url.pathname = `/${database}`;
  const connection = await connect(url.toString());
  return {
    connection,
    name,
    async close() {
      try {
        await connection.close();
        await admin.execute(`DROP DATABASE \`${database}\``);
      } finally {
        await admin.close();
      }
    },
  };
}

/** A context for running operations directly on a connection (what the runtime gives `op`). */
function contextFor(connection: Connection): OperationContext {
  const dialect = connection.dialect;
  return {
    dialectName: dialect.name,
    isOffline: false,
    databaseName: undefined,
    quoteIdentifier: (name) => dialect.quoteIdentifier(name),
    literal: (value) => dialect.literal(value),
    async execute(sql, params) {
      await connection.execute(String(sql), params);
    },
    async query(sql, params) {
      return [...(await connection.execute(String(sql), params)).rows];
    },
    async run(operation) {
      for (const statement of dialect.ddl!.compile(operation)) await connection.execute(statement);
    },
    connection,
  } as OperationContext;
}

/** Queue one table-level operation on a batch (SQLite's move and copy). */
function queue(batch: BatchOperations, op: SchemaOperation): void {
  switch (op.kind) {
    case "addColumn":
      return batch.addColumn(op.column);
    case "dropColumn":
      return batch.dropColumn(op.name, op.column ? { column: op.column } : {});
    case "alterColumn": {
      const c = op.changes;
      const e = op.existing;
      return batch.alterColumn(op.name, {
        ...(c.nullable === undefined ? {} : { nullable: c.nullable }),
        ...(c.type === undefined ? {} : { type: c.type }),
        ...(c.serverDefault === undefined ? {} : { serverDefault: c.serverDefault }),
        ...(c.newName === undefined ? {} : { newName: c.newName }),
        ...(c.comment === undefined ? {} : { comment: c.comment }),
        ...(c.collation === undefined ? {} : { collation: c.collation }),
        ...(c.autoincrement === undefined ? {} : { autoincrement: c.autoincrement }),
        ...(e.type === undefined ? {} : { existingType: e.type }),
        ...(e.collation === undefined ? {} : { existingCollation: e.collation }),
        ...(e.autoincrement === undefined ? {} : { existingAutoincrement: e.autoincrement }),
        ...(e.nullable === undefined ? {} : { existingNullable: e.nullable }),
        ...(e.serverDefault === undefined ? {} : { existingServerDefault: e.serverDefault }),
      });
    }
    case "createIndex":
      return batch.createIndex(op.index.name, op.index.columns, {
        unique: op.index.unique,
        ...(op.index.where === undefined ? {} : { where: op.index.where }),
      });
    case "dropIndex":
      return batch.dropIndex(op.name);
    case "addConstraint": {
      const c = op.constraint;
      const name = c.name ?? null;
      if (c.type === "primary") return batch.createPrimaryKey(name, c.columns);
      if (c.type === "unique") return batch.createUniqueConstraint(name, c.columns);
      if (c.type === "check") return batch.createCheckConstraint(name, c.sql);
      if (c.type === "exclude") throw new Error("exclusion constraints are PostgreSQL's");
      return batch.createForeignKey(name, c.refTable, c.columns, c.refColumns, {
        ...(c.onDelete === undefined ? {} : { onDelete: c.onDelete }),
        ...(c.onUpdate === undefined ? {} : { onUpdate: c.onUpdate }),
      });
    }
    case "dropConstraint":
      return batch.dropConstraint(op.name, op.type === undefined ? {} : { type: op.type });
    case "tableComment":
      return op.comment === null ? batch.dropTableComment() : batch.createTableComment(op.comment);
    default:
      throw new Error(`not a table-level operation: ${op.kind}`);
  }
}

function tableOf(op: SchemaOperation): { table: string; schema?: string } | undefined {
  switch (op.kind) {
    case "addColumn":
    case "dropColumn":
    case "alterColumn":
    case "createIndex":
    case "addConstraint":
    case "dropConstraint":
    case "tableComment":
      return { table: op.table, ...(op.schema === undefined ? {} : { schema: op.schema }) };
    case "dropIndex":
      return op.table === undefined ? undefined : { table: op.table };
    default:
      return undefined;
  }
}

/**
 * Run operations on a live database: each compiled by the dialect and executed;
 * on SQLite, consecutive changes of one table go through batch mode (move and
 * copy where ALTER cannot), as a rendered revision would.
 */
export async function applyOperations(connection: Connection, ops: readonly SchemaOperation[]): Promise<void> {
  const dialect = connection.dialect;
  if (dialect.name !== "sqlite") {
    // As the runtime does: a MySQL primary key dropped then added is one statement.
    const pairing = new StatementPairing(dialect.ddl!, async (statement) => void (await connection.execute(statement)));
    for (const op of ops) await pairing.run(op);
    await pairing.flush();
    return;
  }
  const context = contextFor(connection);
  let i = 0;
  while (i < ops.length) {
    const where = tableOf(ops[i]!);
    if (where === undefined) {
      await context.run(ops[i]!);
      i += 1;
      continue;
    }
    // A rename goes into the batch with the table's other changes (the copy names the column anew in its conditions).
    const group: SchemaOperation[] = [];
    while (i < ops.length && tableOf(ops[i]!)?.table === where.table) group.push(ops[i++]!);
    await runBatch(context, where.table, (batch) => group.forEach((op) => queue(batch, op)), where.schema === undefined ? {} : { schema: where.schema });
  }
}

/** Reflect the sandbox's whole default schema. */
export async function reflect(connection: Connection): Promise<SchemaModel> {
  return connection.dialect.reflect!(connection);
}

/** Compare the declared model with the sandbox. */
export async function diff(connection: Connection, declared: SchemaModel, options: Omit<CompareOptions, "dialect"> = {}): Promise<SchemaDiff[]> {
  return compareSchemas(declared, await reflect(connection), { dialect: connection.dialect, ...options });
}

/** Make the sandbox match the declared model; returns the operations run. */
export async function migrate(connection: Connection, declared: SchemaModel, options: Omit<CompareOptions, "dialect"> = {}): Promise<SchemaOperation[]> {
  const ops = diffsToOperations(await diff(connection, declared, options));
  await applyOperations(connection, ops);
  return ops;
}

/** A compact, readable form of differences for assertions. */
export function describe(diffs: readonly SchemaDiff[]): string[] {
  return diffs.map((d) => {
    switch (d.kind) {
      case "addTable":
      case "removeTable":
        return `${d.kind} ${d.table.name}`;
      case "renameTable":
        return `renameTable ${d.from}->${d.to}`;
      case "addColumn":
      case "removeColumn":
        return `${d.kind} ${d.table}.${d.column.name}`;
      case "renameColumn":
        return `renameColumn ${d.table}.${d.from}->${d.to}`;
      case "modifyColumn":
        return `modifyColumn ${d.table}.${d.column} ${Object.keys(d.changes).sort().join(",")}`;
      case "addIndex":
      case "removeIndex":
        return `${d.kind} ${d.table}.${d.index.name}`;
      case "addConstraint":
      case "removeConstraint":
        return `${d.kind} ${d.table} ${d.constraint.type}${d.constraint.name === undefined ? "" : ` ${d.constraint.name}`}`;
      case "tableComment":
        return `tableComment ${d.table}`;
      case "tableOptions":
        return `tableOptions ${d.table} ${Object.values(d.options).flatMap((bag) => Object.keys(bag)).sort().join(",")}`;
      case "addEnum":
      case "removeEnum":
        return `${d.kind} ${d.enum.name}`;
      case "addEnumValue":
        return `addEnumValue ${d.name} ${d.value}`;
      case "renameEnumValue":
        return `renameEnumValue ${d.name} ${d.from}->${d.to}`;
      case "operation":
        return `operation ${d.description}`;
      default:
        return d.kind;
    }
  });
}
