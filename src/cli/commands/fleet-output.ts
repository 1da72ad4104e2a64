/**
 * Printing a fleet run: a progress line on a terminal (done / running / failed /
 * pending, targets per second), one line per target otherwise, a summary table
 * at the end, or one JSON document with `--json`.
 */
import { CommanderError } from "commander";
import type { FleetCheckResult, FleetCurrentResult, FleetProgress, FleetResult, TargetResult } from "../../fleet/types.js";
import { maskPasswords } from "../errors.js";
import type { Shared } from "../shared.js";

interface PrintFlags {
  readonly json?: boolean;
}

/** Where a fleet run's progress goes while it runs. */
export interface FleetReporter {
  readonly onProgress: (event: FleetProgress) => void;
  readonly onWarning: (message: string) => void;
  /** Clears the progress line. */
  finish(): void;
}

/**
 * The progress of a fleet run: on a terminal (stderr), one line rewritten in
 * place; elsewhere, one line per target as it ends (on stderr with `--json`).
 */
export function fleetReporter(shared: Shared, flags: PrintFlags): FleetReporter {
  const quiet = shared.globals().quiet;
  const tty = process.stderr.isTTY === true && process.env["TERM"] !== "dumb";
  const out = shared.output();
  const say = (line: string): void => {
    if (quiet) return;
    if (flags.json === true) process.stderr.write(`${line}\n`);
    else out.line(line);
  };
  let total = 0;
  let done = 0;
  let failed = 0;
  let running = 0;
  let started = 0;
  let shown = false;
  let lastDraw = 0;
  const draw = (force = false): void => {
    if (!tty || quiet) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? (done + failed) / seconds : 0;
    const pending = total - done - failed - running;
    process.stderr.write(
      `\r\x1b[K${done + failed}/${total} targets: ${done} done, ${running} running, ${failed} failed, ${pending} pending, ${rate.toFixed(1)} targets/s`,
    );
    shown = true;
  };
  const clear = (): void => {
    if (shown) process.stderr.write("\r\x1b[K");
    shown = false;
  };
  return {
    onProgress(event) {
      switch (event.type) {
        case "start":
          total = event.total;
          started = performance.now();
          draw(true);
          return;
        case "target-start":
          running += 1;
          draw();
          return;
        case "target-retry":
          clear();
          if (!quiet) process.stderr.write(`athanor: warning: [${event.name}] retrying (attempt ${event.attempt}) after: ${maskPasswords(event.reason)}\n`);
          draw(true);
          return;
        case "target-end": {
          running -= 1;
          if (event.result.status === "failed") failed += 1;
          else done += 1;
          // on a terminal only failures get a line of their own; elsewhere every target does
          if (!tty || event.result.status === "failed") {
            clear();
            say(targetLine(event.result));
          }
          draw(event.result.status === "failed");
          return;
        }
      }
    },
    onWarning(message) {
      if (quiet) return;
      clear();
      process.stderr.write(`athanor: warning: ${maskPasswords(message)}\n`);
      draw(true);
    },
    finish: clear,
  };
}

/** `[acme] upgraded 1a2b -> 3c4d (2 steps, 41 ms)`, `[acme] already at 3c4d`, `[acme] FAILED: ...`. */
export function targetLine(result: TargetResult): string {
  const at = (heads: readonly string[]): string => (heads.length === 0 ? "base" : heads.join(", "));
  const tries = result.attempts > 1 ? `, ${result.attempts} attempts` : "";
  switch (result.status) {
    case "migrated":
      return `[${result.name}] ${at(result.initialHeads)} -> ${at(result.heads)} (${result.steps} step${result.steps === 1 ? "" : "s"}, ${result.durationMs} ms${tries})`;
    case "skipped":
      return `[${result.name}] already at ${at(result.heads)}`;
    case "pending":
      return `[${result.name}] not started`;
    case "failed": {
      const error = result.error;
      const text = error === undefined ? "failed" : `${error.message}${error.hint ? ` (${error.hint})` : ""}`;
      return maskPasswords(`[${result.name}] FAILED${tries ? ` after ${result.attempts} attempts` : ""}: ${text.replace(/\s*\n\s*/g, " ")}`);
    }
  }
}

