// Revision files must be UTF-8: a Latin-1 file is refused, naming the file and the
// line of its first bad byte, wherever revision files are read, and nothing runs.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { ScriptDirectory } from "../../src/script/index.js";
import { decodeRevisionText, firstInvalidByte } from "../../src/script/utf8.js";
import { AthanorError } from "../../src/util/errors.js";
import { createProject, tableRevision } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

async function refusal(promise: Promise<unknown>): Promise<AthanorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected a refusal");
}

/** Rewrite a revision file of the project in Latin-1: `é` becomes the single byte 0xE9. */
function latin1(p: Project, id: string, insert: string): { file: string; line: number } {
  const versions = join(p.dir, "migrations", "versions");
  const file = join(versions, readdirSync(versions).find((name) => name.startsWith(`${id}_`))!);
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.findIndex((l) => l.includes("CREATE TABLE"));
  lines[at] = lines[at]!.replace("CREATE TABLE", insert);
  writeFileSync(file, Buffer.from(lines.join("\n"), "latin1"));
  return { file, line: at + 1 };
}

describe("decoding a revision file", () => {
  it("finds the first byte that is not UTF-8", () => {
    expect(firstInvalidByte(Buffer.from("abc", "utf8"))).toBe(3);
    expect(firstInvalidByte(Buffer.from("aé€😀", "utf8"))).toBe(Buffer.byteLength("aé€😀"));
    expect(firstInvalidByte(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1); // Latin-1 é
    expect(firstInvalidByte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidByte(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidByte(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1); // cut short at the end
  });

  it("names the line of the first bad byte, and keeps good text as it is", () => {
    expect(decodeRevisionText(Buffer.from("\ufeffa\nb", "utf8"), "x.ts")).toBe("\ufeffa\nb");
    let error: AthanorError | undefined;
    try {
      decodeRevisionText(Buffer.from("line one\nline two\ncaf\xe9\n", "latin1"), "/p/x.ts");
    } catch (caught) {
      error = caught as AthanorError;
    }
    expect(error).toBeInstanceOf(AthanorError);
    expect(error!.file).toBe("/p/x.ts");
    expect(error!.line).toBe(3);
    expect(error!.message).toBe("This revision file is not valid UTF-8 (byte 0xe9 at offset 21)");
    expect(error!.hint).toMatch(/save the file as UTF-8/);
  });
});

describe.each(liveDialects())("a Latin-1 revision file on %s", (dialect) => {
  it("is refused naming file and line, and nothing runs", async () => {
    const p = createProject(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two"),
      tableRevision("ccc003", "bbb002", "three"),
    ]);
    projects.push(p);
    const { file, line } = latin1(p, "ccc003", "/* caf\xe9 */ CREATE TABLE");
    const error = await refusal(command.upgrade(p.config(), "head"));
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });
});

describe("where revision files are read", () => {
  it("the header reader (graph commands) refuses a Latin-1 header", async () => {
    const p = createProject("sqlite", [tableRevision("aaa001", null, "one", { doc: "caf\u00e9 menu" })]);
    projects.push(p);
    const versions = join(p.dir, "migrations", "versions");
    const file = join(versions, readdirSync(versions)[0]!);
    writeFileSync(file, Buffer.from(readFileSync(file, "utf8"), "latin1"));
    const error = await refusal(ScriptDirectory.fromConfig(p.config()));
    expect(error.file).toBe(file);
    expect(error.line).toBe(2);
  });

  it("loading a revision to run it refuses one changed after the headers were read", async () => {
    const p = createProject("sqlite", [tableRevision("aaa001", null, "one")]);
    projects.push(p);
    const scripts = await ScriptDirectory.fromConfig(p.config());
    const { file, line } = latin1(p, "aaa001", "/* \xe9 */ CREATE TABLE");
    const error = await refusal(scripts.loadRevision(scripts.map.get("aaa001")!.source));
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
  });
});
