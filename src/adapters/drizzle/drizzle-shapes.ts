/**
 * The parts of drizzle-orm's objects the adapter reads, described structurally
 * so that athanor compiles and runs without drizzle-orm installed.
 */

/** drizzle's marker of an entity's class (`PgTable`, `SQL`, `PgSerial`, ...). */
export const ENTITY_KIND = Symbol.for("drizzle:entityKind");
export const IS_PG_ENUM = Symbol.for("drizzle:isPgEnum");
export const TABLE_NAME = Symbol.for("drizzle:Name");
export const TABLE_SCHEMA = Symbol.for("drizzle:Schema");

export interface DrizzleColumn {
  readonly name: string;
  readonly keyAsName?: boolean;
  readonly primary: boolean;
  readonly notNull: boolean;
  readonly default: unknown;
  readonly hasDefault: boolean;
  readonly isUnique: boolean;
  readonly uniqueName: string | undefined;
  readonly uniqueType?: string | undefined;
  readonly dataType: string;
  readonly columnType: string;
  readonly enumValues: readonly string[] | undefined;
  readonly generated: { readonly as: unknown; readonly type?: string; readonly mode?: "stored" | "virtual" } | undefined;
  readonly generatedIdentity:
    | { readonly type: "always" | "byDefault"; readonly sequenceOptions?: { readonly startWith?: number | string; readonly increment?: number | string } }
    | undefined;
  readonly table: object;
  getSQLType(): string;
  readonly [key: string]: unknown;
}

export interface DrizzleForeignKey {
  readonly onDelete?: string | undefined;
  readonly onUpdate?: string | undefined;
  reference(): {
    readonly name?: string;
    readonly columns: readonly DrizzleColumn[];
    readonly foreignColumns: readonly DrizzleColumn[];
    readonly foreignTable?: object;
  };
  getName(): string;
}

export interface DrizzleIndex {
  readonly config: {
    readonly name?: string;
    readonly columns: readonly unknown[];
    readonly unique?: boolean;
    readonly where?: unknown;
    /** PostgreSQL access method. */
    readonly method?: string;
    /** MySQL `USING BTREE|HASH`. */
    readonly using?: string;
    /** PostgreSQL storage parameters. */
    readonly with?: Readonly<Record<string, string | number | boolean>>;
  };
}

export interface DrizzleUnique {
  readonly name?: string;
  readonly columns: readonly DrizzleColumn[];
  readonly nullsNotDistinct?: boolean;
  getName(): string;
}

export interface DrizzlePrimaryKey {
  readonly name?: string;
  readonly columns: readonly DrizzleColumn[];
  getName(): string;
}

export interface DrizzleCheck {
  readonly name: string;
  readonly value: unknown;
}

/** What each dialect's `getTableConfig(table)` returns. */
export interface DrizzleTableConfig {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly columns: readonly DrizzleColumn[];
  readonly indexes: readonly DrizzleIndex[];
  readonly foreignKeys: readonly DrizzleForeignKey[];
  readonly checks: readonly DrizzleCheck[];
  readonly primaryKeys: readonly DrizzlePrimaryKey[];
  readonly uniqueConstraints: readonly DrizzleUnique[];
}

/** A `pgEnum(...)` value: a function carrying the enum's name, values and schema. */
export interface DrizzlePgEnum {
  readonly enumName: string;
  readonly enumValues: readonly string[];
  readonly schema?: string | undefined;
}

/** The entity kinds of `value`'s class and its ancestors, nearest first. */
export function entityKinds(value: unknown): string[] {
  const kinds: string[] = [];
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return kinds;
  let cls: unknown = typeof value === "function" ? undefined : (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  while (typeof cls === "function") {
    const kind = (cls as unknown as Record<symbol, unknown>)[ENTITY_KIND];
    if (typeof kind === "string" && kinds[kinds.length - 1] !== kind) kinds.push(kind);
    cls = Object.getPrototypeOf(cls);
  }
  return kinds;
}

/** Whether `value` is a drizzle entity of the given kind (or a subclass of it). */
export function isKind(value: unknown, kind: string): boolean {
  return entityKinds(value).includes(kind);
}

export function isPgEnum(value: unknown): value is DrizzlePgEnum {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[IS_PG_ENUM] === true;
}

/** A table's name and schema, read from drizzle's symbols. */
export function tableIdentity(table: object): { readonly name: string; readonly schema: string | undefined } {
  const record = table as Record<symbol, unknown>;
  const schema = record[TABLE_SCHEMA];
  return { name: String(record[TABLE_NAME]), schema: typeof schema === "string" ? schema : undefined };
}
