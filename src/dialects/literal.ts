import { AthanorError } from "../util/errors.js";

/** How one database spells each kind of literal; `renderLiteral` dispatches on the value's type. */
export interface LiteralRules {
  readonly database: string;
  string(text: string): string;
  boolean(value: boolean): string;
  /** `hex` is lower-case hexadecimal, possibly empty. */
  bytes(hex: string): string;
  /** `text` is the UTC time as `YYYY-MM-DD HH:MM:SS.mmm`. */
  date(text: string): string;
  /** NaN and the infinities; databases without them throw. */
  nonFinite(value: number): string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** A date as UTC `YYYY-MM-DD HH:MM:SS.mmm`, the form every supported database reads. */
export function utcTimestamp(value: Date): string {
  return (
    `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ` +
    `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`
  );
}

/** Renders a JavaScript value as an SQL literal following one database's rules. */
export function renderLiteral(value: unknown, rules: LiteralRules): string {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "string":
      return rules.string(value);
    case "boolean":
      return rules.boolean(value);
    case "bigint":
      return value.toString();
    case "number":
      if (Number.isFinite(value)) return Object.is(value, -0) ? "0" : String(value);
      return rules.nonFinite(value);
    default:
      break;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AthanorError("Cannot render an invalid Date as an SQL literal");
    return rules.date(utcTimestamp(value));
  }
  if (value instanceof Uint8Array) return rules.bytes(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex"));
  if (value instanceof ArrayBuffer) return rules.bytes(Buffer.from(value).toString("hex"));
  const kind = Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
  throw new AthanorError(`Cannot render ${kind} as a ${rules.database} SQL literal`, {
    hint: "pass a string, number, bigint, boolean, null, Date or Buffer (serialise objects to JSON text first)",
  });
}

/** Doubles a quote character inside a name; refuses names no database accepts. */
export function quoteWith(name: string, quote: string, database: string): string {
  if (typeof name !== "string" || name === "") {
    throw new AthanorError(`An empty identifier cannot be used on ${database}`);
  }
  if (name.includes("\u0000")) throw new AthanorError(`An identifier cannot contain a NUL character on ${database}`);
  return `${quote}${name.split(quote).join(quote + quote)}${quote}`;
}
