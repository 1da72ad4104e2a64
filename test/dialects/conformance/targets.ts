/**
 * Which databases the conformance suite runs on: every database the registry
 * knows (`dialectNames()`), each on its test server. A registered database with
 * no test server here is reported by `unservedDialects()`: a run that requires
 * the servers (ATHANOR_TEST_REQUIRE_SERVERS=1) fails on it, a local run skips it
 * and says so.
 */
import { dialectNames } from "../../../src/dialects/index.js";
import { availableServers, type DialectName } from "../../support/servers.js";

/** The databases test/support/servers.ts knows how to reach. */
const SERVED: readonly string[] = ["sqlite", "postgresql", "mysql"] satisfies readonly DialectName[];

function isServed(name: string): name is DialectName {
  return SERVED.includes(name);
}

/** Registered databases whose test server answered here: the suite runs on each. */
export function conformanceDialects(): DialectName[] {
  const available = availableServers();
  return dialectNames().filter(isServed).filter((name) => available.has(name));
}

/** Registered databases the suite cannot reach: no test server entry, so nothing proves them supported. */
export function unservedDialects(): string[] {
  return dialectNames().filter((name) => !isServed(name));
}

/** Registered databases whose server did not answer (skipped locally, a failure where servers are required). */
export function absentDialects(): DialectName[] {
  const available = availableServers();
  return dialectNames().filter(isServed).filter((name) => !available.has(name));
}
