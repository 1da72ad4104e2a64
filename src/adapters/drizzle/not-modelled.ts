import type { NotModelledObject } from "../../schema/not-modelled.js";
import { entityKinds } from "./drizzle-shapes.js";

const VIEW_CONFIG = Symbol.for("drizzle:ViewBaseConfig");

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function withSchema(object: NotModelledObject, schema: unknown): NotModelledObject {
  const name = text(schema);
  return name === undefined ? object : { ...object, schema: name };
}

/**
 * A value of a drizzle schema module that declares something the adapter does
 * not carry into the model: a role, a standalone sequence, a view (an
 * `.existing()` one too), a policy linked to a table from outside it.
 * `undefined` for anything else.
 *
 * @example
 * ```ts
 * reportedEntity(pgRole("admin")); // { kind: "role", name: "admin" }
 * ```
 */
export function reportedEntity(value: unknown): NotModelledObject | undefined {
  const kinds = entityKinds(value);
  const v = value as Record<string | symbol, unknown>;
  if (kinds.includes("PgRole")) return { kind: "role", name: text(v["name"]) ?? "" };
  if (kinds.includes("PgSequence")) return withSchema({ kind: "sequence", name: text(v["seqName"]) ?? "" }, v["schema"]);
  if (kinds.includes("PgPolicy")) {
    const linked = v["_linkedTable"] as Record<symbol, unknown> | undefined;
    if (linked === undefined) return { kind: "policy", name: text(v["name"]) ?? "" };
    const table = text(linked[Symbol.for("drizzle:Name")]);
    return withSchema({ kind: "policy", name: text(v["name"]) ?? "", ...(table === undefined ? {} : { table }) }, linked[Symbol.for("drizzle:Schema")]);
  }
  if (kinds.includes("View")) {
    const config = (v[VIEW_CONFIG] ?? {}) as Record<string, unknown>;
    return withSchema({ kind: kinds.includes("PgMaterializedView") ? "materialized view" : "view", name: text(config["name"]) ?? "" }, config["schema"]);
  }
  return undefined;
}

/**
 * What a drizzle table's config declares that the adapter does not carry:
 * PostgreSQL row-level security (`.enableRLS()`) and the table's policies.
 *
 * @example
 * ```ts
 * reportedOfTable({ name: "users", enableRLS: true, policies: [] }); // [{ kind: "row-level security", table: "users" }]
 * ```
 */
export function reportedOfTable(config: { readonly name: string; readonly schema?: string | undefined; readonly enableRLS?: unknown; readonly policies?: unknown }): NotModelledObject[] {
  const found: NotModelledObject[] = [];
  const policies = Array.isArray(config.policies) ? (config.policies as { name?: unknown }[]) : [];
  if (config.enableRLS === true || policies.length > 0) found.push(withSchema({ kind: "row-level security", table: config.name }, config.schema));
  for (const policy of policies) found.push(withSchema({ kind: "policy", name: text(policy.name) ?? "", table: config.name }, config.schema));
  return found;
}
