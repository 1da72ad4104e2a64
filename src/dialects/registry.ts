/**
 * The open registry of databases. Each database folder registers itself here
 * with one `registerDialect` call; user code registers a further database the
 * same way. Nothing else in athanor lists databases.
 */
import { AthanorError } from "../util/errors.js";
import type { Dialect } from "./contract/dialect.js";
import type { DialectDefinition } from "./contract/dialect-definition.js";

/** A URL scheme: what `dialect[+driver]://` may start with (lower case). */
const SCHEME = /^[a-z][a-z0-9_.-]*$/;

/** Definitions by name. */
const definitions = new Map<string, DialectDefinition>();
/** Names by every scheme that means them: the name itself and its aliases. */
const schemes = new Map<string, string>();
/** Dialects created so far, by name (`createDialect` runs once). */
const dialects = new Map<string, Dialect>();

function checkScheme(scheme: unknown, what: string): string {
  if (typeof scheme !== "string" || !SCHEME.test(scheme)) {
    throw new AthanorError(`registerDialect(): ${what} ${JSON.stringify(scheme)} is not a URL scheme`, {
      hint: "use lower-case letters, digits, _ . - and start with a letter, e.g. \"oracle\"",
    });
  }
  const taken = schemes.get(scheme);
  if (taken !== undefined) {
    throw new AthanorError(`registerDialect(): ${JSON.stringify(scheme)} already names the ${taken} database`, {
      hint: "give the new database its own name and aliases",
    });
  }
  return scheme;
}

/**
 * Adds a database to athanor: its URLs (`name[+driver]://…` and the alias
 * schemes) then connect through its drivers, `getDialect(name)` returns its
 * dialect, and every command works with it. The dialect fulfils the whole
 * contract (`Dialect`): DDL compiler, catalog reader, comparison rules, batch
 * support and run guard. Register before the first `connect` or command that
 * needs it, e.g. at the top of `athanor.config.ts`.
 *
 * @returns the definition, registered
 * @throws AthanorError when the name or an alias is not a URL scheme or
 *   already names a registered database, or when the definition has no driver.
 * @example
 * ```ts
 * import { registerDialect } from "athanor";
 * import { createOracleDialect, openOracle } from "./oracle/index.js";
 *
 * registerDialect({
 *   name: "oracle",
 *   aliases: ["oracledb"],
 *   createDialect: () => createOracleDialect(),
 *   defaultDriver: "oracledb",
 *   drivers: { oracledb: (url, options) => openOracle(url, options) },
 * });
 * // athanor.config.ts can now say url: "oracle://app@db.local/shop"
 * ```
 */
export function registerDialect(definition: DialectDefinition): DialectDefinition {
  if (definitions.get(definition.name) === definition) return definition;
  const names = [checkScheme(definition.name, "the name")];
  for (const alias of definition.aliases ?? []) {
    if (names.includes(alias)) continue;
    names.push(checkScheme(alias, "the alias"));
  }
  const drivers = Object.keys(definition.drivers ?? {});
  if (typeof definition.createDialect !== "function" || drivers.length === 0 || !drivers.includes(definition.defaultDriver)) {
    throw new AthanorError(`registerDialect(): the ${definition.name} definition needs createDialect() and drivers that include its defaultDriver`, {
      hint: 'e.g. { createDialect: () => dialect, defaultDriver: "x", drivers: { x: (url) => open(url) } }',
    });
  }
  definitions.set(definition.name, definition);
  for (const scheme of names) schemes.set(scheme, definition.name);
  return definition;
}

/** The definition a URL scheme stands for, its name or an alias (`postgres`); undefined when none is registered. */
export function definitionOfScheme(scheme: string): DialectDefinition | undefined {
  const name = schemes.get(scheme);
  return name === undefined ? undefined : definitions.get(name);
}

/** The definition registered under `name` (not an alias); undefined when none is. */
export function definitionNamed(name: string): DialectDefinition | undefined {
  return definitions.get(name);
}

/** The registered names, in registration order. */
export function registeredNames(): string[] {
  return [...definitions.keys()];
}

/** The dialect of a registered definition, created on first use. */
export function dialectOf(definition: DialectDefinition): Dialect {
  let dialect = dialects.get(definition.name);
  if (dialect === undefined) {
    dialect = definition.createDialect();
    if (dialect.name !== definition.name) {
      throw new AthanorError(`The ${definition.name} definition created a dialect named ${JSON.stringify(dialect.name)}`, {
        hint: "a dialect's name is the name it is registered under",
      });
    }
    dialects.set(definition.name, dialect);
  }
  return dialect;
}
