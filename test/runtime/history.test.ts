// The applied history: one row per upgrade, downgrade and stamp beside the
// version table, with the file's checksums; status, current and upgrade's
// warnings read it against the files. Live on every database.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { HistoryTable } from "../../src/runtime/index.js";
import type { HistoryRow } from "../../src/runtime/index.js";
import { athanor } from "../cli/helpers.js";
import { liveDialects } from "../support/servers.js";
import { expectOfflineTwin } from "../dialects/conformance/offline-twin.js";
import { createProject, tableRevision } from "./project.js";
import type { Project } from "./project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function project(...args: Parameters<typeof createProject>): Project {
  const p = createProject(...args);
  projects.push(p);
  return p;
}

function historyName(p: Project): string {
  return `${p.prefix}_history`;
}

async function historyRows(p: Project): Promise<HistoryRow[] | undefined> {
  const db = await p.db();
  return new HistoryTable(db.dialect, historyName(p)).readRows(db);
}

function fileOf(p: Project, id: string): string {
  const versions = join(p.dir, "migrations", "versions");
  return join(versions, readdirSync(versions).find((name) => name.startsWith(`${id}_`))!);
}

const linear = (): ReturnType<typeof tableRevision>[] => [
  tableRevision("aaa001", null, "one"),
  tableRevision("bbb002", "aaa001", "two"),
  tableRevision("ccc003", "bbb002", "three"),
];

