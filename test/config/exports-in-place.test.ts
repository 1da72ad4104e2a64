// The module body of a revision-shaped file, made without oxc's module transform:
// which code it takes, and that the body it makes exports what the transform's would.
import { describe, expect, it } from "vitest";
import { exportsInPlace, loadTransformer, MODULE_PARAMETERS, transformModule } from "../../src/config/transform-module.js";

/** Run a module body (as the loader does) and return its exports. */
async function run(code: string): Promise<Record<string, unknown>> {
  const exports: Record<string, unknown> = {};
  const body = new Function(...MODULE_PARAMETERS, `return (async () => {${code}\n})();`) as (...args: unknown[]) => Promise<void>;
  const exportAll = (from: Record<string, unknown>): void => void Object.assign(exports, from);
  await body(undefined, undefined, exports, exportAll, {});
  return { ...exports };
}

describe("exportsInPlace", () => {
  it("takes the exports of a revision file: constants of one literal, and functions", () => {
    const js =
      'const x = 1;\nexport const revision = "a1";\nexport const downRevision = ["b2", "c3"];\nexport const n = -1.5;\nexport const none = null;\n' +
      "export async function upgrade(op) {\n\treturn op;\n}\nexport function downgrade() {}\n";
    expect(exportsInPlace(js)).toBe(
      'const x = 1;\nconst revision = __vite_ssr_exports__.revision = "a1";\nconst downRevision = __vite_ssr_exports__.downRevision = ["b2", "c3"];\n' +
        "const n = __vite_ssr_exports__.n = -1.5;\nconst none = __vite_ssr_exports__.none = null;\n" +
        "__vite_ssr_exports__.upgrade = upgrade; async function upgrade(op) {\n\treturn op;\n}\n__vite_ssr_exports__.downgrade = downgrade; function downgrade() {}\n",
    );
    expect(exportsInPlace("const x = 1;\n")).toBe("const x = 1;\n");
  });

  it("leaves to the module transform what it cannot read for certain", () => {
    for (const js of [
      'import { a } from "./a.js";\nexport const b = a;\n', // an import
      "export const a = await import('./a.js');\n",
      "export const url = import.meta.url;\n",
      'export const a = "x", b = "y";\n', // two declarators
      'export const a = ["x"], b = 1;\n',
      "export const a = 1, b = 2;\n",
      'export const a = f(1, b = 2);\n', // a value that is no literal
      'export const a = "x" + y;\n',
      'export const a = ["x", y, "z"];\n',
      'export const a = "say \\"x\\"";\n', // an escape
      "export default 1;\n",
      "export { a };\nconst a = 1;\n",
      "export * from './a.js';\n",
      "export function* steps() {}\n",
      "export let n = 1;\n", // a binding that may change
      "export class Helper {}\n", // a class is not hoisted
      "export const a = 1; export const b = 2;\n",
      "const sql = `\nexport const a = 1;\n`;\n", // a template literal
      "/*\nexport const a = 1;\n*/\n", // a block comment
      "const __vite_ssr_exports__ = 1;\n",
      "#!/usr/bin/env node\nexport const a = 1;\n",
    ]) {
      expect(exportsInPlace(js), js).toBeUndefined();
    }
  });

  it("makes a body exporting what the module transform's body exports", async () => {
    const oxc = loadTransformer();
    expect(oxc).not.toBeNull();
    const source =
      '/**\n * add users\n *\n * Revision ID: a1\n */\nimport type { Operations } from "athanor";\n\n' +
      'export const revision = "a1";\nexport const downRevision: string | string[] | null = ["b2", "c3"];\n' +
      "export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\n" +
      "export async function upgrade(op: Operations): Promise<string> {\n  return `up ${revision}`;\n}\n";
    const plain = transformModule(oxc!, "/x/a1.ts", source.replace("`up ${revision}`", '"up " + revision'), true, false).code;
    expect(plain).not.toContain("defineProperty");
    const transformed = transformModule(oxc!, "/x/a1.ts", source, true, false).code;
    expect(transformed).toContain("defineProperties");
    const [a, b] = [await run(plain), await run(transformed)];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect([a.revision, a.downRevision, a.branchLabels, a.dependsOn]).toEqual([b.revision, b.downRevision, b.branchLabels, b.dependsOn]);
    expect(await (a.upgrade as () => Promise<string>)()).toBe(await (b.upgrade as () => Promise<string>)());
  });
});
