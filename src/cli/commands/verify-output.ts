/**
 * Printing for `athanor verify`: on a terminal one progress line on stderr,
 * rewritten as the walk goes; otherwise a plain line per finished test. Then
 * one line per test (with its details indented) and a summary, or the JSON
 * document.
 */
import type { VerifyProgress, VerifyResult, VerifyTestResult } from "../../command/verify.js";
import type { Shared } from "../shared.js";

/** What the verify command prints, and when. */
export interface VerifyPrinter {
  readonly progress: (event: VerifyProgress) => void;
  /** Erase the progress line. */
  clear(): void;
  result(result: VerifyResult): void;
}

const LABEL = { passed: "PASS", failed: "FAIL", skipped: "SKIP" } as const;

function testLines(test: VerifyTestResult): string[] {
  return [`${LABEL[test.status]} ${test.name}: ${test.reason}`, ...test.details.map((line) => `     ${line}`)];
}

/** The printer for one run; `json` keeps stdout for the document. */
export function verifyPrinter(shared: Shared, options: { readonly json: boolean }): VerifyPrinter {
  const quiet = shared.globals().quiet;
  const tty = process.stderr.isTTY === true && !quiet;
  const out = shared.output();
  let shown = false;
  let current = "";
  const show = (text: string): void => {
    const width = Math.max(20, (process.stderr.columns || 80) - 1);
    process.stderr.write(`\r\x1b[K${text.slice(0, width)}`);
    shown = true;
  };
  const clear = (): void => {
    if (shown) process.stderr.write("\r\x1b[K");
    shown = false;
  };
  // tests are printed as they finish unless stdout carries the JSON document
  const printed = new Set<string>();
  return {
    progress(event) {
      if (event.kind === "test") {
        current = event.name;
        if (tty) show(`verify: ${event.name} ...`);
      } else if (event.kind === "revision") {
        if (tty) show(`verify: ${current} ${event.index}/${event.total} ${event.revision}`);
      } else if (event.kind === "note") {
        clear();
        if (!quiet) process.stderr.write(`athanor: note: ${event.message}\n`);
      } else if (!options.json && !quiet) {
        clear();
        out.lines(testLines(event.result));
        printed.add(event.result.name);
      }
    },
    clear,
    result(result) {
      if (options.json) {
        out.json(result);
        return;
      }
      out.lines(result.tests.filter((t) => !printed.has(t.name)).flatMap(testLines));
      const count = (status: string): number => result.tests.filter((t) => t.status === status).length;
      const n = result.revisions.length;
      out.line(
        `${count("failed") === 0 ? "OK" : "FAILED"}: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped ` +
          `(${n} revision${n === 1 ? "" : "s"}, ${result.dialect}, ${(result.durationMs / 1000).toFixed(1)}s)`,
      );
    },
  };
}
