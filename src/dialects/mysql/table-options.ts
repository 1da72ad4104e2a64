import type { Table } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

/** The MySQL / MariaDB options of a table: its `dialectOptions.mysql` bag (the DSL's `mysql: { ... }`). */
export interface MysqlTableOptions {
  /** `ENGINE=`, e.g. `InnoDB`. */
  readonly engine?: string;
  /** `DEFAULT CHARSET=`, e.g. `utf8mb4`. */
  readonly charset?: string;
  /** `COLLATE=`, e.g. `utf8mb4_unicode_ci`. */
  readonly collate?: string;
  /** `ROW_FORMAT=`, e.g. `DYNAMIC`, `COMPRESSED`. */
  readonly rowFormat?: string;
}

const KEYS: readonly (keyof MysqlTableOptions)[] = ["engine", "charset", "collate", "rowFormat"];

/**
 * Reads a table's MySQL options from the neutral model's per-database bag.
 * The bag is untyped there, so an unknown key or a value that is not text is
 * refused here rather than dropped.
 *
 * @example
 * ```ts
 * mysqlTableOptions({ ...table, dialectOptions: { mysql: { engine: "InnoDB" } } }); // { engine: "InnoDB" }
 * ```
 */
export function mysqlTableOptions(table: Pick<Table, "name" | "dialectOptions">): MysqlTableOptions {
  const bag = table.dialectOptions?.["mysql"];
  if (bag === undefined) return {};
  const options: { -readonly [K in keyof MysqlTableOptions]: MysqlTableOptions[K] } = {};
  for (const [key, value] of Object.entries(bag)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new AthanorError(`Table "${table.name}": unknown MySQL table option ${JSON.stringify(key)}`, { hint: `use ${KEYS.join(", ")}` });
    }
    if (value === undefined) continue;
    if (typeof value !== "string") {
      throw new AthanorError(`Table "${table.name}": the MySQL table option ${key} must be text, not ${JSON.stringify(value)}`, {
        hint: 'e.g. mysql: { engine: "InnoDB", charset: "utf8mb4" }',
      });
    }
    options[key as keyof MysqlTableOptions] = value;
  }
  return options;
}

/**
 * The options a declared table states that the database's table does not
 * have (compared case-insensitively), with the database's values of the same
 * keys; undefined when they agree. Options the declaration leaves out are not
 * compared. A changed character set brings the collation along both ways, so
 * the downgrade restores the exact collation and not the set's default one.
 *
 * @example
 * ```ts
 * mysqlTableOptionChanges(declared, reflected); // { options: { engine: "MyISAM" }, existing: { engine: "InnoDB" } }
 * ```
 */
export function mysqlTableOptionChanges(
  declared: Pick<Table, "name" | "dialectOptions">,
  reflected: Pick<Table, "name" | "dialectOptions">,
): { readonly options: MysqlTableOptions; readonly existing: MysqlTableOptions } | undefined {
  // nothing stated, nothing to compare (most tables): the database's bag is not read
  if (declared.dialectOptions?.["mysql"] === undefined) return undefined;
  const wanted = mysqlTableOptions(declared);
  const found = mysqlTableOptions(reflected);
  const options: { -readonly [K in keyof MysqlTableOptions]: MysqlTableOptions[K] } = {};
  const existing: { -readonly [K in keyof MysqlTableOptions]: MysqlTableOptions[K] } = {};
  for (const key of KEYS) {
    const value = wanted[key];
    if (value === undefined || value.toLowerCase() === (found[key] ?? "").toLowerCase()) continue;
    options[key] = value;
    if (found[key] !== undefined) existing[key] = found[key];
  }
  if (Object.keys(options).length === 0) return undefined;
  if (options.charset !== undefined && found.collate !== undefined) existing.collate = found.collate;
  return { options, existing };
}
