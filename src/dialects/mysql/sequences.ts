/**
 * MariaDB's sequences (10.3 and later; MySQL has none): what MariaDB fills in
 * for the options left out, how they are read back from the catalog, and the
 * statements that create, change and drop them.
 */
import type { Sequence, SequenceOptions, SequenceValue } from "../../schema/model.js";
import { sequenceOptionsOf, type SequenceDefaults } from "../../schema/sequence.js";
import { AthanorError } from "../../util/errors.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

/**
 * MariaDB's defaults: one range whatever the type (-9223372036854775807 to
 * 9223372036854775806), cache 1000, counting in bigint, no owning column.
 */
export const MARIADB_SEQUENCE_DEFAULTS: SequenceDefaults = {
  limits: [-9223372036854775807n, 9223372036854775806n],
  cache: 1000n,
  fixedType: "bigint",
  noOwner: true,
};

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value ?? "");
}

function quote(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/**
 * What a caller has read already: `DATABASE()`, and the listing of TABLES of
 * the same schemas (`s`, `t`, `kind` = TABLE_TYPE) in order of schema and name.
 */
export interface KnownSequences {
  readonly current: unknown;
  readonly listing: readonly Record<string, unknown>[];
}

/**
 * The sequences of the requested databases (schemas), their options as the
 * model keeps them (MariaDB's defaults left out). `null` in `schemas` is the
 * connection's database, whose sequences come back without `schema`. Nothing
 * on MySQL, which has no sequences, nor when only some tables are asked for.
 *
 * @example
 * ```ts
 * await reflectMariadbSequences(connection, { schemas: [null] });
 * // [{ name: "invoice_numbers", start: 1000, cache: 10 }]
 * ```
 */
export async function reflectMariadbSequences(connection: Connection, options: ReflectOptions = {}, known?: KnownSequences): Promise<Sequence[]> {
  if (options.tables !== undefined) return [];
  const current = text(known !== undefined ? known.current : (await connection.execute("SELECT DATABASE() AS db")).rows[0]?.["db"]);
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const schemas = [...new Set(requested.map((s) => s ?? current))].filter((s) => s !== "");
  if (schemas.length === 0) return [];
  const names =
    known !== undefined
      ? known.listing.filter((row) => text(row["kind"]) === "SEQUENCE")
      : (
          await connection.execute(
            `SELECT table_schema AS s, table_name AS t FROM information_schema.TABLES
     WHERE table_type = 'SEQUENCE' AND table_schema IN (${schemas.map(() => "?").join(", ")}) ORDER BY table_schema, table_name`,
            schemas,
          )
        ).rows;
  if (names.length === 0) return [];
  // Each sequence is a one-row table of its options: read all of them in one statement.
  const selects = names.map(
    (row, i) =>
      `SELECT ${i} AS n, CAST(minimum_value AS CHAR) AS min_value, CAST(maximum_value AS CHAR) AS max_value, CAST(start_value AS CHAR) AS start_value,
       CAST(increment AS CHAR) AS increment, CAST(cache_size AS CHAR) AS cache_size, cycle_option AS cycle FROM ${quote(text(row["s"]))}.${quote(text(row["t"]))}`,
  );
  const { rows } = await connection.execute(selects.join("\nUNION ALL\n"));
  const byIndex = new Map(rows.map((row) => [Number(row["n"]), row]));
  const result: Sequence[] = [];
  names.forEach((row, i) => {
    const values = byIndex.get(i);
    if (values === undefined) return;
    const rowSchema = text(row["s"]);
    const schema = rowSchema === current && requested.includes(null) ? undefined : rowSchema;
    const options = sequenceOptionsOf(
      {
        increment: BigInt(text(values["increment"])),
        minValue: BigInt(text(values["min_value"])),
        maxValue: BigInt(text(values["max_value"])),
        start: BigInt(text(values["start_value"])),
        cache: BigInt(text(values["cache_size"])),
        cycle: Number(values["cycle"]) === 1,
      },
      "bigint",
      MARIADB_SEQUENCE_DEFAULTS,
    );
    result.push({ name: text(row["t"]), ...(schema === undefined ? {} : { schema }), ...options });
  });
  return result;
}

/** The refusal for what MariaDB's sequences do not take (a type other than bigint, an owning column). */
function refuseUnsupported(what: string, name: string, changes: { readonly type?: string; readonly ownedBy?: unknown }): void {
  if (changes.type !== undefined && changes.type !== "bigint") {
    throw new AthanorError(`${what} ${JSON.stringify(name)}: MariaDB's sequences count in bigint and take no type, got ${JSON.stringify(changes.type)}`, {
      hint: "leave type out on MariaDB",
    });
  }
  if (changes.ownedBy !== undefined && changes.ownedBy !== null) {
    throw new AthanorError(`${what} ${JSON.stringify(name)}: MariaDB's sequences cannot be owned by a column`, { hint: "leave ownedBy out on MariaDB" });
  }
}

/** `START WITH n INCREMENT BY n MINVALUE n MAXVALUE n CACHE n CYCLE|NOCYCLE` (MariaDB writes NOCYCLE as one word), each part when given. */
export function mariadbSequenceOptions(options: SequenceOptions, number: (value: SequenceValue, what: string) => string, what: string): string[] {
  const parts: string[] = [];
  if (options.start !== undefined) parts.push(`START WITH ${number(options.start, `${what} start`)}`);
  if (options.increment !== undefined) parts.push(`INCREMENT BY ${number(options.increment, `${what} increment`)}`);
  if (options.minValue !== undefined) parts.push(`MINVALUE ${number(options.minValue, `${what} minValue`)}`);
  if (options.maxValue !== undefined) parts.push(`MAXVALUE ${number(options.maxValue, `${what} maxValue`)}`);
  if (options.cache !== undefined) parts.push(`CACHE ${number(options.cache, `${what} cache`)}`);
  if (options.cycle !== undefined) parts.push(options.cycle ? "CYCLE" : "NOCYCLE");
  return parts;
}

/** The checks every sequence statement makes before it is written: MariaDB only, bigint only, no owner. */
export function checkMariadbSequence(operation: string, name: string, changes: { readonly type?: string; readonly ownedBy?: unknown }, flavor: string | undefined): void {
  if (flavor === "mysql") {
    throw new AthanorError(`${operation} ${JSON.stringify(name)}: MySQL has no sequences (MariaDB 10.3 and later has)`, {
      hint: 'leave it out of this database\'s migrations, or use an AUTO_INCREMENT column',
    });
  }
  refuseUnsupported(operation, name, changes);
}
