// Concurrent runs and a killed run, through the built CLI (`npm test` builds first).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { liveDialects } from "../support/servers.js";
import { createProject } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js"));

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: string[], onStdout?: (text: string) => void): { done: Promise<Finished>; kill(): void } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout);
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolveDone) =>
    child.on("close", (code, signal) => resolveDone({ code, signal, stdout, stderr })),
  );
  return { done, kill: () => child.kill("SIGKILL") };
}

/** stderr less the line a run prints once when it waits for the lock over a second (MySQL's dead session ends with its statement). */
function withoutLockWait(stderr: string): string {
  return stderr.replace(/^athanor: warning: waiting for the migration lock .* held by .*\n/m, "");
}

/** A revision that records its run in `${P}_runs` (created by the first one). */
function recordingRevision(id: string, down: string | null, first: boolean): RevisionSpec {
  return {
    id,
    down,
    doc: `record ${id}`,
    upgrade: [
      first ? `  await op.execute("CREATE TABLE \${P}_runs (rev varchar(32) NOT NULL)");` : "",
      `  await op.execute("CREATE TABLE \${P}_${id} (id integer PRIMARY KEY)");`,
      `  await new Promise((r) => setTimeout(r, 30));`,
      `  await op.execute("INSERT INTO \${P}_runs (rev) VALUES ('${id}')");`,
    ].join("\n"),
    downgrade: [`  await op.execute("DROP TABLE \${P}_${id}");`, first ? `  await op.execute("DROP TABLE \${P}_runs");` : ""].join(
      "\n",
    ),
  };
}

describe.skipIf(!built).each(liveDialects())("the migration lock on %s", (dialect) => {
  it("serialises 8 processes running `upgrade head` at once", async () => {
    const ids = ["r01", "r02", "r03", "r04", "r05", "r06"];
    const p = createProject(
      dialect,
      ids.map((id, i) => recordingRevision(id, i === 0 ? null : ids[i - 1]!, i === 0)),
    );
    projects.push(p);
    p.writeConfigFile();
    const runs = Array.from({ length: 8 }, () => run(p.dir, ["upgrade", "head"]).done);
    const results = await Promise.all(runs);
    for (const r of results) expect({ code: r.code, stderr: withoutLockWait(r.stderr) }).toEqual({ code: 0, stderr: "" });
    // exactly one process ran the revisions; the others found the database at head
    const ran = results.filter((r) => r.stdout.includes("Running upgrade"));
    expect(ran).toHaveLength(1);
    const db = await p.db();
    const counted = await db.execute(`SELECT rev, COUNT(*) AS n FROM ${p.prefix}_runs GROUP BY rev ORDER BY rev`);
    expect(counted.rows.map((r) => [String(r["rev"]), Number(r["n"])])).toEqual(ids.map((id) => [id, 1]));
    expect(await p.versionRows()).toEqual(["r06"]);
  });

  it("a SIGKILL in the middle of a run leaves PostgreSQL and SQLite as before it, MySQL at the last finished revision", async () => {
    const sleep =
      dialect === "postgresql"
        ? `  await op.execute("SELECT pg_sleep(8)");`
        : dialect === "mysql"
          ? `  await op.execute("SELECT SLEEP(5)");`
          : `  await new Promise((r) => setTimeout(r, 60000));`;
    const p = createProject(dialect, [
      {
        id: "k01",
        down: null,
        doc: "first",
        upgrade: `  await op.execute("CREATE TABLE \${P}_first (id integer PRIMARY KEY)");`,
      },
      {
        id: "k02",
        down: "k01",
        doc: "slow",
        upgrade: `  await op.execute("CREATE TABLE \${P}_slow (id integer PRIMARY KEY)");\n${sleep}`,
      },
    ]);
    projects.push(p);
    p.writeConfigFile();
    let child: { done: Promise<Finished>; kill(): void } | undefined;
    const reached = new Promise<void>((resolveReached) => {
      child = run(p.dir, ["upgrade", "head"], (out) => {
        if (out.includes("Running upgrade k01 -> k02")) resolveReached();
      });
    });
    await reached;
    await new Promise((r) => setTimeout(r, 500));
    child!.kill();
    const finished = await child!.done;
    expect(finished.signal).toBe("SIGKILL");

    if (dialect === "mysql") {
      // DDL commits at once: the first revision finished and was recorded; the second one's DDL stays
      expect(await p.versionRows()).toEqual(["k01"]);
      expect(await p.tableExists(`${p.prefix}_first`)).toBe(true);
      expect(await p.tableExists(`${p.prefix}_slow`)).toBe(true);
      p.write({ id: "k02", down: "k01", doc: "slow", upgrade: `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_slow (id integer PRIMARY KEY)");` });
    } else {
      // the server notices the closed connection and rolls back; give it a moment
      let rows: string[] | null = ["?"];
      for (let i = 0; i < 50; i++) {
        rows = await p.versionRows();
        if (rows === null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(rows).toBeNull();
      expect(await p.tableExists(`${p.prefix}_first`)).toBe(false);
      expect(await p.tableExists(`${p.prefix}_slow`)).toBe(false);
      p.write({ id: "k02", down: "k01", doc: "slow", upgrade: `  await op.execute("CREATE TABLE \${P}_slow (id integer PRIMARY KEY)");` });
    }

    // and the next run takes the lock (once the server has let the dead session go) and completes
    const again = await run(p.dir, ["upgrade", "head"]).done;
    expect({ code: again.code, stderr: withoutLockWait(again.stderr) }).toEqual({ code: 0, stderr: "" });
    expect(await p.versionRows()).toEqual(["k02"]);
  });
});
