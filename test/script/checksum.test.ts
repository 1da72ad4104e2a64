import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeChecksum, revisionChecksums, withoutCommentsAndSpace } from "../../src/script/checksum.js";

const dir = mkdtempSync(join(tmpdir(), "athanor-checksum-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const code = (text: string): string | undefined => codeChecksum(join(dir, `r${++n}.ts`), text);

const base = `/** header */
import type { Operations } from "athanor";
export const revision = "a1";
export async function upgrade(op: Operations): Promise<void> {
  await op.execute("CREATE TABLE t (id integer)");
  await op.execute(\`UPDATE t SET id = \${1} -- keep\`);
}
`;

describe("code checksums", () => {
  it("are the same across comments, layout, quotes, trailing commas and types", () => {
    const reformatted = `// a comment
import type { Operations } from 'athanor'
export const revision = 'a1'
export async function upgrade(op: any): Promise<unknown> {
  /* block */ await op.execute('CREATE TABLE t (id integer)',)
  await op.execute(\`UPDATE t SET id = \${1} -- keep\`) // trailing
}
`;
    expect(code(reformatted)).toBe(code(base));
    expect(code(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("change with what runs, inside strings and templates too", () => {
    expect(code(base.replace("id integer", "id bigint"))).not.toBe(code(base));
    expect(code(base.replace("id integer", "id  integer"))).not.toBe(code(base));
    expect(code(base.replace("-- keep", "-- kept"))).not.toBe(code(base));
    expect(code(base.replace("${1}", "${2}"))).not.toBe(code(base));
  });

  it("keep string, template and regular-expression text whole while dropping comments and space", () => {
    expect(withoutCommentsAndSpace(`a ( "x // y" ) ; // z\nb = /a\\/\\/b/g ; c = \`p \${ q } // r\`;`)).toBe(`a("x // y");b=/a\\/\\/b/g;c=\`p \${q} // r\`;`);
    expect(withoutCommentsAndSpace("const  x = 1 /* c */ + y")).toBe("const x=1+y");
  });

  it("are absent for a file that does not parse; the file checksum is there", () => {
    const path = join(dir, "broken.ts");
    writeFileSync(path, "export const = ;");
    const sums = revisionChecksums(path);
    expect(sums?.file).toMatch(/^[0-9a-f]{64}$/);
    expect(sums?.code).toBeUndefined();
  });
});
