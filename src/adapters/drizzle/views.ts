import type { View } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { entityKinds } from "./drizzle-shapes.js";
import type { DrizzleDialectName, DrizzleFlavor } from "./flavor.js";

const VIEW_KINDS: Readonly<Record<string, DrizzleDialectName>> = {
  PgView: "postgresql",
  PgMaterializedView: "postgresql",
  MySqlView: "mysql",
  SQLiteView: "sqlite",
};

/** The database a drizzle view (`pgView`, `pgMaterializedView`, `mysqlView`, `sqliteView`) belongs to; undefined for anything else. */
export function dialectOfView(value: unknown): DrizzleDialectName | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const kinds = entityKinds(value);
  if (!kinds.includes("View")) return undefined;
  for (const kind of kinds) {
    const dialect = VIEW_KINDS[kind];
    if (dialect !== undefined) return dialect;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A drizzle view as a model view: its query compiled by drizzle's own dialect
 * (`.as(qb => ...)` or `.as(sql\`...\`)`), its options (PostgreSQL `with`,
 * MySQL `algorithm`, `sqlSecurity`, `withCheckOption`; a materialized view's
 * `withNoData`, `tablespace`, `using` and `with`, its storage parameters in
 * PostgreSQL's snake_case names). An `.existing()` view is managed elsewhere: it is kept as
 * `existing` and never compared.
 *
 * @example
 * ```ts
 * viewFromDrizzle(flavor, pgView("active").as((qb) => qb.select().from(users)));
 * ```
 */
export function viewFromDrizzle(flavor: DrizzleFlavor, value: object): View {
  const config = flavor.viewConfig(value);
  const name = String(config["name"]);
  const schema = text(config["schema"]);
  const materialized = entityKinds(value).includes("PgMaterializedView");
  const base = { name, ...(schema === undefined ? {} : { schema }), ...(materialized ? { materialized: true } : {}) };
  if (config["isExisting"] === true) return { ...base, definition: "", existing: true };
  if (config["query"] === undefined) {
    throw new AthanorError(`The drizzle view "${name}" has no query`, { hint: "give it one with .as(...), or mark it .existing() when it is managed elsewhere" });
  }
  const options = (config["with"] ?? {}) as Record<string, unknown>;
  const view: Record<string, unknown> = { ...base, definition: flavor.query(config["query"]) };
  if (materialized) {
    if (config["withNoData"] === true) view["withNoData"] = true;
    const tablespace = text(config["tablespace"]);
    if (tablespace !== undefined) view["tablespace"] = tablespace;
    const using = text(config["using"]);
    if (using !== undefined) view["using"] = using;
    // drizzle names storage parameters in camelCase (autovacuumEnabled); PostgreSQL in snake_case.
    const parameters = Object.entries(options ?? {}).filter(([, v]) => v !== undefined);
    if (parameters.length > 0) view["with"] = Object.fromEntries(parameters.map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
  } else if (flavor.dialect === "postgresql") {
    if (options["checkOption"] === "local" || options["checkOption"] === "cascaded") view["checkOption"] = options["checkOption"];
    if (options["securityBarrier"] === true) view["securityBarrier"] = true;
    if (options["securityInvoker"] === true) view["securityInvoker"] = true;
  } else if (flavor.dialect === "mysql") {
    if (config["withCheckOption"] === "local" || config["withCheckOption"] === "cascaded") view["checkOption"] = config["withCheckOption"];
    if (config["sqlSecurity"] === "invoker") view["securityInvoker"] = true;
    const algorithm = config["algorithm"];
    if (algorithm === "merge" || algorithm === "temptable") view["algorithm"] = algorithm;
  }
  return view as unknown as View;
}
