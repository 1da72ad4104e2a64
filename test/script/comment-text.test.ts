import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanComment, cleanCommentText, createDateOf } from "../../src/script/read-header.js";

const pieces = [" ", "\t", "*", "**", "\n", "\r\n", "\r", "\u2028", "a", "b c", "/", "Create Date:", "Create Date: 2026-11-21", "é"];
const commentBody = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(""));

const createDateByExpression = (longDoc: string): string | undefined =>
  /^Create Date:[ \t]*(.+)$/m.exec(longDoc)?.[1]?.trim() || undefined;

describe("header comment text", () => {
  it("is the same line by line as by the expressions, for any comment", () => {
    fc.assert(
      fc.property(commentBody, (body) => {
        expect(cleanComment(body)).toBe(cleanCommentText(body));
      }),
      { numRuns: 5000 },
    );
  });

  it("finds the same Create Date as the expression", () => {
    fc.assert(
      fc.property(commentBody, (body) => {
        expect(createDateOf(body)).toBe(createDateByExpression(body));
      }),
      { numRuns: 5000 },
    );
    expect(createDateOf("add users\n\nRevision ID: a1\nCreate Date: 2026-11-21 10:00:00.000000")).toBe("2026-11-21 10:00:00.000000");
    expect(createDateOf("x Create Date: no\nCreate Date:\nCreate Date:  later ")).toBe("later");
  });
});
