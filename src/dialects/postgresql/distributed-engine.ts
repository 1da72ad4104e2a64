import { AthanorError } from "../../util/errors.js";

/** A distributed SQL engine that speaks PostgreSQL's protocol but not all of its semantics. */
export interface DistributedEngine {
  /** The engine's own name. */
  readonly name: "CockroachDB" | "YugabyteDB";
  /** Its release as the server reports it, e.g. `v24.1.2` or `2.20.1.0`. */
  readonly release: string;
}

/**
 * Which distributed engine answered, read from `SELECT version()`; `undefined`
 * for PostgreSQL itself. CockroachDB reports `CockroachDB CCL v24.1.2 (…)`,
 * YugabyteDB `PostgreSQL 11.2-YB-2.20.1.0-b0 on …`.
 *
 * @example
 * ```ts
 * distributedEngine("PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu"); // { name: "YugabyteDB", release: "2.20.1.0" }
 * distributedEngine("PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64-pc-linux-gnu"); // undefined
 * ```
 */
export function distributedEngine(version: string): DistributedEngine | undefined {
  const cockroach = /\bCockroachDB\b(?:\s+\w+)?\s+(v[\w.-]+)/.exec(version);
  if (cockroach) return { name: "CockroachDB", release: cockroach[1]! };
  if (/\bCockroachDB\b/.test(version)) return { name: "CockroachDB", release: "unknown" };
  const yugabyte = /-YB-([\d.]+)/.exec(version);
  if (yugabyte) return { name: "YugabyteDB", release: yugabyte[1]!.replace(/\.$/, "") };
  return undefined;
}

/**
 * Why athanor will not migrate on a distributed engine: the migration lock
 * (`pg_try_advisory_lock`) does not keep a second run out there, and DDL inside
 * a transaction is not atomic, so a failed revision could stay half-applied.
 */
export function distributedEngineRefusal(engine: DistributedEngine, where: string): AthanorError {
  const reason =
    engine.name === "CockroachDB"
      ? "its advisory locks do not keep a second run out and its DDL inside a transaction is not atomic"
      : "its advisory locks and transactional DDL are off unless enabled by preview flags, so a second run is not kept out and a failed revision can stay half-applied";
  return new AthanorError(
    `${where} is ${engine.name} ${engine.release}: athanor does not migrate it yet (${reason}); ` +
      "read-only commands and --sql scripts work; see docs/distributed-sql.md",
  );
}
