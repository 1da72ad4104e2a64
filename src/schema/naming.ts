/**
 * Naming conventions: names for constraints and indexes declared without one,
 * with SQLAlchemy's tokens, so that a later migration can drop them by name.
 */
import { createHash } from "node:crypto";
import { AthanorError } from "../util/errors.js";
import type { IndexElement } from "./model.js";

/**
 * A name that is final: no naming convention rewrites it (SQLAlchemy's `conv`,
 * Alembic's `op.f()`).
 */
export class FinalName {
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  toString(): string {
    return this.name;
  }
}

/**
 * Mark `name` as final, so a convention containing `%(constraint_name)s` does
 * not wrap it again.
 *
 * @example
 * ```ts
 * check(f("ck_users_age_positive"), "age > 0");
 * ```
 */
export function f(name: string): FinalName {
  if (typeof name !== "string" || name === "") throw new AthanorError("f(): pass a non-empty name");
  return new FinalName(name);
}

/** A constraint or index name as the DSL takes it. */
export type ConstraintName = string | FinalName;

/** What a convention names: indexes, unique, check, foreign key and primary key constraints. */
export type ConventionKind = "ix" | "uq" | "ck" | "fk" | "pk";

/** The facts a convention's tokens read. */
export interface NamingSubject {
  readonly kind: ConventionKind;
  readonly table: string;
  /** Column names (or index expressions) in order. */
  readonly columns: readonly IndexElement[];
  /** The columns' property names in the declaration (for the `key` tokens); default: their names. */
  readonly columnKeys?: readonly (string | undefined)[];
  readonly refTable?: string;
  readonly refColumns?: readonly string[];
  /** The name given in the declaration, if any. */
  readonly name?: ConstraintName | undefined;
}

/**
 * Templates per kind, with SQLAlchemy's tokens (`%(table_name)s`) or the same
 * tokens in braces (`{table_name}`):
 * `table_name`, `column_0_name`, `column_0_label` (`<table>_<column>`),
 * `column_0_key` (the property name in the declaration), `column_0N_name` (all columns, joined), `column_0_N_name`
 * (joined with `_`), the same `N` forms for `label` and `key`, `column_1_name`
 * and so on, `referred_table_name`, `referred_column_0_name` (and its `N` forms),
 * `constraint_name`. `tokens` adds your own.
 *
 * @example
 * ```ts
 * const convention: NamingConvention = {
 *   ix: "ix_%(column_0_label)s",
 *   uq: "uq_%(table_name)s_%(column_0_name)s",
 *   ck: "ck_%(table_name)s_%(constraint_name)s",
 *   fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
 *   pk: "pk_%(table_name)s",
 * };
 * ```
 */
export interface NamingConvention {
  readonly ix?: string;
  readonly uq?: string;
  readonly ck?: string;
  readonly fk?: string;
  readonly pk?: string;
  /** Extra tokens, computed from the subject. */
  readonly tokens?: Readonly<Record<string, (subject: NamingSubject) => string>>;
}

/** Indexes are named `ix_<table>_<first column>` unless a convention says otherwise (as SQLAlchemy does). */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = Object.freeze({ ix: "ix_%(column_0_label)s" });

/** Longest name a convention produces before it is shortened (PostgreSQL's limit; MySQL allows 64). */
export const DEFAULT_MAX_IDENTIFIER_LENGTH = 63;

const TOKEN = /%\(([A-Za-z0-9_]+)\)s|\{([A-Za-z0-9_]+)\}/g;
const COLUMN_TOKEN = /^(referred_)?column_(\d+)(N|_N)?_(name|label|key)$/;

function elementName(element: IndexElement): string {
  if (typeof element === "string") return element;
  const cleaned = element.expression.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase();
  return cleaned === "" ? "expr" : cleaned;
}

function nameText(name: ConstraintName): string {
  return name instanceof FinalName ? name.name : name;
}

function tokenValue(token: string, subject: NamingSubject, convention: NamingConvention, template: string): string {
  const custom = convention.tokens?.[token];
  if (custom) return custom(subject);
  switch (token) {
    case "table_name":
      return subject.table;
    case "referred_table_name":
      if (subject.refTable === undefined) break;
      return subject.refTable;
    case "constraint_name":
      if (subject.name === undefined) {
        throw new AthanorError(
          `The naming convention "${template}" for ${subject.kind} uses %(constraint_name)s, so the ${describe(subject)} needs a name`,
          { hint: "give the constraint a name; the convention wraps it (or use f(name) for a final name)" },
        );
      }
      return nameText(subject.name);
  }
  const match = columnToken(token);
  if (match) {
    const [, referred, indexText, joined, part] = match;
    const names = referred
      ? (subject.refColumns ?? [])
      : subject.columns.map((c, i) => (part === "key" ? (subject.columnKeys?.[i] ?? elementName(c)) : elementName(c)));
    if (referred && part !== "name") throw unknownToken(token, template);
    const render = (name: string): string => (part === "label" ? `${subject.table}_${name}` : name);
    const index = Number(indexText);
    if (joined) {
      const all = names.slice(index).map(render);
      if (all.length > 0) return all.join(joined === "_N" ? "_" : "");
    } else if (index < names.length) {
      return render(names[index]!);
    }
    throw new AthanorError(
      `The naming convention "${template}" uses %(${token})s but the ${describe(subject)} has ${names.length} ${referred ? "referred " : ""}column(s)`,
      { hint: "use a token for a column the constraint has, or name the constraint yourself" },
    );
  }
  throw unknownToken(token, template);
}

