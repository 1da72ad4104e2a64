// The fleet's pure parts: glob patterns on target names, which failures are
// tried again, and the checks of a declaration.
import { describe, expect, it } from "vitest";
import { DatabaseError, lockTimeoutError } from "../../src/dialects/errors.js";
import { globMatcher } from "../../src/fleet/glob.js";
import { isTransient } from "../../src/fleet/transient.js";
import { fleetDeclarationProblem } from "../../src/fleet/validate-targets.js";
import { MigrationError } from "../../src/runtime/errors.js";

describe("globMatcher", () => {
  it("matches whole names with *, ?, sets and negated sets", () => {
    const match = globMatcher(["eu-*", "us-[ab]?", "t[!0-4]"]);
    expect(["eu-west", "eu-", "us-a1", "us-bz", "t7"].filter(match)).toHaveLength(5);
    expect(["xeu-west", "us-c1", "us-a12", "t3", "t77"].filter(match)).toEqual([]);
    // regular expression characters are plain text
    expect(globMatcher(["a.b+(c)"])("a.b+(c)")).toBe(true);
    expect(globMatcher(["a.b"])("axb")).toBe(false);
  });
});

describe("isTransient", () => {
  const failed = (cause: unknown, extra: Partial<ConstructorParameters<typeof MigrationError>[0]> = {}): MigrationError =>
    new MigrationError({ revision: "a1", kind: "upgrade", label: "upgrade -> a1", cause, heads: [], hint: "the run was rolled back", ...extra });

  it("tries again a refused connection, a lock held too long, a serialization failure or a deadlock", () => {
    expect(isTransient(new DatabaseError("Cannot connect to postgresql://x", { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransient(lockTimeoutError('"athanor:v" in sqlite:///a.db', 1000))).toBe(true);
    expect(isTransient(failed(new DatabaseError("could not serialize access", { code: "40001" })))).toBe(true);
    expect(isTransient(failed(new DatabaseError("Deadlock found", { code: "ER_LOCK_DEADLOCK" })))).toBe(true);
  });

  it("never tries again a revision failing for its own reason, or one that left statements applied", () => {
    expect(isTransient(failed(new DatabaseError('relation "x" does not exist', { code: "42P01" })))).toBe(false);
    expect(isTransient(failed(new Error("boom")))).toBe(false);
    expect(isTransient(failed(new DatabaseError("Deadlock found", { code: "ER_LOCK_DEADLOCK" }), { statementsApplied: ["CREATE TABLE t (id int)"] }))).toBe(false);
    expect(isTransient(new DatabaseError("Access denied", { code: "ER_ACCESS_DENIED_ERROR" }))).toBe(false);
  });
});

describe("fleetDeclarationProblem", () => {
  it("takes a list of targets or a function, and names what is wrong otherwise", () => {
    expect(fleetDeclarationProblem("t", [{ name: "a", url: "sqlite:///a.db", schema: "s" }])).toBeUndefined();
    expect(fleetDeclarationProblem("t", async () => [])).toBeUndefined();
    expect(fleetDeclarationProblem("t", { a: 1 })).toBe("fleets.t must be an array of targets or a function returning them, got an object");
    expect(fleetDeclarationProblem("t", ["a"])).toBe('fleets.t[0] must be an object { name, url, schema? }, got "a"');
    expect(fleetDeclarationProblem("t", [{ name: "", url: "x" }])).toBe("fleets.t[0] needs a non-empty name string");
    expect(fleetDeclarationProblem("t", [{ name: "a", url: "x", schema: "" }])).toBe('fleets.t target "a": schema must be a non-empty string');
  });
});
