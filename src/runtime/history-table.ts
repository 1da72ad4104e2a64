import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Connection, Dialect } from "../dialects/contract/index.js";
import type { MigrationStep } from "../graph/types.js";
import type { Table } from "../schema/model.js";
import { AthanorError } from "../util/errors.js";

/** What one history row says: one upgrade, downgrade or stamp step. */
export interface HistoryRow {
  /** Order of writing: 1, 2, 3, … */
  readonly id: number;
  /** The revision the step ran; for a stamp, the revision stamped to (or, stamping down, the one taken off). */
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade" | "stamp";
  /** The version table's rows after the step, comma-separated ("" at base). */
  readonly headsAfter: string;
  /** SHA-256 of the revision file's bytes when the step ran; `null` when there was no file. */
  readonly checksum: string | null;
  /** SHA-256 of what the file runs (comments, layout, quotes and types left out); `null` when it could not be computed. */
  readonly codeChecksum: string | null;
  /** When the step started (an offline script's own CURRENT_TIMESTAMP). */
  readonly startedAt: Date | null;
  /** How long the step took; `null` for offline scripts. */
  readonly durationMs: number | null;
  readonly athanorVersion: string | null;
  /** The database user that ran the step (`null` on SQLite, which has none). */
  readonly databaseUser: string | null;
}

/** The values of a row to write; `startedAt` and `durationMs` absent in offline scripts. */
export interface HistoryEntry {
  readonly step: MigrationStep;
  readonly checksum: string | undefined;
  readonly codeChecksum: string | undefined;
  readonly headsAfter: readonly string[];
  readonly startedAt?: Date;
  readonly durationMs?: number;
}

const COLUMNS = [
  "revision",
  "direction",
  "heads_after",
  "checksum",
  "code_checksum",
  "started_at",
  "duration_ms",
  "athanor_version",
  "database_user",
] as const;

/**
 * The applied history: one row per upgrade, downgrade and stamp, next to the
 * version table (same schema), which it leaves exactly as it is. Created by the
 * first run that writes to it; a database without it is a database migrated
 * before it existed (or with the history turned off), and keeps working.
 */
export class HistoryTable {
  readonly dialect: Dialect;
  readonly name: string;
  readonly schema: string | undefined;
  readonly #quoted: string;

  constructor(dialect: Dialect, name: string, schema?: string | null) {
    this.dialect = dialect;
    this.name = name;
    this.schema = schema ?? undefined;
    this.#quoted = dialect.quoteTable(name, this.schema ?? null);
  }

  /** `schema.table` for messages. */
  get displayName(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name;
  }

