import { AthanorError } from "../util/errors.js";
import type { AthanorConfigInput } from "./define-config.js";
import { fleetDeclarationProblem } from "../fleet/validate-targets.js";
import { nearest } from "../util/nearest.js";

/** Where the object being checked came from, for file:line in errors. */
export interface ConfigSource {
  readonly file: string | undefined;
  /** The file's text, used to find the line of a key. */
  readonly text: string | undefined;
  /** Offset in `text` where the object being checked starts (a section). */
  readonly after?: number;
}

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === "string" ? undefined : "a string");
const isNonEmptyString: Check = (v) =>
  typeof v === "string" && v.length > 0 ? undefined : "a non-empty string";
const isBoolean: Check = (v) => (typeof v === "boolean" ? undefined : "true or false");
const isPositiveInteger: Check = (v) =>
  typeof v === "number" && Number.isInteger(v) && v > 0 ? undefined : "a positive integer";
const isNonNegativeNumber: Check = (v) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : "a number of milliseconds (0 or more)";
const isStringOrStrings: Check = (v) =>
  typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))
    ? undefined
    : "a string or an array of strings";
/** The tokens a file template may use (`{rev}` or `%(rev)s`). */
export const FILE_TEMPLATE_TOKENS: readonly string[] = [
  "rev",
  "slug",
  "epoch",
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
];
const isFileTemplate: Check = (v) => {
  if (typeof v !== "string" || v.length === 0) return "a non-empty string";
  const names = [...v.matchAll(/%\(([A-Za-z_]+)\)|\{([A-Za-z_]+)\}/g)].map((m) => m[1] ?? m[2]!);
  const unknown = names.find((n) => !FILE_TEMPLATE_TOKENS.includes(n));
  if (unknown !== undefined) {
    return `a file name template; "${unknown}" is not a token (tokens: ${FILE_TEMPLATE_TOKENS.map((t) => `{${t}}`).join(", ")})`;
  }
  if (!names.includes("rev")) return "a file name template containing {rev}";
  return undefined;
};
const isPlainObject: Check = (v) =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? undefined : "an object";

/** Keys allowed at the top level and in sections, with their checks. */
const SECTION_KEYS: Readonly<Record<string, Check>> = {
  scriptLocation: isNonEmptyString,
  versionLocations: isStringOrStrings,
  recursiveVersionLocations: isBoolean,
  fileTemplate: isFileTemplate,
  truncateSlugLength: isPositiveInteger,
  timezone: isNonEmptyString,
  url: isString,
  versionTable: isNonEmptyString,
  versionTableSchema: isString,
  historyTable: (v) => (v === false || (typeof v === "string" && v.length > 0) ? undefined : "a non-empty table name, or false to keep no history"),
  lockTimeout: isNonNegativeNumber,
  expectedHeads: (v) =>
    (typeof v === "string" && v.trim() !== "") || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x.trim() !== ""))
      ? undefined
      : "a revision (or branch label), or a non-empty array of them",
  postWriteHooks: (v) => (Array.isArray(v) ? undefined : "an array of hooks"),
  databases: isPlainObject,
  fleets: isPlainObject,
  extra: isPlainObject,
};

const TOP_KEYS: readonly string[] = [...Object.keys(SECTION_KEYS), "sections"];

