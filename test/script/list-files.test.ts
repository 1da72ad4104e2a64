import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listRevisionFiles } from "../../src/script/discover.js";

describe("listRevisionFiles", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "athanor-list-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const touch = (...parts: string[]): string => {
    const path = join(dir, ...parts);
    writeFileSync(path, "export const revision = 'x';\n");
    return path;
  };

  it("lists revision files once each, sorted, with the identity of what they lead to", () => {
    const v = join(dir, "versions");
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(v);
    mkdirSync(elsewhere);
    touch("versions", "b2_second.ts");
    touch("versions", "a1_first.ts");
    touch("versions", "README.md");
    touch("versions", "env.ts");
    touch("versions", ".hidden.ts");
    touch("versions", "types.d.ts");
    touch("elsewhere", "c3_third.ts");
    symlinkSync(join(v, "a1_first.ts"), join(v, "z9_same_as_first.ts"));
    symlinkSync(join(elsewhere, "c3_third.ts"), join(v, "c3_linked.ts"));
    symlinkSync(join(v, "gone.ts"), join(v, "d4_dangling.ts"));
    mkdirSync(join(v, "folder.ts"));

    const identities: number[] = [];
    const files = listRevisionFiles([v], false, identities);
    expect(files).toEqual(["a1_first.ts", "b2_second.ts", "c3_linked.ts", "d4_dangling.ts"].map((f) => join(v, f)));
    expect(identities).toHaveLength(16);
    files.forEach((file, i) => {
      const stats = statSync(file, { throwIfNoEntry: false });
      const expected = stats === undefined ? [NaN, NaN, NaN, NaN] : [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
      expect(identities.slice(4 * i, 4 * i + 4)).toEqual(expected);
    });
    // without the out list, the same files
    expect(listRevisionFiles([v], false)).toEqual(files);
  });

  it("walks subfolders when recursive (each real folder once, hidden ones and node_modules not)", () => {
    const v = join(dir, "versions");
    mkdirSync(join(v, "sub"), { recursive: true });
    mkdirSync(join(v, ".git"));
    mkdirSync(join(v, "node_modules"));
    touch("versions", "a1_first.ts");
    touch("versions", "sub", "b2_second.ts");
    touch("versions", ".git", "c3_hidden.ts");
    touch("versions", "node_modules", "d4_module.ts");
    symlinkSync(join(v, "sub"), join(v, "again"));
    mkdirSync(join(v, "folder.ts"));
    touch("versions", "folder.ts", "e5_inside.ts");

    expect(listRevisionFiles([v], true)).toEqual([
      join(v, "a1_first.ts"),
      join(v, "again", "b2_second.ts"),
      join(v, "folder.ts", "e5_inside.ts"),
    ]);
    // two locations, one inside the other: each folder is walked once
    expect(listRevisionFiles([v, join(v, "sub")], false)).toEqual([join(v, "a1_first.ts"), join(v, "sub", "b2_second.ts")]);
  });
});
