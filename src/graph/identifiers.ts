import { RevisionGraphError } from "./errors.js";

/** Characters a revision id may not contain (they carry meaning in identifiers). */
const ILLEGAL_ID_CHARS = ["@", "-", "+", ":", ","] as const;

const ASCII_ID = /^[0-9A-Za-z_.]+$/;

/**
 * Whether `id` holds only characters no check below refuses: ASCII letters,
 * digits, `_`, `.` and any non-ASCII character that is not whitespace. One pass
 * over the characters, where the checks below build their messages.
 */
function isPlainId(id: string): boolean {
  // the usual id in one native step (a loop over its characters runs in V8's interpreter)
  if (ASCII_ID.test(id)) return true;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46) continue;
    if (c < 128 || /\s/u.test(id[i]!)) return false;
  }
  return true;
}

/** Longest revision id the version table column (VARCHAR(32)) can hold. */
export const MAX_REVISION_ID_LENGTH = 32;

/**
 * Throws unless `id` can be a revision id: not empty, at most 32 characters, no
 * whitespace and none of `@ - + : ,`.
 *
 * @example
 * ```ts
 * assertValidRevisionId("3f1c2a9b7d10"); // ok
 * assertValidRevisionId("v1-2");         // throws RevisionGraphError
 * ```
 */
export function assertValidRevisionId(id: string): void {
  if (typeof id !== "string" || id.length === 0) {
    throw new RevisionGraphError("A revision id must be a non-empty string", {
      code: "invalid-id",
      hint: "use letters, digits and underscores",
    });
  }
  if (id.length <= MAX_REVISION_ID_LENGTH && isPlainId(id)) return;
  const bad = ILLEGAL_ID_CHARS.filter((c) => id.includes(c));
  if (bad.length > 0) {
    throw new RevisionGraphError(
      `Character(s) '${bad.join(", ")}' not allowed in revision identifier '${id}'`,
      { code: "invalid-id", revisions: [id], hint: "use letters, digits and underscores" },
    );
  }
  if (/\s/u.test(id)) {
    throw new RevisionGraphError(`Revision identifier '${id}' contains whitespace`, {
      code: "invalid-id",
      revisions: [id],
      hint: "use letters, digits and underscores",
    });
  }
  if (id.length > MAX_REVISION_ID_LENGTH) {
    throw new RevisionGraphError(
      `Revision identifier '${id}' is ${id.length} characters long; the version table holds at most ${MAX_REVISION_ID_LENGTH}`,
      { code: "invalid-id", revisions: [id], hint: "choose a shorter revision id" },
    );
  }
}

/**
 * Splits a history range `start:end` into its two sides; an empty side is
 * `null` (`":b"`, `"a:"`, `":"`).
 *
 * @example
 * ```ts
 * parseRevisionRange("base:head"); // { lower: "base", upper: "head" }
 * parseRevisionRange("-3:");       // { lower: "-3", upper: null }
 * ```
 */
export function parseRevisionRange(text: string): { lower: string | null; upper: string | null } {
  const parts = text.trim().split(":");
  if (parts.length !== 2) {
    throw new RevisionGraphError(
      `Invalid revision range '${text}': a range requires [start]:[end], [start]:, or :[end]`,
      { code: "invalid-range", argument: text, hint: "write it as start:end, e.g. base:head" },
    );
  }
  const [lower, upper] = parts as [string, string];
  return { lower: lower.trim() === "" ? null : lower.trim(), upper: upper.trim() === "" ? null : upper.trim() };
}

/** A relative identifier: `[label@][symbol]+N` or `[label@][symbol]-N`. */
export interface RelativeIdentifier {
  readonly branchLabel: string | null;
  readonly symbol: string | null;
  /** Signed step count, e.g. `-2`. */
  readonly steps: number;
  /** The signed count as written, e.g. `"+2"`. */
  readonly text: string;
}

const RELATIVE = /^(?:(.+?)@)?([\p{L}\p{N}_]+)?([+-]\d+)/u;

/** Parses a relative identifier, or returns `null` when `text` is not one. */
export function parseRelative(text: string): RelativeIdentifier | null {
  const m = RELATIVE.exec(text);
  if (m === null) return null;
  const rel = m[3] as string;
  if (/^[+-]0+$/.test(rel)) {
    throw new RevisionGraphError(`Relative revision '${text}' moves no step`, {
      code: "relative",
      argument: text,
      hint: "give a count of at least 1, e.g. -1 or +2",
    });
  }
  return {
    branchLabel: m[1] ?? null,
    symbol: m[2] ?? null,
    steps: Number.parseInt(rel, 10),
    text: rel,
  };
}

/** Whether `text` reads as an integer the way a relative step count does (`-2`, `3`). */
export function asInteger(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d+$/u.test(t)) return null;
  return Number.parseInt(t, 10);
}