/** The 1-based line of the first `key:` (or `"key":`) in the file, when it can be found. */
export function lineOfKey(text: string | undefined, key: string, after = 0): number | undefined {
  if (text === undefined) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:^|[\\s{,])["'\`]?${escaped}["'\`]?\\s*:`, "m");
  const match = pattern.exec(text.slice(after));
  if (!match) return undefined;
  return text.slice(0, after + match.index + match[0].length).split("\n").length;
}

/** Offset just after the first `key:` at or after `after`, or `after` when not found. */
function offsetOfKey(text: string | undefined, key: string, after: number): number {
  if (text === undefined) return 0;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(?:^|[\\s{,])["'\`]?${escaped}["'\`]?\\s*:`, "m").exec(text.slice(after));
  return match ? after + match.index + match[0].length : after;
}

function fail(source: ConfigSource, key: string, message: string, hint?: string): never {
  const line = lineOfKey(source.text, key, source.after ?? 0) ?? lineOfKey(source.text, key);
  throw new AthanorError(message, {
    ...(source.file === undefined ? {} : { file: source.file }),
    ...(line === undefined ? {} : { line }),
    ...(hint === undefined ? {} : { hint }),
  });
}

function checkKeys(
  object: Record<string, unknown>,
  allowed: readonly string[],
  source: ConfigSource,
  where: string,
): void {
  for (const [key, value] of Object.entries(object)) {
    if (!allowed.includes(key)) {
      const suggestion = nearest(key, allowed);
      fail(
        source,
        key,
        `Unknown config key "${key}"${where}`,
        suggestion === undefined
          ? `known keys: ${allowed.join(", ")}`
          : `did you mean "${suggestion}"?`,
      );
    }
    if (value === undefined) continue;
    const check = SECTION_KEYS[key];
    const expected = check?.(value);
    if (expected !== undefined) {
      fail(source, key, `Config key "${key}"${where} must be ${expected}, got ${describe(value)}`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a ${typeof value}`;
}

function checkHooks(hooks: readonly unknown[], source: ConfigSource, where: string): void {
  hooks.forEach((hook, index) => {
    if (typeof hook === "function") return;
    const bad = (what: string): never =>
      fail(source, "postWriteHooks", `postWriteHooks[${index}]${where} ${what}`, 'write { command: "prettier --write {file}" }');
    if (typeof hook !== "object" || hook === null || Array.isArray(hook)) bad("must be an object or a function");
    const h = hook as Record<string, unknown>;
    for (const key of Object.keys(h)) {
      if (!["name", "command", "args", "cwd"].includes(key)) {
        const suggestion = nearest(key, ["name", "command", "args", "cwd"]);
        bad(`has an unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`);
      }
    }
    if (typeof h.command !== "string" || h.command.trim() === "") bad("needs a command string");
    if (h.args !== undefined && !(Array.isArray(h.args) && h.args.every((a) => typeof a === "string")))
      bad("args must be an array of strings");
    if (h.name !== undefined && typeof h.name !== "string") bad("name must be a string");
    if (h.cwd !== undefined && typeof h.cwd !== "string") bad("cwd must be a string");
  });
}

function checkDatabases(databases: Record<string, unknown>, source: ConfigSource, where: string): void {
  for (const [name, entry] of Object.entries(databases)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      fail(source, name, `databases.${name}${where} must be an object with a url`);
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      const allowed = ["url", "versionTable", "versionTableSchema"];
      if (!allowed.includes(key)) {
        const suggestion = nearest(key, allowed);
        fail(
          source,
          key,
          `Unknown key "${key}" in databases.${name}${where}`,
          suggestion ? `did you mean "${suggestion}"?` : `known keys: ${allowed.join(", ")}`,
        );
      }
    }
    if (typeof e.url !== "string") fail(source, name, `databases.${name}${where} needs a url string`);
  }
}

function checkSection(object: Record<string, unknown>, allowed: readonly string[], source: ConfigSource, where: string): void {
  checkKeys(object, allowed, source, where);
  if (Array.isArray(object.postWriteHooks)) checkHooks(object.postWriteHooks, source, where);
  if (object.databases !== undefined) checkDatabases(object.databases as Record<string, unknown>, source, where);
  for (const [name, fleet] of Object.entries((object.fleets ?? {}) as Record<string, unknown>)) {
    const problem = fleetDeclarationProblem(name, fleet);
    if (problem !== undefined) fail(source, name, `${problem}${where}`, "each target is { name, url, schema? }");
  }
}

/**
 * Check a loaded config object: known keys only (with a "did you mean" hint),
 * each of the right type. Throws an AthanorError naming the file and line.
 */
export function validateConfigInput(input: unknown, source: ConfigSource): AthanorConfigInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AthanorError(`The config must export an object, got ${describe(input)}`, {
      ...(source.file === undefined ? {} : { file: source.file }),
      hint: "write `export default defineConfig({ scriptLocation: \"migrations\" })`",
    });
  }
  const object = input as Record<string, unknown>;
  checkSection(object, TOP_KEYS, source, "");
  if (object.sections !== undefined) {
    if (isPlainObject(object.sections) !== undefined) {
      fail(source, "sections", `Config key "sections" must be an object of named sections, got ${describe(object.sections)}`);
    }
    for (const [name, section] of Object.entries(object.sections as Record<string, unknown>)) {
      if (isPlainObject(section) !== undefined) {
        fail(source, name, `Section "${name}" must be an object, got ${describe(section)}`);
      }
      const sectionSource = { ...source, after: offsetOfKey(source.text, name, offsetOfKey(source.text, "sections", 0)) };
      checkSection(section as Record<string, unknown>, Object.keys(SECTION_KEYS), sectionSource, ` in section "${name}"`);
    }
  }
  return object as AthanorConfigInput;
}
