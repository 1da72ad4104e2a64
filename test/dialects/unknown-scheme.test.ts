import { describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { parseUrl, unknownDatabaseKind } from "../../src/dialects/url.js";
import { AthanorError } from "../../src/util/errors.js";

describe("a URL scheme no database answers to", () => {
  test("a typo suggests the nearest registered database, by its own name", () => {
    for (const [scheme, suggested] of [
      ["postgress", "postgresql"],
      ["postgressql", "postgresql"],
      ["mysq", "mysql"],
      ["mariab", "mysql"],
      ["sqlit", "sqlite"],
    ] as const) {
      const error = unknownDatabaseKind(parseUrl(`${scheme}://u:pw-secret@localhost/db`));
      expect(error.message).toBe(
        `Unknown database kind "${scheme}" in the URL ${scheme}://u:***@localhost/db; did you mean ${suggested}://?`,
      );
      expect(error.oneLine()).not.toContain("pw-secret");
    }
  });

  test("a scheme far from every registered one gets no suggestion, only the list", async () => {
    const error = await connect("cockroach://u@localhost/db").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AthanorError);
    expect((error as AthanorError).message).toBe('Unknown database kind "cockroach" in the URL cockroach://u@localhost/db');
    expect((error as AthanorError).hint).toContain("sqlite, postgresql, mysql");
  });

  test("connect refuses a typo with the suggestion", async () => {
    await expect(connect("postgress://u@localhost/db")).rejects.toThrow("did you mean postgresql://?");
  });
});
