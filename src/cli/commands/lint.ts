import { CommanderError, type Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor lint [REVS] [--since REV] [--dialect NAME] [--json]`: exit 1 when an error-severity finding remains. */
export function register(program: Command, shared: Shared): void {
  program
    .command("lint")
    .argument("[revs]", "[start]:[end] as history takes it (default base:heads)")
    .description("analyse revisions without a database: destructive, incompatible, locking and risky operations")
    .option("--since <rev>", "only revisions after this one")
    .option("--dialect <name>", "sqlite, postgresql or mysql (default: the configured URL's)")
    .option("--database [url]", "read the applied revisions (the configured database, or this URL) to find revisions that would land below them")
    .option("--json", "print one JSON document")
    .action(async (revs: string | undefined, opts: { since?: string; dialect?: string; database?: boolean | string; json?: boolean }) => {
      const config = await shared.loadConfig();
      const { lint } = await import("../../command/lint.js");
      const result = await lint(config, {
        ...(revs === undefined ? {} : { revRange: revs }),
        ...(opts.since === undefined ? {} : { since: opts.since }),
        ...(opts.dialect === undefined ? {} : { dialect: opts.dialect }),
        ...(opts.database === undefined ? {} : { database: opts.database }),
      });
      const out = shared.output();
      if (opts.json) {
        out.json({ findings: result.findings, revisions: result.revisions, notChecked: result.notChecked });
      } else {
        out.lines(
          result.findings.map((f) => `${f.revision} ${f.severity} ${f.rule}${f.operation === null ? "" : ` [${f.operation.kind}]`}: ${f.message}; instead: ${f.fix}`),
        );
        const count = (severity: string): number => result.findings.filter((f) => f.severity === severity).length;
        const n = result.revisions.length;
        const of = `${n} revision${n === 1 ? "" : "s"} (${result.dialect})`;
        const suppressed = result.suppressed > 0 ? `, ${result.suppressed} suppressed` : "";
        const unchecked = result.notChecked.length === 0 ? "" : `; not checked: ${result.notChecked.map((n) => n.rule).join(", ")} (give --database)`;
        out.line(
          result.findings.length === 0
            ? `No findings in ${of}${suppressed}${unchecked}.`
            : `${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info in ${of}${suppressed}${unchecked}.`,
        );
      }
      if (result.findings.some((f) => f.severity === "error")) throw new CommanderError(1, "athanor.lint", "");
    });
}
