import type { ColumnType, ServerDefault } from "../../schema/model.js";
import * as types from "../../schema/types.js";
import { call, raw, str, value } from "./code.js";
import type { Code } from "./code.js";
import { hook } from "./render-context.js";
import type { RenderState } from "./render-context.js";

/** Plain data equality (key order and `undefined` members ignored). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object): string[] => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function builderCall(type: ColumnType, op: string): { code: Code; built: unknown } | undefined {
  const t = (name: string, args: readonly unknown[], codeArgs?: readonly Code[]): { code: Code; built: unknown } => {
    const fn = (types as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    let built: unknown;
    try {
      built = fn(...args);
    } catch {
      built = undefined;
    }
    return { code: call(`${op}.type.${name}`, codeArgs ?? args.map(value)), built };
  };
  const trimmed = <T>(list: readonly (T | undefined)[]): T[] => {
    const out = [...list];
    while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
    return out as T[];
  };
  switch (type.kind) {
    case "smallint":
    case "integer":
    case "bigint":
    case "double":
    case "boolean":
    case "text":
    case "date":
    case "interval":
    case "json":
    case "jsonb":
    case "uuid":
      return t(type.kind, []);
    case "numeric":
      return t("numeric", trimmed([type.precision, type.scale]));
    case "float":
      return t("float", trimmed([type.precision]));
    case "string":
    case "char":
    case "binary":
      return t(type.kind, trimmed([type.length]));
    case "time":
    case "timestamp": {
      const options = { ...(type.withTimezone ? { withTimezone: true } : {}), ...(type.precision !== undefined ? { precision: type.precision } : {}) };
      return t(type.kind, Object.keys(options).length === 0 ? [] : [options]);
    }
    case "enum":
      return t("enumType", type.schema === undefined ? [type.name, type.values] : [type.name, type.values, { schema: type.schema }]);
    case "array": {
      const inner = builderCall(type.of, op);
      if (inner === undefined || !sameData(inner.built, type.of)) return undefined;
      return t("array", [inner.built], [inner.code]);
    }
    case "custom":
      return t("customType", [type.sql]);
  }
  return undefined;
}

/**
 * A column type as code: the `op.type` builder that gives exactly this type
 * (`op.type.string(255)`), or the type's data when no builder call does.
 */
export function renderType(type: ColumnType, state: RenderState): Code {
  const custom = hook(state, "type", type);
  if (custom !== undefined) return raw(custom);
  const made = builderCall(type, state.op);
  if (made !== undefined && sameData(made.built, type)) return made.code;
  return value(type);
}

/** A server default as `op.alterColumn` options take it: a literal value, `op.expr("...")`, or the data. */
export function renderServerDefault(serverDefault: ServerDefault | null, state: RenderState): Code {
  const custom = hook(state, "serverDefault", serverDefault);
  if (custom !== undefined) return raw(custom);
  if (serverDefault === null) return raw("null");
  if (serverDefault.kind === "sql") return call(`${state.op}.expr`, [str(serverDefault.sql)]);
  if (serverDefault.value === null) return value(serverDefault);
  return value(serverDefault.value);
}
