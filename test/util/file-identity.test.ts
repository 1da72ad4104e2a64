import { lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileKind, identifyFile } from "../../src/util/file-identity.js";

const kindOf = (stats: Stats): FileKind =>
  stats.isFile() ? FileKind.File : stats.isDirectory() ? FileKind.Directory : stats.isSymbolicLink() ? FileKind.Link : FileKind.Other;

describe("identifyFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "athanor-identity-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the kind, size, times and inode fs.Stats gives, through a link or not", () => {
    const file = join(dir, "a1_first.ts");
    writeFileSync(file, "export const revision = 'a1';\n");
    mkdirSync(join(dir, "sub.ts"));
    symlinkSync(file, join(dir, "link.ts"));
    symlinkSync(join(dir, "sub.ts"), join(dir, "dirlink"));
    for (const path of [file, join(dir, "sub.ts"), join(dir, "link.ts"), join(dir, "dirlink"), dir]) {
      for (const follow of [false, true]) {
        const expected = follow ? statSync(path) : lstatSync(path);
        const found = { ...identifyFile(path, follow) };
        expect(found).toEqual({
          kind: kindOf(expected),
          size: expected.size,
          mtimeMs: expected.mtimeMs,
          ctimeMs: expected.ctimeMs,
          ino: expected.ino,
        });
      }
    }
  });

  it("says Missing for a path that is not there, a dangling link followed, or a path through a file", () => {
    const file = join(dir, "a.ts");
    writeFileSync(file, "");
    symlinkSync(join(dir, "gone.ts"), join(dir, "dangling.ts"));
    expect(identifyFile(join(dir, "nothing.ts"), false).kind).toBe(FileKind.Missing);
    expect(identifyFile(join(dir, "nothing.ts"), true).kind).toBe(FileKind.Missing);
    expect(identifyFile(join(dir, "dangling.ts"), true).kind).toBe(FileKind.Missing);
    expect(identifyFile(join(dir, "dangling.ts"), false).kind).toBe(FileKind.Link);
    expect(identifyFile(join(file, "x.ts"), false).kind).toBe(FileKind.Missing);
  });

  it("sees a change of content at once, the size and modification time put back or not", () => {
    const file = join(dir, "a.ts");
    writeFileSync(file, "one");
    const before = { ...identifyFile(file, true) };
    writeFileSync(file, "two");
    const stats = statSync(file);
    const after = { ...identifyFile(file, true) };
    expect(after.ctimeMs).toBe(stats.ctimeMs);
    expect(after.mtimeMs).toBe(stats.mtimeMs);
    expect(after.ino).toBe(before.ino);
  });
});
