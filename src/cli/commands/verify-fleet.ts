/**
 * `athanor verify --fleet NAME`: the verify run on each server the fleet's
 * targets live on, one after the other, each with its own report.
 */
import { CommanderError } from "commander";
import type { Config } from "../../config/index.js";
import { AthanorError } from "../../util/errors.js";
import type { Shared } from "../shared.js";

/** Runs verify over a fleet and prints each server's result; exit code 1 unless every run passed. */
export async function verifyFleetCommand(
  shared: Shared,
  config: Config,
  opts: { revisions?: string; scratchUrl?: string; test?: string[]; json?: boolean; fleet?: string; only?: string[]; except?: string[] },
): Promise<void> {
  if (opts.fleet === undefined) {
    throw new AthanorError(`${opts.only !== undefined ? "--only" : "--except"} works only with --fleet NAME`, { hint: "name the fleet to run over, e.g. --fleet tenants" });
  }
  if (opts.scratchUrl !== undefined) {
    throw new AthanorError("--scratch-url cannot be given with --fleet", { hint: "over a fleet the scratch databases are made on each server of its targets" });
  }
  const { verify } = await import("../../command/verify.js");
  const { watchInterrupts } = await import("../interrupt.js");
  const { verifyPrinter } = await import("./verify-output.js");
  const out = shared.output();
  const watch = watchInterrupts();
  // one printer per server: its tests as they finish, then its summary line
  let printer = verifyPrinter(shared, { json: opts.json === true });
  let result;
  try {
    result = await verify(config, {
      fleet: opts.fleet,
      ...(opts.only === undefined ? {} : { only: opts.only }),
      ...(opts.except === undefined ? {} : { except: opts.except }),
      ...(opts.revisions === undefined ? {} : { revisions: opts.revisions }),
      ...(opts.test === undefined ? {} : { tests: opts.test as never }),
      signal: watch.signal,
      onProgress: (event) => printer.progress(event),
      onServer: (event) => {
        if (opts.json === true) return;
        if (event.result === undefined) {
          printer = verifyPrinter(shared, { json: false });
          out.line(`== ${event.server}: ${event.targets.length} target${event.targets.length === 1 ? "" : "s"}`);
        } else {
          printer.clear();
          printer.result(event.result);
        }
      },
    });
  } finally {
    printer.clear();
    watch.dispose();
  }
  if (opts.json === true) out.json(result);
  if (!result.ok) throw new CommanderError(1, "athanor.verify", "");
}
