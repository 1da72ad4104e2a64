import { describe, expect, it } from "vitest";
import { getDialect } from "../../src/dialects/index.js";
import { OperationTracker, RawSql, renderSql, SqlStatement } from "../../src/operations/index.js";
import { RecordingConnection, splitRange, VersionTable } from "../../src/runtime/index.js";
import { stepLine } from "../../src/runtime/step-info.js";

describe("step lines", () => {
  it("reads like Alembic's and counts steps in long runs", () => {
    const step = { kind: "upgrade", revision: "d4e5f6", fromRevisions: ["a1b2c3"], toRevisions: ["d4e5f6"] } as const;
    expect(stepLine(step, "add users", 1, 2)).toBe("Running upgrade a1b2c3 -> d4e5f6, add users");
    expect(stepLine(step, "add users", 3, 1000)).toBe("[3/1000] Running upgrade a1b2c3 -> d4e5f6, add users");
    expect(stepLine({ kind: "downgrade", revision: "a1", fromRevisions: ["a1"], toRevisions: [] }, undefined, 1, 1)).toBe(
      "Running downgrade a1 -> ",
    );
    expect(
      stepLine({ kind: "upgrade", revision: "m", fromRevisions: ["a", "b"], toRevisions: ["m"] }, "merge", 1, 1),
    ).toBe("Running upgrade a, b -> m, merge");
  });
});

describe("ranges", () => {
  it("splits start:end offline and refuses it online", () => {
    expect(splitRange("head", false, "upgrade")).toEqual({ start: undefined, end: "head" });
    expect(splitRange("a1:head", true, "upgrade")).toEqual({ start: "a1", end: "head" });
    expect(() => splitRange("a1:head", false, "upgrade")).toThrow(/Range revision not allowed/);
  });
});

describe("op.sql rendering", () => {
  const statement = new SqlStatement(["SELECT * FROM ", " WHERE a = ", " AND b IN (", ")"], [
    new RawSql('"t"'),
    1,
    new SqlStatement(["", ", ", ""], ["x", null]),
  ]);
  it("binds values with the dialect's placeholders", () => {
    expect(renderSql(statement, { placeholder: (i) => `$${i}` })).toEqual({
      sql: 'SELECT * FROM "t" WHERE a = $1 AND b IN ($2, $3)',
      params: [1, "x", null],
    });
    expect(renderSql(statement, { placeholder: () => "?" }).sql).toBe('SELECT * FROM "t" WHERE a = ? AND b IN (?, ?)');
  });
  it("inlines literals offline", () => {
    const pg = getDialect("postgresql");
    expect(renderSql(statement, { placeholder: () => "?", literal: (v) => pg.literal(v) })).toEqual({
      sql: `SELECT * FROM "t" WHERE a = 1 AND b IN ('x', NULL)`,
      params: [],
    });
  });
});

describe("operation tracking", () => {
  it("counts running operations and refuses new ones once closed", async () => {
    const tracker = new OperationTracker("upgrade() of revision abc");
    let release!: () => void;
    const slow = tracker.track(() => new Promise<void>((r) => (release = r)));
    expect(tracker.pendingCount).toBe(1);
    release();
    await slow;
    await tracker.settle();
    expect(tracker.pendingCount).toBe(0);
    tracker.close("returned");
    expect(() => tracker.track(async () => undefined)).toThrow(/after upgrade\(\) of revision abc had returned/);
  });
  it("keeps an unawaited failure from becoming an unhandled rejection", async () => {
    const tracker = new OperationTracker("x");
    void tracker.track(() => Promise.reject(new Error("nope")));
    await tracker.settle();
    expect(tracker.pendingCount).toBe(0);
  });
});

describe("version table statements", () => {
  it.each(["sqlite", "postgresql", "mysql"] as const)("quotes and inlines on %s", (name) => {
    const dialect = getDialect(name);
    const table = new VersionTable(dialect, "athanor_version", name === "postgresql" ? "app" : undefined);
    const t = name === "mysql" ? "`athanor_version`" : name === "postgresql" ? '"app"."athanor_version"' : '"athanor_version"';
    const c = name === "mysql" ? "`version_num`" : '"version_num"';
    expect(table.changeStatement({ type: "insert", revision: "a'1" })).toBe(`INSERT INTO ${t} (${c}) VALUES ('a''1')`);
    expect(table.changeStatement({ type: "update", from: "a1", to: "b2" })).toBe(
      `UPDATE ${t} SET ${c} = 'b2' WHERE ${c} = 'a1'`,
    );
    expect(table.changeStatement({ type: "delete", revision: "b2" })).toBe(`DELETE FROM ${t} WHERE ${c} = 'b2'`);
  });
  it("the recording connection writes statements and refuses parameters", async () => {
    let out = "";
    const rec = new RecordingConnection(getDialect("postgresql"), (t) => (out += t));
    await rec.begin();
    await rec.execute("SELECT 1;");
    rec.comment("Running upgrade  -> a1");
    await rec.commit();
    expect(out).toBe("BEGIN;\n\nSELECT 1;\n\n-- Running upgrade  -> a1\n\nCOMMIT;\n\n");
    await expect(rec.execute("SELECT $1", [1])).rejects.toThrow(/parameters are not allowed/);
  });
});
