// A config or env.ts that imports athanor's entry file by path or URL gets the
// running copy, the same as `import ... from "athanor"`: one copy in the process,
// whose classes recognise each other.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, athanor, bareProject } from "./helpers.js";

describe("athanor imported by the path of its entry file", () => {
  it("is the running copy in the config and in env.ts", () => {
    const dir = bareProject();
    const entry = join(ROOT, "dist", "index.js");
    const sameCopy = `import * as byName from "athanor";
import * as byPath from ${JSON.stringify(entry)};
import * as byUrl from ${JSON.stringify(pathToFileURL(entry).href)};
if (byPath.MetaData !== byName.MetaData || byUrl.MetaData !== byName.MetaData) throw new Error("two copies of athanor");
`;
    writeFileSync(
      join(dir, "athanor.config.ts"),
      `${sameCopy}export default byName.defineConfig({ scriptLocation: "migrations", url: "sqlite:///app.db" });\n`,
    );
    writeFileSync(
      join(dir, "migrations", "env.ts"),
      `${sameCopy}const metadata = new byPath.MetaData();
metadata.table("gadgets", { id: byUrl.column.integer().primaryKey() });
export default byName.defineEnvironment({ targetMetadata: metadata });
`,
    );
    const heads = athanor(dir, "heads");
    expect(heads.code, heads.stderr).toBe(0);
    const upgrade = athanor(dir, "upgrade", "head");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    // the table declared through the path import is seen as declared
    const check = athanor(dir, "check");
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain("gadgets");
  });
});
