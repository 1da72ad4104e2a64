import type { MetaData } from "./metadata.js";
import type { SchemaModel } from "./model.js";

/**
 * One declared schema: a `MetaData`, or a schema model (`{ tables, enums }`),
 * which is also what `fromDrizzle(schema)` of `athanor/drizzle` makes of
 * drizzle-orm tables.
 */
export type DeclaredSchema = MetaData | SchemaModel;

/**
 * What autogenerate compares the database with (env.ts's `targetMetadata`,
 * `compareMetadata`, `produceMigrations`): one declared schema, or a list of
 * them whose table names do not repeat.
 *
 * @example
 * ```ts
 * const target: TargetMetadata = [authMetadata, fromDrizzle(billingSchema)];
 * ```
 */
export type TargetMetadata = DeclaredSchema | readonly DeclaredSchema[];
