/**
 * A tiny code tree for rendering TypeScript, and its layout: a node is written
 * on one line when it fits the width, else its last array/object argument is
 * broken over lines, else every argument goes on a line of its own.
 */

/** A piece of TypeScript code. */
export type Code =
  | { readonly kind: "raw"; readonly text: string }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly Code[]; readonly suffix?: readonly Chain[] }
  | { readonly kind: "array"; readonly items: readonly Code[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, Code])[] };

/** A chained method call after a call: `.on("a", "b")`. */
export interface Chain {
  readonly method: string;
  readonly args: readonly Code[];
}

/** The widest line the layout aims for. */
export const LINE_WIDTH = 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function raw(text: string): Code {
  return { kind: "raw", text };
}

export function call(callee: string, args: readonly Code[], suffix: readonly Chain[] = []): Code {
  return suffix.length === 0 ? { kind: "call", callee, args } : { kind: "call", callee, args, suffix };
}

export function array(items: readonly Code[]): Code {
  return { kind: "array", items };
}

export function object(entries: readonly (readonly [string, Code])[]): Code {
  return { kind: "object", entries };
}

/** A string as a TypeScript literal (double quotes). */
export function str(value: string): Code {
  return raw(JSON.stringify(value));
}

/** Any plain value (string, number, boolean, null, arrays, plain objects, dates, bigints) as code. */
export function value(input: unknown): Code {
  if (input === null) return raw("null");
  if (input === undefined) return raw("undefined");
  switch (typeof input) {
    case "string":
      return str(input);
    case "number":
      return raw(Number.isFinite(input) ? (Object.is(input, -0) ? "-0" : String(input)) : Number.isNaN(input) ? "NaN" : input > 0 ? "Infinity" : "-Infinity");
    case "boolean":
      return raw(String(input));
    case "bigint":
      return raw(`${input}n`);
  }
  if (input instanceof Date) return raw(`new Date(${JSON.stringify(input.toISOString())})`);
  if (input instanceof Uint8Array) return raw(`Buffer.from(${JSON.stringify(Buffer.from(input).toString("base64"))}, "base64")`);
  if (Array.isArray(input)) return array(input.map(value));
  if (typeof input === "object") {
    return object(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, value(v)] as const));
  }
  return raw(JSON.stringify(String(input)));
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The node on one line. */
export function inline(code: Code): string {
  switch (code.kind) {
    case "raw":
      return code.text;
    case "call":
      return `${code.callee}(${code.args.map(inline).join(", ")})${(code.suffix ?? []).map((c) => `.${c.method}(${c.args.map(inline).join(", ")})`).join("")}`;
    case "array":
      return `[${code.items.map(inline).join(", ")}]`;
    case "object":
      return code.entries.length === 0 ? "{}" : `{ ${code.entries.map(([k, v]) => `${key(k)}: ${inline(v)}`).join(", ")} }`;
  }
}

function pad(indent: number): string {
  return " ".repeat(indent);
}

function multiline(open: string, close: string, items: readonly string[], indent: number): string {
  if (items.length === 0) return `${open}${close}`;
  return `${open}\n${items.map((item) => `${pad(indent + 2)}${item},`).join("\n")}\n${pad(indent)}${close}`;
}

function fits(text: string, column: number): boolean {
  return !text.includes("\n") && column + text.length <= LINE_WIDTH;
}

/**
 * The node laid out, its first line starting at `column` (characters already on
 * the line) and continuation lines indented by `indent`.
 */
export function layout(code: Code, indent: number, column = indent, trailing = 0): string {
  const flat = inline(code);
  if (fits(flat, column + trailing)) return flat;
  switch (code.kind) {
    case "raw":
      return flat;
    case "array":
      return multiline("[", "]", code.items.map((item) => layout(item, indent + 2, indent + 2, 1)), indent);
    case "object":
      return multiline(
        "{",
        "}",
        code.entries.map(([k, v]) => `${key(k)}: ${layout(v, indent + 2, indent + 2 + key(k).length + 2, 1)}`),
        indent,
      );
    case "call": {
      const suffix = (code.suffix ?? []).map((c) => `.${c.method}(${c.args.map(inline).join(", ")})`).join("");
      const last = code.args[code.args.length - 1];
      if (last !== undefined && (last.kind === "array" || last.kind === "object" || (last.kind === "call" && code.args.length === 1))) {
        const head = `${code.callee}(${code.args.slice(0, -1).map((a) => `${inline(a)}, `).join("")}`;
        if (fits(head, column) && (last.kind !== "call" || fits(head + inline(last).split("(")[0]!, column))) {
          const body = layout(last, indent, column + head.length, 1 + suffix.length);
          const firstLine = body.split("\n")[0]!;
          if (fits(head + firstLine, column)) return `${head}${body})${suffix}`;
        }
      }
      return `${multiline(`${code.callee}(`, ")", code.args.map((a) => layout(a, indent + 2, indent + 2, 1)), indent)}${suffix}`;
    }
  }
}