/** The closing output of upgrade/downgrade/stamp over a fleet; exit code 1 unless every target reached the goal. */
export function printFleetResult(shared: Shared, flags: PrintFlags, result: FleetResult): void {
  const out = shared.output();
  if (flags.json === true) out.json(result);
  else {
    const s = result.summary;
    const seconds = s.durationMs / 1000;
    const rate = seconds > 0 ? (s.migrated + s.skipped + s.failed) / seconds : 0;
    out.line(`fleet ${result.fleet ?? "(given targets)"}: ${result.command} ${result.goal.join(" ")}`);
    out.lines(
      table(
        ["status", "targets"],
        [
          ["migrated", String(s.migrated)],
          ["at goal already", String(s.skipped)],
          ["failed", String(s.failed)],
          ["not started", String(s.pending)],
          ["total", String(s.total)],
        ],
      ),
    );
    out.line(`${s.steps} step${s.steps === 1 ? "" : "s"} in ${seconds.toFixed(1)} s, ${rate.toFixed(1)} targets/s, concurrency ${s.concurrency}`);
    const failed = result.targets.filter((t) => t.status === "failed");
    if (failed.length > 0) {
      out.line("failed:");
      out.lines(failed.map((t) => `  ${targetLine(t)}`));
    }
    if (s.pending > 0) out.line(`not started: ${s.pending} target${s.pending === 1 ? "" : "s"}; run the command again to go on`);
  }
  if (!result.ok) throw new CommanderError(1, "athanor.fleet", "");
}

/** `current --fleet`: the drift, how many targets at which revisions, and which ones. */
export function printFleetCurrent(shared: Shared, flags: PrintFlags & { checkHeads?: boolean }, result: FleetCurrentResult): void {
  const out = shared.output();
  if (flags.json === true) out.json(result);
  else {
    out.line(`fleet ${result.fleet ?? "(given targets)"}: ${result.total} target${result.total === 1 ? "" : "s"}; script heads ${result.scriptHeads.join(", ") || "(none)"}`);
    out.lines(
      table(
        ["targets", "at", ""],
        result.groups.map((g) => [String(g.count), g.heads.length === 0 ? "base" : g.heads.join(", "), g.atHeads ? "(head)" : "(behind or elsewhere)"]),
      ),
    );
    for (const g of result.groups) {
      if (g.atHeads) continue;
      out.line(`${g.heads.length === 0 ? "base" : g.heads.join(", ")}: ${listNames(g.targets)}`);
    }
    for (const f of result.failed) out.line(maskPasswords(`[${f.name}] unreadable: ${f.error.message}${f.error.hint ? ` (${f.error.hint})` : ""}`));
  }
  if (result.failed.length > 0 || (flags.checkHeads === true && !result.atHeads)) throw new CommanderError(1, "athanor.fleet", "");
}

/** `check --fleet`: each target that differs or could not be compared; exit 1 unless every target matches. */
export function printFleetCheck(shared: Shared, flags: PrintFlags, result: FleetCheckResult): void {
  const out = shared.output();
  if (flags.json === true) out.json(result);
  else {
    for (const t of result.targets) {
      if (t.error !== undefined) out.line(maskPasswords(`[${t.name}] FAILED: ${t.error.message}${t.error.hint ? ` (${t.error.hint})` : ""}`));
      else if (!t.upToDate) {
        out.line(`[${t.name}] New upgrade operations detected:`);
        out.lines(t.differences.map((d) => `  ${d}`));
      }
    }
    const matching = result.targets.filter((t) => t.upToDate).length;
    out.line(`fleet ${result.fleet ?? "(given targets)"}: ${matching} of ${result.targets.length} target${result.targets.length === 1 ? "" : "s"} match the declared schema`);
  }
  if (!result.upToDate) throw new CommanderError(1, "athanor.fleet", "");
}

function listNames(names: readonly string[], max = 20): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => (i === 1 && header[0] === "status" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ")}`.trimEnd();
  return [line(header), ...rows.map(line)];
}