  /** The table as the neutral model describes it, compiled by the dialect's own DDL compiler. */
  model(): Table {
    const string = (name: string, length: number, nullable: boolean) => ({ name, type: { kind: "string" as const, length }, nullable });
    return {
      name: this.name,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      columns: [
        // numbered by the INSERT itself: no sequence, no SQLite sqlite_sequence, the same on every database
        { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: false },
        string("revision", 32, false),
        string("direction", 16, false),
        { name: "heads_after", type: { kind: "text" }, nullable: true },
        string("checksum", 64, true),
        string("code_checksum", 64, true),
        { name: "started_at", type: { kind: "timestamp", precision: 3 }, nullable: false },
        { name: "duration_ms", type: { kind: "integer" }, nullable: true },
        string("athanor_version", 32, true),
        string("database_user", 255, true),
      ],
      primaryKey: { name: `${this.name}_pkc`, columns: ["id"] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    };
  }

  /** `CREATE TABLE IF NOT EXISTS` of the table. */
  createStatements(): string[] {
    return this.dialect.ddl.compile({ kind: "createTable", table: this.model(), ifNotExists: true });
  }

  async exists(connection: Connection): Promise<boolean> {
    return connection.tableExists(this.name, this.schema ?? null);
  }

  async create(connection: Connection): Promise<void> {
    for (const statement of this.createStatements()) await connection.execute(statement);
  }

  /**
   * The INSERT of one row, values as literals (the same text online and
   * offline). The user is the database's own expression, read as the row is
   * written: no round trip of its own. The row's number is one more than the
   * last (runs that write rows hold the migration lock).
   */
  insertStatement(entry: HistoryEntry): string {
    const lit = (value: string | number | null | undefined): string =>
      value === undefined || value === null ? "NULL" : this.dialect.literal(value);
    const { step } = entry;
    // the text around the values is the same for every row: made once (a thousand steps write a thousand rows)
    const around = (this.#insertAround ??= this.#around());
    const values = [
      lit(historyRevision(step)),
      lit(step.kind),
      lit(entry.headsAfter.join(",")),
      lit(entry.checksum),
      lit(entry.codeChecksum),
      entry.startedAt === undefined ? around.now : lit(utcText(entry.startedAt)),
      lit(entry.durationMs === undefined ? undefined : Math.round(entry.durationMs)),
      around.last,
    ];
    return `${around.first}${values.join(", ")}${around.end}`;
  }

  #insertAround: { readonly first: string; readonly now: string; readonly last: string; readonly end: string } | undefined;

  /** What {@link insertStatement} writes before, between and after a row's own values. */
  #around(): { first: string; now: string; last: string; end: string } {
    const id = this.dialect.quoteIdentifier("id");
    const columns = [id, ...COLUMNS.map((c) => this.dialect.quoteIdentifier(c))].join(", ");
    return {
      first: `INSERT INTO ${this.#quoted} (${columns}) SELECT COALESCE(MAX(${id}), 0) + 1, `,
      now: this.dialect.utcNowSql ?? "CURRENT_TIMESTAMP",
      // athanor's version and the database user
      last: `${this.dialect.literal(athanorVersion())}, ${this.dialect.currentUserSql ?? "NULL"}`,
      end: ` FROM ${this.#quoted}`,
    };
  }

  /**
   * Every row, in the order written; `undefined` when the table does not exist.
   * With `latest`, only each revision's last row and its last row that is not a
   * downgrade, in the same order: what tells whether an applied file changed,
   * without reading a history that grows with every run.
   */
  async readRows(connection: Connection, options: { readonly latest?: boolean } = {}): Promise<HistoryRow[] | undefined> {
    if (!(await this.exists(connection))) return undefined;
    const q = (c: string): string => this.dialect.quoteIdentifier(c);
    // the time as text: drivers turn a timestamp into a Date each in its own time zone
    const columns = ["id", ...COLUMNS].map((c) => (c === "started_at" ? `CAST(${q(c)} AS CHAR(32)) AS ${q(c)}` : q(c)));
    const last = (where: string): string => `SELECT MAX(${q("id")}) FROM ${this.#quoted}${where} GROUP BY ${q("revision")}`;
    const latest =
      options.latest === true
        ? ` WHERE ${q("id")} IN (${last("")}) OR ${q("id")} IN (${last(` WHERE ${q("direction")} <> 'downgrade'`)})`
        : "";
    const result = await connection.execute(`SELECT ${columns.join(", ")} FROM ${this.#quoted}${latest} ORDER BY ${q("id")}`);
    return result.rows.map((row) => {
      const text = (key: string): string | null => {
        const value = row[key];
        return value === null || value === undefined ? null : String(value);
      };
      const number = (key: string): number | null => {
        const value = row[key];
        return value === null || value === undefined ? null : Number(value);
      };
      const direction = text("direction");
      if (direction !== "upgrade" && direction !== "downgrade" && direction !== "stamp") {
        throw new AthanorError(`The history table ${this.displayName} holds a row whose direction is ${String(direction)}`, {
          hint: "check the table's rows; athanor writes upgrade, downgrade and stamp",
        });
      }
      return {
        id: number("id") ?? 0,
        revision: text("revision") ?? "",
        direction,
        headsAfter: text("heads_after") ?? "",
        checksum: text("checksum"),
        codeChecksum: text("code_checksum"),
        startedAt: readTime(row["started_at"]),
        durationMs: number("duration_ms"),
        athanorVersion: text("athanor_version"),
        databaseUser: text("database_user"),
      };
    });
  }
}

/** The revision a step's row names: the one run, else (a stamp) the one stamped to, else the one stamped off. */
export function historyRevision(step: MigrationStep): string {
  if (step.revision !== null) return step.revision;
  const to = step.toRevisionsNoDeps ?? step.toRevisions;
  const from = step.fromRevisionsNoDeps ?? step.fromRevisions;
  const added = to.find((r) => !from.includes(r));
  return added ?? from.find((r) => !to.includes(r)) ?? to[0] ?? from[0] ?? "";
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: a timestamp literal all three databases read. */
function utcText(date: Date): string {
  const iso = date.toISOString();
  // YYYY-MM-DDTHH:MM:SS.mmmZ cut around its T and Z (a year past 9999 is written longer)
  return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.replace("T", " ").replace("Z", "");
}

/** A timestamp read as text (in UTC, as written), as a Date. */
function readTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value).trim();
  const iso = /[zZ]|[+-]\d\d(?::?\d\d)?$/.test(text) ? text.replace(" ", "T") : `${text.replace(" ", "T")}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

let version: string | undefined;

/** athanor's own version, from its package.json (found above this file, wherever the bundle put it). */
export function athanorVersion(): string {
  if (version !== undefined) return version;
  version = "unknown";
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "athanor" && typeof pkg.version === "string") {
        version = pkg.version;
        break;
      }
    } catch {
      // not here: one folder up
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return version;
}
