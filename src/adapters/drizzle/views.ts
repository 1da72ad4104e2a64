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
 * `withNoData`). An `.existing()` view is managed elsewhere: it is kept as
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
    const unsupported = [options && Object.keys(options).length > 0 ? "with(...)" : undefined, text(config["using"]) ? "using" : undefined, text(config["tablespace"]) ? "tablespace" : undefined].filter(Boolean);
    if (unsupported.length > 0) {
      throw new AthanorError(`The drizzle materialized view "${name}" sets ${unsupported.join(", ")}, which athanor does not model yet`, {
        hint: "leave them out of the declaration and set them with op.execute in a migration",
      });
    }
    if (config["withNoData"] === true) view["withNoData"] = true;
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
