// Fleets on every database: 200 SQLite files, 100 PostgreSQL schemas, 50 MySQL/MariaDB
// databases, with a tenant whose revision fails, one unreachable and one locked by another run.
import { afterAll, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import type { FleetTarget, TargetResult } from "../../src/fleet/types.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { createFleetProject, fleetRevisions, holdTargetLock, type FleetProject } from "./fleet-project.js";

const COUNTS: Record<DialectName, number> = { sqlite: 200, postgresql: 100, mysql: 50 };
const UNREACHABLE: Record<DialectName, string> = {
  sqlite: "sqlite:////nonexistent-athanor-folder/tenant.db",
  postgresql: "postgresql://postgres:secret-pw@127.0.0.1:1/tenant",
  mysql: "mysql://root:secret-pw@127.0.0.1:1/tenant",
};

const projects: FleetProject[] = [];
afterAll(async () => {
  for (const p of projects) await p.cleanup();
});

function byName(targets: readonly TargetResult[]): Map<string, TargetResult> {
  return new Map(targets.map((t) => [t.name, t]));
}

describe.each(liveDialects())("a fleet on %s", (dialect) => {
  it("migrates every tenant, reports the failing, unreachable and locked ones, resumes, and shows the drift", { timeout: 240_000 }, async () => {
    const count = COUNTS[dialect];
    // the first target's r2 fails; the tenants before it in the list are healthy
    const failing = `${dialect}_failing`;
    const project = await createFleetProject(dialect, count + 2, fleetRevisions());
    projects.push(project);
    const [bad, locked, ...healthy] = project.targets as [FleetTarget, FleetTarget, ...FleetTarget[]];
    // r2 of the failing tenant selects from a table that does not exist
    const { writeFileSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const r2 = join(project.dir, "migrations", "versions", "r2_rev.ts");
    writeFileSync(
      r2,
      readFileSync(r2, "utf8").replace(
        "export async function upgrade(op: any): Promise<void> {",
        `export async function upgrade(op: any): Promise<void> {\n  if (op.database === ${JSON.stringify(bad.name)}) await op.execute("SELECT missing_column FROM ${project.prefix}_no_such_table");`,
      ),
    );
    void failing;
    const unreachable: FleetTarget = { name: `${project.prefix}_unreachable`, url: UNREACHABLE[dialect] };
    const targets = [...project.targets, unreachable];
    const config = project.config({ lockTimeout: 400, fleets: { tenants: targets } });

    const holder = await holdTargetLock(project, locked);
    let first;
    try {
      first = await command.upgrade(config, "head", { fleet: "tenants" });
    } finally {
      await holder.release();
    }
    const results = byName(first.targets);
    expect(first.ok).toBe(false);
    expect(first.summary).toMatchObject({ total: count + 3, migrated: count, failed: 3, pending: 0, steps: count * 3 });
    for (const t of healthy) expect(results.get(t.name)).toMatchObject({ status: "migrated", steps: 3, heads: ["r3"], initialHeads: [] });
    // a failing revision is never retried
    const failed = results.get(bad.name)!;
    expect(failed).toMatchObject({ status: "failed", attempts: 1, error: { kind: "MigrationError", revision: "r2" } });
    // a lock held by another run is waited for, then retried, then reported
    expect(results.get(locked.name)).toMatchObject({ status: "failed", attempts: 3 });
    expect(results.get(locked.name)!.error!.message).toMatch(/^Another migration holds the lock on /);
    const down = results.get(unreachable.name)!;
    expect(down.status).toBe("failed");
    if (dialect === "sqlite") expect(down).toMatchObject({ attempts: 1, error: { code: "SQLITE_CANTOPEN" } });
    else expect(down).toMatchObject({ attempts: 3, error: { code: "ECONNREFUSED" } });
    expect(JSON.stringify(first)).not.toContain("secret-pw");
    for (const t of healthy.slice(0, 5)) expect(await project.versionRows(t)).toEqual(["r3"]);
    expect(await project.versionRows(locked)).toBeNull();

    // a rerun skips the tenants at head with one read each, and migrates the one that was locked
    const second = await command.upgrade(config, "head", { fleet: "tenants" });
    const again = byName(second.targets);
    expect(second.summary).toMatchObject({ migrated: 1, skipped: count, failed: 2, steps: 3 });
    expect(again.get(locked.name)).toMatchObject({ status: "migrated", heads: ["r3"] });
    for (const t of healthy) expect(again.get(t.name)).toMatchObject({ status: "skipped", steps: 0, attempts: 1 });
    expect(again.get(bad.name)).toMatchObject({ status: "failed", error: { revision: "r2" } });

    // the drift: all but two at head, the failing tenant where its database left it, the unreachable one unreadable
    const drift = await command.current(config, { fleet: "tenants" });
    expect(drift.total).toBe(count + 3);
    expect(drift.atHeads).toBe(false);
    expect(drift.groups[0]).toMatchObject({ heads: ["r3"], atHeads: true, count: count + 1 });
    // PostgreSQL and SQLite roll the whole run back; MySQL keeps r1, committed before r2 failed
    const badAt = dialect === "mysql" ? ["r1"] : [];
    expect(drift.groups.find((g) => g.targets.includes(bad.name))).toMatchObject({ heads: badAt, atHeads: false, count: 1 });
    expect(drift.failed.map((f) => f.name)).toEqual([unreachable.name]);
    expect(JSON.stringify(drift)).not.toContain("secret-pw");

    // --only / --except patterns: one tenant a step down, the rest untouched
    const one = await command.downgrade(config, "-1", { fleet: "tenants", only: [`${project.prefix}_00[2]`] });
    expect(one.targets.map((t) => [t.name, t.status, t.heads])).toEqual([[`${project.prefix}_002`, "migrated", ["r2"]]]);
    const drift2 = await command.current(config, { fleet: "tenants", except: [bad.name, unreachable.name] });
    expect(drift2.groups.map((g) => [g.count, g.heads, g.targets.length < 3 ? g.targets : "many"])).toEqual([
      [count, ["r3"], "many"],
      [1, ["r2"], [`${project.prefix}_002`]],
    ]);

    // two runs at once over the same fleet: both end with every target at head, no step runs twice
    const healthyOnly = { fleet: "tenants", except: [bad.name, unreachable.name] } as const;
    const toBase = await command.downgrade(config, "base", healthyOnly);
    expect(toBase.ok).toBe(true);
    const [a, b] = await Promise.all([
      command.upgrade(config, "head", { ...healthyOnly, concurrency: 3 }),
      command.upgrade(config, "head", { ...healthyOnly, concurrency: 5 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.summary.steps + b.summary.steps).toBe((count + 1) * 3);
    for (const t of [locked, ...healthy]) {
      const ran = [a, b].map((r) => byName(r.targets).get(t.name)!);
      expect(ran.map((r) => r.steps).sort()).toEqual([0, 3]);
    }
    const end = await command.current(config, healthyOnly);
    expect(end).toMatchObject({ atHeads: true, groups: [{ heads: ["r3"], count: count + 1 }], failed: [] });
  });

  it("stops starting targets when aborted and lets the running ones finish", { timeout: 120_000 }, async () => {
    const project = await createFleetProject(dialect, 12, fleetRevisions({ r1Extra: "  await new Promise((resolve) => setTimeout(resolve, 150));" }));
    projects.push(project);
    // counts how often the revision file is evaluated: once for the whole fleet
    const key = `__loads_${project.prefix}`;
    const { appendFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    appendFileSync(join(project.dir, "migrations", "versions", "r3_rev.ts"), `\n(globalThis as any).${key} = ((globalThis as any).${key} ?? 0) + 1;\n`);
    const config = project.config();
    const controller = new AbortController();
    const ended: string[] = [];
    const result = await command.upgrade(config, "head", {
      fleet: "tenants",
      concurrency: 2,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === "target-end") {
          ended.push(event.result.name);
          if (ended.length === 3) controller.abort("test");
        }
      },
    });
    expect(result.ok).toBe(false);
    // the third ended while one more ran: that one finished too, and nothing started after
    expect(result.summary.migrated).toBe(4);
    expect(result.summary.pending).toBe(8);
    expect(result.summary.failed).toBe(0);
    for (const t of result.targets.filter((r) => r.status === "pending")) expect(await project.versionRows(project.targets.find((x) => x.name === t.name)!)).toBeNull();
    const rest = await command.upgrade(config, "head", { fleet: "tenants" });
    expect(rest.summary).toMatchObject({ migrated: 8, skipped: 4, failed: 0 });
    expect((globalThis as Record<string, unknown>)[key]).toBe(1);
  });
});

describe("fail-fast", () => {
  it("starts no new target after the first failure; the targets not started are pending", { timeout: 60_000 }, async () => {
    const project = await createFleetProject("sqlite", 5, fleetRevisions());
    projects.push(project);
    const broken: FleetTarget = { name: "broken", url: "sqlite:////nonexistent-athanor-folder/broken.db" };
    const config = project.config({ fleets: { tenants: [project.targets[0]!, broken, ...project.targets.slice(1)] } });
    const result = await command.upgrade(config, "head", { fleet: "tenants", concurrency: 1, failFast: true });
    expect(result.targets.map((t) => t.status)).toEqual(["migrated", "failed", "pending", "pending", "pending", "pending"]);
    expect(result.ok).toBe(false);
    expect(result.summary).toMatchObject({ migrated: 1, failed: 1, pending: 4 });
    // without it, the others go on
    const rest = await command.upgrade(config, "head", { fleet: "tenants", concurrency: 1 });
    expect(rest.targets.map((t) => t.status)).toEqual(["skipped", "failed", "migrated", "migrated", "migrated", "migrated"]);
  });
});