describe.each(liveDialects())("applied history on %s", (dialect) => {
  it("reads, for the changed-file check, each revision's last row and its last row that is not a downgrade", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    for (let round = 0; round < 3; round++) {
      await command.upgrade(config, "head");
      await command.downgrade(config, "aaa001");
    }
    await command.upgrade(config, "bbb002");
    await command.stamp(config, "ccc003");
    const db = await p.db();
    const table = new HistoryTable(db.dialect, historyName(p));
    const all = (await table.readRows(db))!;
    const kept = new Set<number>();
    for (const revision of new Set(all.map((r) => r.revision))) {
      const own = all.filter((r) => r.revision === revision);
      kept.add(own[own.length - 1]!.id);
      const applying = own.filter((r) => r.direction !== "downgrade");
      if (applying.length > 0) kept.add(applying[applying.length - 1]!.id);
    }
    const latest = (await table.readRows(db, { latest: true }))!;
    expect(latest.length).toBeLessThan(all.length);
    expect(latest).toEqual(all.filter((r) => kept.has(r.id)));
  });

  it("records every upgrade, downgrade and stamp with its fields", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    const before = Date.now();
    await command.upgrade(config, "head");
    await command.downgrade(config, "-1");
    await command.stamp(config, "head");
    const rows = (await historyRows(p))!;
    expect(rows.map((r) => [r.direction, r.revision, r.headsAfter])).toEqual([
      ["upgrade", "aaa001", "aaa001"],
      ["upgrade", "bbb002", "bbb002"],
      ["upgrade", "ccc003", "ccc003"],
      ["downgrade", "ccc003", "bbb002"],
      ["stamp", "ccc003", "ccc003"],
    ]);
    const ids = rows.map((r) => r.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const { createHash } = await import("node:crypto");
    const sum = createHash("sha256").update(readFileSync(fileOf(p, "aaa001"))).digest("hex");
    expect(rows[0]!.checksum).toBe(sum);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.codeChecksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.athanorVersion).toBe(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
      expect(row.startedAt).toBeInstanceOf(Date);
      // the row's time is the step's, in UTC (a minute's slack for a slow machine and clock rounding)
      expect(row.startedAt!.getTime()).toBeGreaterThanOrEqual(before - 60_000);
      expect(row.startedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(row.durationMs).not.toBeNull();
      expect(row.durationMs!).toBeGreaterThanOrEqual(0);
      if (dialect === "sqlite") expect(row.databaseUser).toBeNull();
      else expect(row.databaseUser).toMatch(dialect === "postgresql" ? /^postgres$/ : /^root@/);
    }
    // the version table is untouched in shape: one column, the head
    expect(await p.columns(p.versionTable)).toEqual(["version_num"]);
    expect(await p.versionRows()).toEqual(["ccc003"]);
  });

  it("status and current tell a formatting-only edit from a change to what runs", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    await command.upgrade(config, "head");
    let status = await command.status(config);
    expect(status.clean).toBe(true);
    expect(status.databases[0]!.history.changed).toEqual([]);

    // aaa001: comments, quotes, layout and a type annotation: what runs is the same
    const first = fileOf(p, "aaa001");
    const text = readFileSync(first, "utf8");
    const reformatted = text
      .replace(`await op.execute("CREATE TABLE`, `// a comment\n    await   op.execute('CREATE TABLE`)
      .replace(`PRIMARY KEY)");`, `PRIMARY KEY)'  ,  ) ;`)
      .replace("upgrade(op: any)", "upgrade(op: unknown & any)");
    expect(reformatted).not.toBe(text);
    writeFileSync(first, reformatted);
    // bbb002: what runs changed
    const second = fileOf(p, "bbb002");
    writeFileSync(second, readFileSync(second, "utf8").replace("(id integer PRIMARY KEY)", "(id integer PRIMARY KEY, name varchar(20))"));

    status = await command.status(config);
    expect(status.databases[0]!.history.changed.map((c) => [c.revision, c.change])).toEqual([
      ["aaa001", "formatting"],
      ["bbb002", "code"],
    ]);
    expect(status.clean).toBe(false);
    const current = await command.current(config, { history: true });
    expect(current.databases[0]!.history!.changed.map((c) => c.revision)).toEqual(["aaa001", "bbb002"]);
    // without asking, current reads no history
    expect((await command.current(config)).databases[0]!.history).toBeUndefined();

    // upgrade warns, naming each; --strict refuses on the changed code, with nothing run
    p.write(tableRevision("ddd004", "ccc003", "four"));
    await expect(command.upgrade(config, "head", { strict: true })).rejects.toThrow(
      /^Refusing to upgrade with --strict: revision bbb002 changed what it runs after it was applied/,
    );
    expect(await p.versionRows()).toEqual(["ccc003"]);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(false);
    const warnings: string[] = [];
    await command.upgrade(config, "head", { output: { warn: (m) => warnings.push(m) } });
    expect(warnings).toEqual([
      "aaa001: the file changed after it was applied (formatting only: what runs is the same)",
      "bbb002: the file changed after it was applied, and what it runs differs from what ran",
    ]);
    expect(await p.versionRows()).toEqual(["ddd004"]);
  });

  it("--strict lets a formatting-only edit through", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    await command.upgrade(config, "bbb002");
    const first = fileOf(p, "aaa001");
    writeFileSync(first, `// reviewed\n${readFileSync(first, "utf8")}`);
    const warnings: string[] = [];
    await command.upgrade(config, "head", { strict: true, output: { warn: (m) => warnings.push(m) } });
    expect(warnings).toEqual(["aaa001: the file changed after it was applied (formatting only: what runs is the same)"]);
    expect(await p.versionRows()).toEqual(["ccc003"]);
  });

  it("status names a version row whose file was deleted", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    await command.upgrade(config, "head");
    rmSync(fileOf(p, "ccc003"));
    const status = await command.status(config);
    expect(status.databases[0]!.history.missingFiles).toEqual(["ccc003"]);
    expect(status.clean).toBe(false);
    const current = await command.current(config, { history: true });
    expect(current.databases[0]!.history!.missingFiles).toEqual(["ccc003"]);
  });

  it("status names a revision applied below revisions already applied", async () => {
    // main line a -> b -> c is applied; then x (off a, on its own branch) is applied
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two"),
      tableRevision("ccc003", "bbb002", "three"),
    ]);
    const config = p.config();
    await command.upgrade(config, "head");
    p.write(tableRevision("xxx009", "aaa001", "late", { branchLabels: ["late"] }));
    await command.upgrade(config, "heads");
    const status = await command.status(config);
    expect(status.databases[0]!.history.outOfOrder.map((o) => [o.revision, o.below])).toEqual([["xxx009", ["ccc003"]]]);
    expect(status.clean).toBe(false);
    // a revision continuing a head is in order
    p.write(tableRevision("ddd004", "ccc003", "four"));
    await command.upgrade(config, "ddd004");
    const again = await command.status(config);
    expect(again.databases[0]!.history.outOfOrder.map((o) => o.revision)).toEqual(["xxx009"]);
  });

  it("a database migrated before the history keeps working; the history starts at the next run", async () => {
    const p = project(dialect, linear());
    await command.upgrade(p.config({ historyTable: false }), "bbb002");
    expect(await historyRows(p)).toBeUndefined();
    expect(await p.tableExists(historyName(p))).toBe(false);
    const config = p.config();
    let status = await command.status(config);
    expect(status.databases[0]!.history.exists).toBe(false);
    expect([...status.databases[0]!.history.unrecorded].sort()).toEqual(["aaa001", "bbb002"]);
    // reading never creates it
    expect(await p.tableExists(historyName(p))).toBe(false);
    await command.upgrade(config, "head");
    status = await command.status(config);
    expect(status.databases[0]!.history.exists).toBe(true);
    expect(status.databases[0]!.history.startsAt?.revision).toBe("ccc003");
    expect([...status.databases[0]!.history.unrecorded].sort()).toEqual(["aaa001", "bbb002"]);
  });

  it("stamp adopts an existing database with a stamp row", async () => {
    const p = project(dialect, linear());
    const config = p.config();
    await command.stamp(config, "head");
    const rows = (await historyRows(p))!;
    expect(rows.map((r) => [r.direction, r.revision, r.headsAfter])).toEqual([["stamp", "ccc003", "ccc003"]]);
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    const status = await command.status(config);
    expect(status.databases[0]!.history.startsAt).toMatchObject({ revision: "ccc003", direction: "stamp" });
    expect(status.databases[0]!.history.changed).toEqual([]);
  });

  it("historyTable: false writes and reads no history", async () => {
    const p = project(dialect, linear());
    const config = p.config({ historyTable: false });
    await command.upgrade(config, "head");
    expect(await p.tableExists(historyName(p))).toBe(false);
    const status = await command.status(config);
    expect(status.databases[0]!.history).toMatchObject({ table: null, exists: false, rowCount: 0 });
  });

  it("a history table of another name is used and named", async () => {
    const p = project(dialect, linear());
    const config = p.config({ historyTable: `${p.prefix}_applied` });
    await command.upgrade(config, "aaa001");
    const db = await p.db();
    const rows = await new HistoryTable(db.dialect, `${p.prefix}_applied`).readRows(db);
    expect(rows?.map((r) => r.revision)).toEqual(["aaa001"]);
    expect(await p.tableExists(historyName(p))).toBe(false);
  });
});

