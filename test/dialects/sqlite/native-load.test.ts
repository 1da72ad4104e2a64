// libsql picks its native build by asking process.report whether the C library
// is glibc; athanor tells it from detect-libc instead (a whole diagnostic report
// costs milliseconds), and puts process.report back as it was.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../cli/helpers.js";

describe("loading libsql", () => {
  it.runIf(process.platform === "linux")("asks for no diagnostic report, and leaves process.report as it found it", () => {
    const dialects = pathToFileURL(join(ROOT, "dist", "dialects", "index.js")).href;
    const script = `
      const report = process.report;
      const original = report.getReport;
      let calls = 0;
      const spy = function (...args) { calls++; return original.apply(this, args); };
      report.getReport = spy;
      const { connect } = await import(${JSON.stringify(dialects)});
      const db = await connect("sqlite:///:memory:");
      const rows = (await db.execute("SELECT 40 + 2 AS answer")).rows;
      await db.close();
      process.stdout.write(JSON.stringify({ calls, restored: report.getReport === spy, rows }));
    `;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ calls: 0, restored: true, rows: [{ answer: 42 }] });
  });
});
