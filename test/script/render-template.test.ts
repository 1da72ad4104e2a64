import { describe, expect, it } from "vitest";
import { renderTemplate } from "../../src/script/render-template.js";
import { AthanorError } from "../../src/util/errors.js";

describe("renderTemplate", () => {
  it("replaces ${name} and never runs anything", () => {
    expect(renderTemplate('const a = "${x}"; // ${y}', { x: "1", y: "${process.exit()}" }, "t")).toBe(
      'const a = "1"; // ${process.exit()}',
    );
  });

  it("indents a multi-line value standing alone and drops an empty one", () => {
    const template = "function f() {\n  ${body}\n}\n  ${empty}\nend";
    expect(renderTemplate(template, { body: "a();\n\nb();", empty: "" }, "t")).toBe(
      "function f() {\n  a();\n\n  b();\n}\nend",
    );
  });

  it("drops ## comment lines and writes $${ as a literal", () => {
    expect(renderTemplate("## about ${nothing}\nx = `$${y}`", {}, "t")).toBe("x = `${y}`");
  });

  it("repeats a comment margin on each line of a multi-line value", () => {
    expect(renderTemplate("/**\n * ${message}\n */", { message: "first\n\nsecond" }, "t")).toBe(
      "/**\n * first\n *\n * second\n */",
    );
    expect(renderTemplate("x = `${v}`", { v: "a\nb" }, "t")).toBe("x = `a\nb`");
  });

  it("trims trailing spaces left by an empty value", () => {
    expect(renderTemplate(" * Revises: ${revises}", { revises: "" }, "t")).toBe(" * Revises:");
  });

  it("refuses an unknown variable, naming the file and line", () => {
    try {
      renderTemplate("a\nb ${nope}", { known: "" }, "/m/script.ts.tmpl");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AthanorError);
      const e = error as AthanorError;
      expect(e.message).toBe("Unknown template variable ${nope}");
      expect(e.file).toBe("/m/script.ts.tmpl");
      expect(e.line).toBe(2);
      expect(e.hint).toMatch(/known: known/);
    }
  });
});
