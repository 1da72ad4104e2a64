import { FILE_TEMPLATE_TOKENS } from "../config/validate.js";
import { AthanorError } from "../util/errors.js";

/** The date tokens of a file template, read in the configured time zone. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Offset from UTC in minutes, when a time zone was configured. */
  readonly offsetMinutes: number | undefined;
  /** Seconds since the Unix epoch. */
  readonly epoch: number;
}

/**
 * Split a moment into calendar parts in an IANA time zone (or local time
 * when `timezone` is undefined).
 *
 * @example
 * ```ts
 * dateParts(new Date("2026-11-21T10:00:00Z"), "Europe/Paris").hour; // 11
 * ```
 */
export function dateParts(date: Date, timezone: string | undefined): DateParts {
  const epoch = Math.floor(date.getTime() / 1000);
  const millisecond = date.getTime() % 1000 < 0 ? 1000 + (date.getTime() % 1000) : date.getTime() % 1000;
  if (timezone === undefined) {
    return {
      year: date.getFullYear(),
      month: date.getMonth() + 1,
      day: date.getDate(),
      hour: date.getHours(),
      minute: date.getMinutes(),
      second: date.getSeconds(),
      millisecond,
      offsetMinutes: undefined,
      epoch,
    };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new AthanorError(`Unknown timezone "${timezone}"`, { hint: 'use an IANA name such as "UTC" or "Europe/Paris"' });
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  const offsetMinutes = Math.round((wall - (date.getTime() - millisecond)) / 60_000);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
    millisecond,
    offsetMinutes,
    epoch,
  };
}

const pad = (n: number, width: number): string => String(Math.trunc(Math.abs(n))).padStart(width, "0");

/**
 * The `Create Date` written in a new file: `2026-11-21 10:00:00.000000`,
 * followed by the UTC offset (`+01:00`) when a time zone is configured.
 */
export function formatCreateDate(parts: DateParts): string {
  const base =
    `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)} ` +
    `${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)}.${pad(parts.millisecond * 1000, 6)}`;
  if (parts.offsetMinutes === undefined) return base;
  const sign = parts.offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(parts.offsetMinutes);
  return `${base}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * The slug of a message: its words, lowercased and joined with `_`; when
 * longer than `maxLength`, cut at the last word boundary before it and ended
 * with `_` (as Alembic does).
 *
 * @example
 * ```ts
 * slugify("Add e-mail to Users!", 40); // "add_e_mail_to_users"
 * ```
 */
export function slugify(message: string, maxLength: number): string {
  const words = message.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  let slug = words.join("_").toLowerCase();
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength);
    const at = cut.lastIndexOf("_");
    slug = `${at < 0 ? cut : cut.slice(0, at)}_`;
  }
  return slug;
}

const BRACE_WIDTH: Readonly<Record<string, number>> = {
  year: 4,
  month: 2,
  day: 2,
  hour: 2,
  minute: 2,
  second: 2,
};

/**
 * Render a file template into a file name (without extension). Two syntaxes:
 * `{rev}_{slug}` (date tokens zero-padded: `{month}` is `03`) and Alembic's
 * printf form `%(rev)s_%(slug)s`, `%(month).2d`, `%(day)02d`, `%%`.
 *
 * @example
 * ```ts
 * renderFileTemplate("{year}{month}{day}_{rev}_{slug}", { rev: "ae10", slug: "init", date }); // "20261121_ae10_init"
 * ```
 */
export function renderFileTemplate(
  template: string,
  values: { readonly rev: string; readonly slug: string; readonly date: DateParts },
): string {
  const lookup = (name: string): string | number => {
    switch (name) {
      case "rev":
        return values.rev;
      case "slug":
        return values.slug;
      case "epoch":
        return values.date.epoch;
      case "year":
      case "month":
      case "day":
      case "hour":
      case "minute":
      case "second":
        return values.date[name];
      default:
        throw new AthanorError(`Unknown token "${name}" in fileTemplate "${template}"`, {
          hint: `tokens: ${FILE_TEMPLATE_TOKENS.map((t) => `{${t}}`).join(", ")}`,
        });
    }
  };
  return template.replace(
    /%%|%\(([A-Za-z_]+)\)([-+ 0#]*)(\d*)(?:\.(\d+))?([sdif])|\{([A-Za-z_]+)\}/g,
    (match, pName?: string, flags?: string, width?: string, precision?: string, conv?: string, bName?: string) => {
      if (match === "%%") return "%";
      if (bName !== undefined) {
        const value = lookup(bName);
        return typeof value === "number" ? pad(value, BRACE_WIDTH[bName] ?? 0) : value;
      }
      const value = lookup(pName!);
      let text: string;
      if (conv === "s") {
        text = String(value);
        if (precision !== undefined) text = text.slice(0, Number(precision));
      } else {
        const n = typeof value === "number" ? value : Number(value);
        if (Number.isNaN(n)) {
          throw new AthanorError(`Token "${pName}" in fileTemplate "${template}" is not a number`, {
            hint: `write %(${pName})s`,
          });
        }
        text = pad(n, precision === undefined ? 0 : Number(precision));
        if (n < 0) text = `-${text}`;
      }
      const w = width ? Number(width) : 0;
      if (text.length < w) {
        if (flags?.includes("-")) text = text.padEnd(w, " ");
        else text = text.padStart(w, flags?.includes("0") && conv !== "s" ? "0" : " ");
      }
      return text;
    },
  );
}
