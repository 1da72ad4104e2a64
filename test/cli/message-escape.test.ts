// A message with "*/" is written escaped into the JSDoc header and shown as given;
// -x without a key is refused.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanor, bareProject, expectOneLineError, ok, versionFiles } from "./helpers.js";

describe("a message that would close the header comment", () => {
  it("`a */ b` is written `a *\\/ b` and history and show print `a */ b`", () => {
    const dir = bareProject();
    ok(dir, "revision", "-m", "a */ b", "--rev-id", "aaa001");
    const [file] = versionFiles(dir);
    const text = readFileSync(join(dir, "migrations", "versions", file!), "utf8");
    expect(text).toContain(" * a *\\/ b\n");
    expect(text.indexOf("*/")).toBe(text.indexOf(" */\nimport") + 1); // the header closes where the template closes it
    expect(ok(dir, "history").stdout).toBe("<base> -> aaa001 (head), a */ b\n");
    const shown = ok(dir, "show", "aaa001").stdout;
    expect(shown).toContain("    a */ b\n");
    expect(shown).not.toContain("*\\/");
  });

  it("a backslash before */ and a message over several lines read back as given", () => {
    const dir = bareProject();
    const message = "keep *\\/ literal, C:\\dir\\ and */\nsecond line */ too";
    ok(dir, "revision", "-m", message, "--rev-id", "bbb002");
    expect(ok(dir, "history").stdout).toBe("<base> -> bbb002 (head), keep *\\/ literal, C:\\dir\\ and */\n");
    const shown = ok(dir, "show", "bbb002").stdout;
    expect(shown).toContain("    keep *\\/ literal, C:\\dir\\ and */\n    second line */ too\n");
  });
});

describe("-x", () => {
  it("without a key is an error in one line", () => {
    const dir = bareProject();
    const line = expectOneLineError(athanor(dir, "-x", "=value", "heads"));
    expect(line).toBe('athanor: -x "=value" has no key (write -x key=value; a bare -x key sets key to the empty string)');
    expect(expectOneLineError(athanor(dir, "-x", " =v", "heads"))).toMatch(/has no key/);
    expect(ok(dir, "-x", "tenant=acme", "-x", "dry", "heads").code).toBe(0);
  });
});