function unknownToken(token: string, template: string): AthanorError {
  return new AthanorError(`Unknown naming convention token "${token}" in "${template}"`, {
    hint: "tokens: table_name, column_0_name, column_0_label, column_0_key, column_0N_name, column_0_N_name, referred_table_name, referred_column_0_name, constraint_name (or add it under tokens)",
  });
}

function describe(subject: NamingSubject): string {
  const what = { ix: "index", uq: "unique constraint", ck: "check constraint", fk: "foreign key", pk: "primary key" }[subject.kind];
  const columns = subject.columns.map(elementName).join(", ");
  return `${what} on ${subject.table}${columns ? ` (${columns})` : ""}`;
}

interface CompiledTemplate {
  /** Literal text and token names in turn: text, token, text, ..., text. */
  readonly parts: readonly string[];
  /** Whether the template wraps the given name (%(constraint_name)s). */
  readonly usesName: boolean;
}

// A model names thousands of constraints with the same few templates: each is split into
// its text and tokens once.
const compiledTemplates = new Map<string, CompiledTemplate>();

function compiledTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (compiled !== undefined) return compiled;
  const parts: string[] = [];
  let last = 0;
  let usesName = false;
  for (const match of template.matchAll(TOKEN)) {
    const token = (match[1] ?? match[2])!;
    if (token === "constraint_name") usesName = true;
    parts.push(template.slice(last, match.index), token);
    last = match.index! + match[0].length;
  }
  parts.push(template.slice(last));
  compiled = { parts, usesName };
  if (compiledTemplates.size >= 256) compiledTemplates.clear();
  compiledTemplates.set(template, compiled);
  return compiled;
}

const columnTokens = new Map<string, RegExpExecArray | null>();

/** The parts of a column token (`column_0_name`, `referred_column_0N_name`), or null. */
function columnToken(token: string): RegExpExecArray | null {
  let match = columnTokens.get(token);
  if (match === undefined) {
    match = COLUMN_TOKEN.exec(token);
    if (columnTokens.size >= 256) columnTokens.clear();
    columnTokens.set(token, match);
  }
  return match;
}

function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("md5").update(name).digest("hex").slice(-4);
  return `${name.slice(0, max - 5)}_${hash}`;
}

/**
 * The name a constraint or index gets: a final name as it is; an explicit name
 * as it is unless the convention uses `%(constraint_name)s`; otherwise the
 * convention's name (shortened with a hash past `maxLength`), or undefined
 * when no convention applies.
 *
 * @example
 * ```ts
 * conventionalName({ uq: "uq_%(table_name)s_%(column_0_N_name)s" },
 *   { kind: "uq", table: "users", columns: ["org_id", "email"] }); // "uq_users_org_id_email"
 * ```
 */
export function conventionalName(
  convention: NamingConvention | undefined,
  subject: NamingSubject,
  options: { readonly maxLength?: number } = {},
): string | undefined {
  if (subject.name instanceof FinalName) return subject.name.name;
  const template = convention?.[subject.kind];
  if (template === undefined) return subject.name;
  const { parts, usesName } = compiledTemplate(template);
  if (subject.name !== undefined && !usesName) return subject.name;
  let rendered = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) rendered += tokenValue(parts[i]!, subject, convention!, template) + parts[i + 1]!;
  return shorten(rendered, options.maxLength ?? DEFAULT_MAX_IDENTIFIER_LENGTH);
}

/** Check every token of a convention once, so a typo fails when the MetaData is made. */
export function validateNamingConvention(convention: NamingConvention): void {
  for (const kind of ["ix", "uq", "ck", "fk", "pk"] as const) {
    const template = convention[kind];
    if (template === undefined) continue;
    if (typeof template !== "string" || template === "") {
      throw new AthanorError(`namingConvention.${kind} must be a non-empty template string`);
    }
    for (const match of template.matchAll(TOKEN)) {
      const token = (match[1] ?? match[2])!;
      if (convention.tokens?.[token]) continue;
      if (["table_name", "referred_table_name", "constraint_name"].includes(token)) continue;
      const column = COLUMN_TOKEN.exec(token);
      if (column && (!column[1] || column[4] === "name")) continue;
      throw unknownToken(token, template);
    }
  }
}
