import type { SchemaOperation } from "../contract/index.js";
import type { Column, ServerDefault } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

/** A character outside the Basic Multilingual Plane: 4 bytes in UTF-8 (emoji, many CJK extensions). */
const NON_BMP = /[\u{10000}-\u{10FFFF}]/u;

function refuse(text: string | null | undefined, what: string, kind: "comment" | "default"): void {
  if (typeof text !== "string") return;
  const found = NON_BMP.exec(text);
  if (found === null) return;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase();
  throw new AthanorError(
    `The ${kind} of ${what} holds ${JSON.stringify(found[0])} (U+${code}), which MySQL cannot keep: it stores ${kind}s as 3-byte utf8 and would write "?" without an error`,
    {
      hint:
        kind === "comment"
          ? "remove characters outside the Basic Multilingual Plane (emoji and the like) from the comment"
          : "use a default without characters outside the Basic Multilingual Plane (emoji and the like), or set the value from the application",
    },
  );
}

function refuseDefault(value: ServerDefault | null | undefined, what: string): void {
  if (value === null || value === undefined) return;
  refuse(value.kind === "sql" ? value.sql : typeof value.value === "string" ? value.value : undefined, what, "default");
}

function columnName(table: string, schema: string | undefined, column: string): string {
  return `column ${JSON.stringify(`${schema ? `${schema}.` : ""}${table}.${column}`)}`;
}

function refuseColumn(column: Column, table: string, schema: string | undefined): void {
  const what = columnName(table, schema, column.name);
  refuse(column.comment, what, "comment");
  refuseDefault(column.serverDefault, what);
}

/**
 * Refuses a comment or default MySQL would keep only mangled: its data dictionary
 * (comments, default values) is 3-byte utf8, so a 4-byte character such as an
 * emoji becomes `?` with exit 0 and no warning, and reads back different for ever.
 */
export function refuseUnstorableMetadata(operation: SchemaOperation): void {
  switch (operation.kind) {
    case "createTable": {
      const table = operation.table;
      refuse(table.comment, `table ${JSON.stringify(table.name)}`, "comment");
      for (const column of table.columns) refuseColumn(column, table.name, table.schema);
      return;
    }
    case "addColumn":
      refuseColumn(operation.column, operation.table, operation.schema);
      return;
    case "alterColumn": {
      const what = columnName(operation.table, operation.schema, operation.name);
      refuse(operation.changes.comment, what, "comment");
      refuseDefault(operation.changes.serverDefault, what);
      return;
    }
    case "tableComment":
      refuse(operation.comment, `table ${JSON.stringify(operation.table)}`, "comment");
      return;
    default:
      return;
  }
}
