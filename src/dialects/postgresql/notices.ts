import { scrubSecret } from "../errors.js";
import { ServerWarningError } from "../server-warning.js";
import type { DatabaseNotice } from "../contract/index.js";

/** The fields of a PostgreSQL NoticeResponse that matter here (pg's NoticeMessage). */
export interface PgNotice {
  readonly message?: string | undefined;
  readonly severity?: string | undefined;
  readonly code?: string | undefined;
  readonly detail?: string | undefined;
  readonly hint?: string | undefined;
}

/** SQLSTATE name_too_long: "identifier … will be truncated to …". */
const NAME_TOO_LONG = "42622";

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/**
 * What a notice the server sent during `sql` means:
 * - an identifier cut to 63 bytes is an error (two long names sharing their first
 *   63 bytes would silently become one object);
 * - `… already exists, skipping` / `… does not exist, skipping` is what an
 *   IF [NOT] EXISTS asked for: nothing to say;
 * - anything else (WARNING, `drop cascades to …`, INFO) is reported aloud.
 */
export function noticeOutcome(notice: PgNotice, sql: string, secret: string | undefined): DatabaseNotice | ServerWarningError | undefined {
  const text = scrubSecret(notice.message ?? "", secret);
  const statement = scrubSecret(sql, secret);
  if (notice.code === NAME_TOO_LONG) {
    return new ServerWarningError(`PostgreSQL cut a name in the statement, which ran: ${text}`, {
      code: notice.code,
      sql: statement,
      hint: "shorten the identifier to 63 bytes (PostgreSQL keeps no more), or give the object a shorter explicit name",
    });
  }
  if (/, skipping$/.test(text)) return undefined;
  const warning = notice.severity === "WARNING" || (notice.code ?? "").startsWith("01");
  const detail = notice.detail ? ` (${scrubSecret(notice.detail, secret)})` : "";
  return {
    level: warning ? "warning" : "notice",
    message: `PostgreSQL ${warning ? "warning" : (notice.severity ?? "notice").toLowerCase()}: ${text}${detail} [statement: ${oneLine(statement)}]`,
    code: notice.code,
  };
}