describe.each(liveDialects())("applied history offline on %s", (dialect) => {
  it("an offline script writes the same history rows as the online run, with its own timestamps", async () => {
    const revisions = [tableRevision("aaa001", null, "one"), tableRevision("bbb002", "aaa001", "two")];
    // the twin compares every row of every table, the history's too (all but started_at and duration_ms)
    const { upgrade, downgrade } = await expectOfflineTwin(dialect, revisions);
    const inserts = upgrade.split("\n").filter((line) => /^INSERT INTO [`"]\w+_history[`"]/.test(line));
    expect(inserts).toHaveLength(2);
    const now = dialect === "postgresql" ? "(clock_timestamp() AT TIME ZONE 'UTC')" : dialect === "mysql" ? "UTC_TIMESTAMP(3)" : "CURRENT_TIMESTAMP";
    for (const insert of inserts) expect(insert).toContain(`, ${now}, NULL, `);
    expect(downgrade.split("\n").filter((line) => /^INSERT INTO [`"]\w+_history[`"]/.test(line))).toHaveLength(2);
  });
});

describe.each(liveDialects())("autogenerate and the history table on %s", (dialect) => {
  it("check and autogenerate leave the history table out, as the version table", async () => {
    const p = project(dialect, [tableRevision("aaa001", null, "one")]);
    p.writeEnv(`import { MetaData, column } from "athanor";
const metadata = new MetaData();
metadata.table("\${P}_one", { id: column.integer().primaryKey() });
export default {
  targetMetadata: metadata,
  // other tests share this database: compare only this project's tables (the history table among them)
  includeName: (name, type) => type !== "table" || name.startsWith("\${P}"),
};
`);
    const config = p.config();
    await command.upgrade(config, "head");
    expect(await p.tableExists(historyName(p))).toBe(true);
    const result = await command.check(config);
    expect(result.diffs.map((d) => JSON.stringify(d))).toEqual([]);
  });
});

describe.each(liveDialects())("athanor status, current -v and upgrade --strict on %s", (dialect) => {
  it("print the history's findings, exit 1 on a change to what runs, and --strict refuses in one line", async () => {
    const p = project(dialect, linear());
    p.writeConfigFile();
    expect(athanor(p.dir, "upgrade", "head").code).toBe(0);
    const clean = athanor(p.dir, "status");
    expect(clean.code).toBe(0);
    expect(clean.lines[0]).toBe("At ccc003");
    expect(clean.lines[1]).toMatch(new RegExp(`^History: ${historyName(p)}, 3 rows, starting with the upgrade of aaa001 on \\d{4}-\\d\\d-\\d\\dT`));
    expect(clean.lines.slice(2)).toEqual(["Every applied revision's file is as it was applied."]);

    const second = fileOf(p, "bbb002");
    writeFileSync(second, readFileSync(second, "utf8").replace("(id integer PRIMARY KEY)", "(id integer PRIMARY KEY, name varchar(20))"));
    rmSync(fileOf(p, "ccc003"));
    const changed = athanor(p.dir, "status");
    expect(changed.code).toBe(1);
    expect(changed.lines.slice(2)).toEqual([
      "bbb002: the file changed after it was applied, and what it runs differs from what ran",
      "ccc003: the version table names it, but no revision file defines it",
    ]);
    const json = JSON.parse(athanor(p.dir, "status", "--json").stdout) as { clean: boolean; databases: { history: { changed: { revision: string; change: string }[]; missingFiles: string[] } }[] };
    expect(json.clean).toBe(false);
    expect(json.databases[0]!.history.changed).toMatchObject([{ revision: "bbb002", change: "code" }]);
    expect(json.databases[0]!.history.missingFiles).toEqual(["ccc003"]);

    const verbose = athanor(p.dir, "current", "-v");
    expect(verbose.code).toBe(0);
    expect(verbose.lines).toContain("bbb002: the file changed after it was applied, and what it runs differs from what ran");
    const currentJson = JSON.parse(athanor(p.dir, "current", "--json").stdout) as { databases: { history: { changed: unknown[] } }[] };
    expect(currentJson.databases[0]!.history.changed).toHaveLength(1);
    // plain `current` stays as it was
    expect(athanor(p.dir, "current").lines).toEqual(["ccc003 (unknown revision: no script defines it)"]);

    // put ccc003 back and add a revision: --strict refuses, nothing runs; without it, a warning
    p.write(tableRevision("ccc003", "bbb002", "three"));
    p.write(tableRevision("ddd004", "ccc003", "four"));
    const strict = athanor(p.dir, "upgrade", "head", "--strict");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(
      "athanor: Refusing to upgrade with --strict: revision bbb002 changed what it runs after it was applied (restore the applied file (git log it), or put the change in a new revision; `athanor status` lists every changed file)\n",
    );
    expect(await p.versionRows()).toEqual(["ccc003"]);
    const warned = athanor(p.dir, "upgrade", "head");
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain("athanor: warning: bbb002: the file changed after it was applied, and what it runs differs from what ran\n");
    expect(await p.versionRows()).toEqual(["ddd004"]);
  });
});

describe("the historyTable key", () => {
  it("takes a table name or false, and names what it wants otherwise", async () => {
    const { Config } = await import("../../src/config/index.js");
    expect(Config.from({ scriptLocation: "m" }).historyTable).toBe("athanor_history");
    expect(Config.from({ scriptLocation: "m", versionTable: "alembic_version" }).historyTable).toBe("alembic_history");
    expect(Config.from({ scriptLocation: "m", versionTable: "versions" }).historyTable).toBe("versions_history");
    expect(Config.from({ scriptLocation: "m", historyTable: false }).historyTable).toBe(false);
    expect(Config.from({ scriptLocation: "m", historyTable: "applied" }).historyTable).toBe("applied");
    expect(() => Config.from({ scriptLocation: "m", historyTable: true as unknown as string })).toThrow(/historyTable.*a non-empty table name, or false/);
    expect(() => Config.from({ scriptLocation: "m", historyTable: "" })).toThrow(/historyTable/);
    let typo: unknown;
    try {
      Config.from({ scriptLocation: "m", historyTabel: "x" } as never);
    } catch (error) {
      typo = error;
    }
    expect(typo).toMatchObject({ message: expect.stringMatching(/Unknown config key "historyTabel"/), hint: expect.stringMatching(/historyTable/) });
  });
});
