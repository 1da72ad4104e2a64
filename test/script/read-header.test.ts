import { describe, expect, it } from "vitest";
import { readRevisionHeader } from "../../src/script/read-header.js";
import { AthanorError } from "../../src/util/errors.js";

function errorOf(text: string): AthanorError {
  try {
    readRevisionHeader(text, "/v/x.ts");
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected an error");
}

describe("readRevisionHeader", () => {
  it("reads the file athanor writes", () => {
    const header = readRevisionHeader(
      `/**
 * create users
 *
 * Revision ID: 3f1c2a9b7d10
 * Revises: 0a9e8d7c6b5f
 * Create Date: 2026-11-21 10:00:00.000000
 */
import type { Operations } from "athanor";

export const revision = "3f1c2a9b7d10";
export const downRevision: string | string[] | null = "0a9e8d7c6b5f";
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {}
export async function downgrade(op: Operations): Promise<void> {}
`,
      "/v/a.ts",
    );
    expect(header).toEqual({
      revision: "3f1c2a9b7d10",
      downRevision: "0a9e8d7c6b5f",
      branchLabels: null,
      dependsOn: null,
      doc: "create users",
      longDoc: "create users\n\nRevision ID: 3f1c2a9b7d10\nRevises: 0a9e8d7c6b5f\nCreate Date: 2026-11-21 10:00:00.000000",
      createDate: "2026-11-21 10:00:00.000000",
      line: 10,
    });
  });

  it("accepts any quote style, annotations, as const and multi-line arrays with comments", () => {
    const header = readRevisionHeader(
      `// a line comment first
export const revision: string = 'abc123'
export const downRevision: readonly string[] = [
  "p1", // the first parent
  \`p2\`,
  /* trailing comma */
] as const;
export let branchLabels = "feature" as const;
export var dependsOn = ['d1', "d2",] satisfies readonly string[];
`,
      "/v/b.mts",
    );
    expect(header.revision).toBe("abc123");
    expect(header.downRevision).toEqual(["p1", "p2"]);
    expect(header.branchLabels).toEqual(["feature"]);
    expect(header.dependsOn).toEqual(["d1", "d2"]);
    expect(header.doc).toBe("");
  });

  it("reads a merge point and normalises empty and single-element lists", () => {
    expect(readRevisionHeader('export const revision = "m";\nexport const downRevision = ["a", "b"];', "f").downRevision).toEqual(["a", "b"]);
    expect(readRevisionHeader('export const revision = "m";\nexport const downRevision = ["a"];', "f").downRevision).toBe("a");
    expect(readRevisionHeader('export const revision = "m";\nexport const downRevision = [];', "f").downRevision).toBeNull();
    expect(readRevisionHeader('export const revision = "m";\nexport const downRevision = undefined;', "f").downRevision).toBeNull();
    expect(readRevisionHeader('export const revision = "m";\nexport const branchLabels = [];', "f").branchLabels).toBeNull();
  });

  it("reads a JavaScript file and a plain block comment", () => {
    const header = readRevisionHeader(
      `#!/usr/bin/env node
/* add index
   on email */
export const revision = "js1";
export const downRevision = null;
export function upgrade(op) {}
`,
      "f.js",
    );
    expect(header.revision).toBe("js1");
    expect(header.doc).toBe("add index");
    expect(header.longDoc).toBe("add index\non email");
  });

  it("stops at the first function: later declarations are not read", () => {
    const header = readRevisionHeader(
      `export const revision = "r1";
export async function upgrade(op) {
  const revision = "inner";
}
export const dependsOn = "late";
`,
      "f.ts",
    );
    expect(header.revision).toBe("r1");
    expect(header.dependsOn).toBeNull();
  });

  it("ignores declarations nested in blocks and look-alikes in strings and comments", () => {
    const header = readRevisionHeader(
      `const text = "export const revision = 'fake'";
// export const revision = "commented";
/* export const revision = "blocked"; */
const tpl = \`export const revision = "\${"x"}"\`;
namespace N { export const revision = "nested"; }
export const revision = "real";
`,
      "f.ts",
    );
    expect(header.revision).toBe("real");
  });

  it("cleans the comment margins of one-line and bulleted headers", () => {
    expect(readRevisionHeader('/** add index */\nexport const revision = "r";', "f.ts").doc).toBe("add index");
    const header = readRevisionHeader(
      '/**\n * change things\n *\n * * first\n *   indented\n */\nexport const revision = "r";',
      "f.ts",
    );
    expect(header.longDoc).toBe("change things\n\n* first\n  indented");
    expect(header.createDate).toBeUndefined();
  });

  it("reads a file with Windows line endings", () => {
    const text = '/**\r\n * create users\r\n *\r\n * Create Date: 2026-01-01 00:00:00.000000\r\n */\r\nexport const revision = "w1";\r\nexport const downRevision = [\r\n  "a",\r\n  "b",\r\n];\r\n';
    const header = readRevisionHeader(text, "f.ts");
    expect(header).toMatchObject({ revision: "w1", downRevision: ["a", "b"], doc: "create users", createDate: "2026-01-01 00:00:00.000000", line: 6 });
    expect(header.longDoc).toBe("create users\n\nCreate Date: 2026-01-01 00:00:00.000000");
  });

  it("keeps the first block comment only when it comes before any code", () => {
    const header = readRevisionHeader('import x from "y";\n/** not the header */\nexport const revision = "r";', "f.ts");
    expect(header.doc).toBe("");
  });

  it("refuses a file without a revision", () => {
    const error = errorOf('export const downRevision = null;\nexport function upgrade() {}\nexport const revision = "late";');
    expect(error.message).toBe('No `export const revision = "..."` in this file');
    expect(error.file).toBe("/v/x.ts");
  });

  it("refuses values that are not literals, with the line", () => {
    let error = errorOf('export const revision = "a";\n\nexport const downRevision = PARENT;');
    expect(error.message).toBe("downRevision must be a string literal, an array of string literals, or null");
    expect(error.line).toBe(3);
    expect(error.hint).toMatch(/without running the file/);

    error = errorOf('export const revision = "a" + suffix;');
    expect(error.message).toBe("revision must be a string literal");
    expect(error.line).toBe(1);

    error = errorOf("export const revision = `a${b}`;");
    expect(error.message).toBe("revision must be a string literal");

    error = errorOf('export const revision = "a";\nexport const dependsOn = [\n  "x",\n  y,\n];');
    expect(error.line).toBe(4);

    error = errorOf("export const revision = null;");
    expect(error.message).toBe("revision must be a string literal");

    error = errorOf('export const revision = "";');
    expect(error.message).toBe("revision must be a non-empty string literal");

    error = errorOf('export const revision = process.env.REV ?? "x";');
    expect(error.message).toBe("revision must be a string literal");
  });
});
