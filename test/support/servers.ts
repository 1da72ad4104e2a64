/**
 * Where the live tests find their databases. SQLite always runs; PostgreSQL and
 * MySQL/MariaDB run when their URL answers. With ATHANOR_TEST_REQUIRE_SERVERS=1 a
 * server that does not answer fails the run instead of skipping.
 */
export type DialectName = "sqlite" | "postgresql" | "mysql";

export const serverUrls: Record<Exclude<DialectName, "sqlite">, string> = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
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
