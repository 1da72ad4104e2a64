// Conformance: a database counts as supported when the suite runs on it. Every
// database the registry knows must have a test server the suite reaches.
import { describe, expect, test } from "vitest";
import { dialectNames } from "../../../src/dialects/index.js";
import { requireServers } from "../../support/servers.js";
import { absentDialects, conformanceDialects, unservedDialects } from "./targets.js";

describe("the conformance suite covers the registry", () => {
  test("every registered database has a test server (test/support/servers.ts) and a sandbox (sandbox.ts)", () => {
    expect(dialectNames().length).toBeGreaterThan(0);
    expect(unservedDialects(), "registered databases the conformance suite cannot reach").toEqual([]);
  });

  test.runIf(requireServers)("where servers are required, the suite runs on every registered database", () => {
    expect(absentDialects()).toEqual([]);
    expect(conformanceDialects()).toEqual(dialectNames());
  });
});
