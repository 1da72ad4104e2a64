import type { HistoryStatus } from "../../command/status.js";
import { describeStatus } from "../../runtime/history-status.js";

/** What `status` and `current -v` print about a database's history: where it starts, then one line per finding. */
export function statusLines(history: HistoryStatus): string[] {
  const lines: string[] = [];
  if (history.table === null) return ["History: not kept (historyTable: false in the config)"];
  if (!history.exists) {
    lines.push(`History: ${history.table} does not exist yet; the next upgrade, downgrade or stamp starts it`);
  } else if (history.startsAt === null) {
    lines.push(`History: ${history.table} is empty`);
  } else {
    const at = history.startsAt.at === null ? "" : ` on ${history.startsAt.at.toISOString()}`;
    const rows = `${history.rowCount} row${history.rowCount === 1 ? "" : "s"}`;
    lines.push(`History: ${history.table}, ${rows}, starting with the ${history.startsAt.direction} of ${history.startsAt.revision}${at}`);
  }
  if (history.unrecorded.length > 0) {
    const n = history.unrecorded.length;
    lines.push(`${n} applied revision${n === 1 ? " was" : "s were"} applied before the history started: ${n === 1 ? "its file" : "their files"} cannot be checked`);
  }
  const findings = describeStatus(history);
  lines.push(...(findings.length === 0 ? ["Every applied revision's file is as it was applied."] : findings));
  return lines;
}
