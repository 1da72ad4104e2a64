import type { RevisionResult } from "../../command/revision.js";
import type { Shared } from "../shared.js";

/** What `revision` and `merge` print: `Generating <path> ...  done`, or one JSON document. */
export function printRevisionResult(
  result: RevisionResult,
  shared: Shared,
  json: boolean,
  display: (path: string, cwd: string) => string,
): void {
  const out = shared.output();
  for (const warning of result.warnings) process.stderr.write(`athanor: warning: ${warning}\n`);
  if (json) {
    const { script: _script, ...data } = result;
    return out.json(data);
  }
  out.status(`Generating ${display(result.path, shared.cwd)} ...  done`);
}
