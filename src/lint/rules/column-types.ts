import type { ColumnType } from "../../schema/model.js";

const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

/** The type as SQL-ish text for messages (`varchar(50)`, `bigint`). */
export function typeText(type: ColumnType): string {
  switch (type.kind) {
    case "string":
      return type.length === undefined ? "varchar" : `varchar(${type.length})`;
    case "char":
      return type.length === undefined ? "char" : `char(${type.length})`;
    case "binary":
      return type.length === undefined ? "binary" : `binary(${type.length})`;
    case "numeric":
      return type.precision === undefined ? "numeric" : `numeric(${type.precision}${type.scale === undefined ? "" : `, ${type.scale}`})`;
    case "enum":
      return `enum ${type.name} (${type.values.join(", ")})`;
    case "array":
      return `${typeText(type.of)}[]`;
    case "custom":
      return type.sql;
    case "timestamp":
    case "time":
      return `${type.kind}${type.precision === undefined ? "" : `(${type.precision})`}${type.withTimezone ? " with time zone" : ""}`;
    default:
      return type.kind;
  }
}

/**
 * Whether changing a column from `from` to `to` can lose values or fail on
 * values the column holds: a smaller integer, a shorter string, fewer digits,
 * fewer enum values, or a change to an unrelated type.
 */
export function narrows(from: ColumnType, to: ColumnType): boolean {
  const fromRank = INTEGER_RANK[from.kind];
  const toRank = INTEGER_RANK[to.kind];
  if (fromRank !== undefined && toRank !== undefined) return toRank < fromRank;
  if (fromRank !== undefined) return !["numeric", "double", "string", "text"].includes(to.kind) || shorterThan(to, 20);
  if ((from.kind === "string" || from.kind === "char") && (to.kind === "string" || to.kind === "char")) {
    return to.length !== undefined && (from.length === undefined || to.length < from.length);
  }
  if (from.kind === "text") return to.kind !== "text";
  if (from.kind === "string" || from.kind === "char") return to.kind !== "text";
  if (from.kind === "binary" && to.kind === "binary") return to.length !== undefined && (from.length === undefined || to.length < from.length);
  if (from.kind === "numeric" && to.kind === "numeric") {
    if (to.precision === undefined) return false;
    if (from.precision === undefined) return true;
    const fromScale = from.scale ?? 0;
    const toScale = to.scale ?? 0;
    return toScale < fromScale || to.precision - toScale < from.precision - fromScale;
  }
  if (from.kind === "float" && to.kind === "double") return false;
  if (from.kind === "double" && to.kind === "float") return true;
  if ((from.kind === "timestamp" || from.kind === "time") && to.kind === from.kind) {
    return (to.precision ?? 6) < (from.precision ?? 6);
  }
  if (from.kind === "enum" && to.kind === "enum") return from.values.some((value) => !to.values.includes(value));
  if (from.kind === "enum") return to.kind !== "text" && to.kind !== "string";
  if (from.kind === "json" && (to.kind === "jsonb" || to.kind === "text")) return false;
  if (from.kind === "jsonb" && (to.kind === "json" || to.kind === "text")) return false;
  if (from.kind === "date" && to.kind === "timestamp") return false;
  if (from.kind === "custom" && to.kind === "custom") return from.sql.trim().toLowerCase() !== to.sql.trim().toLowerCase();
  return JSON.stringify(from) !== JSON.stringify(to) && to.kind !== "text";
}

function shorterThan(type: ColumnType, length: number): boolean {
  return type.kind === "string" && type.length !== undefined && type.length < length;
}

/**
 * Whether PostgreSQL changes the type without rewriting the table (and its
 * indexes): a longer or unbounded varchar, varchar to text, more numeric
 * precision at the same scale, a timestamp's time zone with UTC sessions aside.
 */
export function postgresqlKeepsRows(from: ColumnType | undefined, to: ColumnType): boolean {
  if (from === undefined) return false;
  if (from.kind === "string" && to.kind === "string") return to.length === undefined || (from.length !== undefined && to.length >= from.length);
  if (from.kind === "string" && to.kind === "text") return true;
  if (from.kind === "text" && to.kind === "string") return to.length === undefined;
  if (from.kind === "binary" && to.kind === "binary") return to.length === undefined || (from.length !== undefined && to.length >= from.length);
  if (from.kind === "numeric" && to.kind === "numeric") {
    if (to.precision === undefined) return true;
    return from.precision !== undefined && (from.scale ?? 0) === (to.scale ?? 0) && to.precision >= from.precision;
  }
  if (from.kind === "json" && to.kind === "json") return true;
  return JSON.stringify(from) === JSON.stringify(to);
}

/** Whether MySQL/MariaDB change the type in place (a longer VARCHAR on the same side of 256 bytes; a longer ENUM list). */
export function mysqlInPlaceType(from: ColumnType | undefined, to: ColumnType): boolean {
  if (from === undefined) return false;
  if (from.kind === "string" && to.kind === "string" && from.length !== undefined && to.length !== undefined) {
    // utf8mb4: 4 bytes a character; the length prefix grows from 1 to 2 bytes at 256 bytes
    return to.length >= from.length && (to.length * 4 < 256) === (from.length * 4 < 256);
  }
  if (from.kind === "enum" && to.kind === "enum") {
    return from.values.every((value, i) => to.values[i] === value) && to.values.length >= from.values.length;
  }
  return JSON.stringify(from) === JSON.stringify(to);
}
