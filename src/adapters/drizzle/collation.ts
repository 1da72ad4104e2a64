import type { ColumnType } from "../../schema/model.js";

/** `<type> [CHARACTER SET x] COLLATE <name>` at the end of a custom type's SQL. */
const TRAILING_COLLATE = /^([\s\S]*?\S)\s+(?:(?:character\s+set|charset)\s+\w+\s+)?collate\s+(?:"((?:[^"]|"")+)"|`((?:[^`]|``)+)`|([\w.$-]+))\s*$/i;

/** `<type> CHARACTER SET <name>` (or `CHARSET`) at the end of a custom type's SQL, without COLLATE (MySQL). */
const TRAILING_CHARSET = /^([\s\S]*?\S)\s+(?:character\s+set|charset)\s+([A-Za-z0-9]+)\s*$/i;

/** The neutral type of a few plain spellings, so a custom type compares like a declared one. */
function neutral(sql: string): ColumnType {
  const text = sql.trim().toLowerCase();
  const varchar = /^(?:varchar|character varying)\s*\(\s*(\d+)\s*\)$/.exec(text);
  if (varchar) return { kind: "string", length: Number(varchar[1]) };
  const char = /^(?:char|character)\s*\(\s*(\d+)\s*\)$/.exec(text);
  if (char) return { kind: "char", length: Number(char[1]) };
  if (text === "text") return { kind: "text" };
  return { kind: "custom", sql: sql.trim() };
}

/**
 * A custom type whose SQL ends in `COLLATE <name>` (drizzle's `customType`
 * with `dataType() { return "varchar(36) COLLATE utf8mb4_bin" }`) as a type and
 * a column collation, so it compares with what the catalog reads back. With
 * `charsets` (MySQL), one ending in `CHARACTER SET <name>` alone gives that
 * name as the collation: the character set's default one, resolved by the
 * server when compared and written `CHARACTER SET <name>` in DDL. Any other
 * type comes back as it is.
 *
 * @example
 * ```ts
 * splitCollation({ kind: "custom", sql: "varchar(36) COLLATE utf8mb4_bin" });
 * // { type: { kind: "string", length: 36 }, collation: "utf8mb4_bin" }
 * ```
 */
export function splitCollation(type: ColumnType, charsets = false): { readonly type: ColumnType; readonly collation?: string } {
  if (type.kind !== "custom") return { type };
  const match = TRAILING_COLLATE.exec(type.sql);
  const charset = charsets && !match ? TRAILING_CHARSET.exec(type.sql) : null;
  // A character set alone is its default collation, which MySQL's compare asks of the server.
  if (charset) return { type: neutral(charset[1]!), collation: charset[2]! };
  if (!match) return { type };
  const collation = match[2]?.replace(/""/g, '"') ?? match[3]?.replace(/``/g, "`") ?? match[4]!;
  return { type: neutral(match[1]!), collation };
}
