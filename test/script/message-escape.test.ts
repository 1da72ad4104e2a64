// The writer's escape of a message in the header comment and the reader's unescape
// give back every message exactly.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeCommentText, readRevisionHeader, unescapeCommentText } from "../../src/script/read-header.js";
import { scriptsOf, tempProject } from "./project.js";

const ODD = [
  "a */ b",
  "*/",
  "**/ stars",
  "back\\slash",
  "ends with a backslash \\",
  "a *\\/ already escaped-looking",
  "two *\\\\/ backslashes",
  "\\*/ backslash before the star",
  "/* opens a comment */",
  "first line\nsecond */ line\n* bullet",
];

describe("escaping a message for the header comment", () => {
  it.each(ODD)("round-trips %j and never closes the comment", (message) => {
    const escaped = escapeCommentText(message);
    expect(escaped).not.toContain("*/");
    expect(unescapeCommentText(escaped)).toBe(message);
  });

  it.each(ODD)("a revision written with %j reads back with that message", async (message) => {
    const { config } = tempProject();
    const scripts = await scriptsOf(config);
    const written = await scripts.generateRevision({ message, revId: "abc123" });
    const header = readRevisionHeader(readFileSync(written.path, "utf8"), written.path);
    expect(header.doc).toBe(message.split("\n")[0]!.trim());
    expect(header.longDoc.startsWith(`${message}\n\nRevision ID: abc123`)).toBe(true);
    // and the file still runs: the header comment closes where the template closes it
    const module = await scripts.loadRevision(written);
    expect(module.revision).toBe("abc123");
  });
});
