import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importModule, isModulePath } from "../../src/config/index.js";
import { jsonErrorOffset } from "../../src/config/json-error.js";
import { tempDir } from "./temp-dir.js";

describe("importModule", () => {
  it("imports TypeScript through jiti and JavaScript natively", async () => {
    const dir = tempDir({
      "a.ts": 'interface T { x: number }\nconst t: T = { x: 1 };\nexport const x: number = t.x;\nexport default "ts";\n',
      "b.mts": "export const x = 2 as number;\n",
      "c.mjs": "export const x = 3;\n",
      "d.cjs": "module.exports = { x: 4 };\n",
      "e.js": "export const x = 5;\n",
      "package.json": '{ "type": "module" }',
    });
    expect((await importModule<{ x: number; default: string }>(join(dir, "a.ts"))).x).toBe(1);
    expect((await importModule<{ default: string }>(join(dir, "a.ts"))).default).toBe("ts");
    expect((await importModule<{ x: number }>(join(dir, "b.mts"))).x).toBe(2);
    expect((await importModule<{ x: number }>(join(dir, "c.mjs"))).x).toBe(3);
    expect((await importModule<{ default: { x: number } }>(join(dir, "d.cjs"))).default.x).toBe(4);
    expect((await importModule<{ x: number }>(join(dir, "e.js"))).x).toBe(5);
  });

  it("loads ESM syntax in a .js file of a CommonJS package", async () => {
    const dir = tempDir({ "r.js": 'export const revision = "r1";\n', "package.json": '{ "type": "commonjs" }' });
    expect((await importModule<{ revision: string }>(join(dir, "r.js"))).revision).toBe("r1");
  });

  it("lets a TypeScript module import another one", async () => {
    const dir = tempDir({
      "schema.ts": "export const tables: string[] = ['users'];\n",
      "env.ts": 'import { tables } from "./schema.js";\nexport default { tables };\n',
    });
    expect((await importModule<{ default: { tables: string[] } }>(join(dir, "env.ts"))).default.tables).toEqual(["users"]);
  });

  it("knows module paths", () => {
    for (const p of ["a.ts", "a.mts", "a.cts", "a.js", "a.mjs", "a.cjs"]) expect(isModulePath(p)).toBe(true);
    for (const p of ["a.json", "a.tmpl", "a"]) expect(isModulePath(p)).toBe(false);
  });
});

describe("jsonErrorOffset", () => {
  it("finds the offset of the first error", () => {
    expect(jsonErrorOffset('{"a": [1, 2, {"b": null}], "c": "x"}')).toBeUndefined();
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{\n "a": tru\n}')).toBe(8);
    expect(jsonErrorOffset("[1 2]")).toBe(3);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
  });
});
