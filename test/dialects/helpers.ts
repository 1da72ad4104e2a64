import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { liveDialects, serverUrls, testPrefix, type DialectName } from "../support/servers.js";

/** A name no parallel test file uses: prefix, process id and a random tail. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A name for a database or schema a test creates: ATHANOR_TEST_PREFIX, then a unique name. */
export function uniqueDatabaseName(tag: string): string {
  return `${testPrefix}_${uniqueName(tag)}`;
}

/** A fresh temporary folder. */
export function tempDir(prefix = "athanor-dialects-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A URL to run a live test on: a new SQLite file, or the test server's database. */
export function liveUrl(dialect: DialectName): string {
  if (dialect === "sqlite") return `sqlite:///${join(tempDir(), "test.db")}`;
  return serverUrls[dialect];
}

/** Whether an optional package can be loaded here. */
export function isInstalled(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/**
 * The live databases, plus SQLite through better-sqlite3 when that optional driver
 * is installed: `[label, dialect, makeUrl]`.
 */
export function liveTargets(): Array<[string, DialectName, () => string]> {
  const targets: Array<[string, DialectName, () => string]> = liveDialects().map((d) => [d, d, () => liveUrl(d)]);
  if (isInstalled("better-sqlite3")) {
    targets.push(["sqlite+better-sqlite3", "sqlite", () => liveUrl("sqlite").replace("sqlite://", "sqlite+better-sqlite3://")]);
  }
  return targets;
}
