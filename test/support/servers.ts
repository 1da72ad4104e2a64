/**
 * Where the live tests find their databases. SQLite always runs; PostgreSQL and
 * MySQL/MariaDB run when their URL answers. With ATHANOR_TEST_REQUIRE_SERVERS=1 a
 * server that does not answer fails the run instead of skipping.
 */
export type DialectName = "sqlite" | "postgresql" | "mysql";

/**
 * What the databases and schemas the tests create start with (ATHANOR_TEST_PREFIX,
 * default "athanor"): lowercase letters, digits and underscores, at most 12, so that
 * a name with its unique tail stays within MySQL's 64 and PostgreSQL's 63 bytes.
 */
export const testPrefix: string = (() => {
  const prefix = process.env.ATHANOR_TEST_PREFIX ?? "athanor";
  if (!/^[a-z][a-z0-9_]{0,11}$/.test(prefix)) {
    throw new Error(`ATHANOR_TEST_PREFIX "${prefix}" is not usable: give 1 to 12 lowercase letters, digits or underscores, starting with a letter`);
  }
  return prefix;
})();

export const serverUrls: Record<Exclude<DialectName, "sqlite">, string> = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? `postgresql://postgres@127.0.0.1:5432/${testPrefix}_test`,
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? `mysql://root@127.0.0.1:3306/${testPrefix}_test`,
};

export const requireServers = process.env.ATHANOR_TEST_REQUIRE_SERVERS === "1";

/** Set by the global setup: which servers answered. */
export function availableServers(): Set<DialectName> {
  const list = (process.env.ATHANOR_TEST_AVAILABLE ?? "sqlite").split(",");
  return new Set(list.filter(Boolean) as DialectName[]);
}

/** The dialects a live scenario should run on here. */
export function liveDialects(): DialectName[] {
  const available = availableServers();
  return (["sqlite", "postgresql", "mysql"] as const).filter((d) => available.has(d));
}
