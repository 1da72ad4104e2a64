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
}

const KEYS: readonly (keyof MysqlTableOptions)[] = ["engine", "charset", "collate"];

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
export function mysqlTableOptions(table: Table): MysqlTableOptions {
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
