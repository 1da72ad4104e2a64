/**
 * Where a registered database does not yet pass a conformance test: each gap
 * is a defect in src/ the suite has found, with why. A test listed here runs as
 * `it.fails` on that database, so it stays visible, and the suite fails as
 * soon as the database passes (then remove the entry).
 */
import { it } from "vitest";

const GAPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

/** `it` for this database: `it.fails` for a test with a known gap here. */
export function conformanceIt(dialect: string): (name: string, body: () => Promise<void>) => void {
  return (name, body) => (GAPS[dialect]?.[name] === undefined ? it : it.fails)(name, body);
}
