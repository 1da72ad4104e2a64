// The reader of docs pages: files, commands, shown output and exit codes are
// taken as a reader would follow them, and shown output must really appear.
import { describe, expect, it } from "vitest";
import { firstMissing, readPage } from "./markdown-scenes.js";

const PAGE = [
  "# Page",
  "<!-- databases: sqlite mysql -->",
  "```ts",
  "// file: src/a.ts",
  "export const a = 1;",
  "```",
  "```ts",
  "const notAFile = 1;",
  "```",
  "<!-- only: mysql -->",
  "```console",
  "$ athanor check",
  "New upgrade operations detected:",
  "[exit 1]",
  "$ athanor current",
  "<rev> (head)",
  "```",
  "```sh",
  "npm install athanor",
  "```",
].join("\n");

describe("docs pages as steps", () => {
  it("reads files, commands, output, exit codes and the databases", () => {
    const page = readPage(PAGE);
    expect(page.databases).toEqual(["sqlite", "mysql"]);
    expect(page.steps).toEqual([
      { kind: "file", path: "src/a.ts", content: "export const a = 1;\n", only: undefined, line: 3 },
      { kind: "command", command: "athanor check", expected: ["New upgrade operations detected:"], exitCode: 1, only: ["mysql"], line: 12 },
      { kind: "command", command: "athanor current", expected: ["<rev> (head)"], exitCode: 0, only: ["mysql"], line: 15 },
    ]);
  });

  it("shown lines must appear in order; … and <rev> stand for text and ids", () => {
    const out = "Running upgrade  -> 3f1c2a9b7d10, create users\nRunning upgrade 3f1c2a9b7d10 -> 0d55b275cf70, more\n";
    expect(firstMissing(["Running upgrade  -> <rev>, create users", "Running upgrade <rev> -> <rev>, more"], out)).toBeUndefined();
    expect(firstMissing(["Running upgrade <rev> -> <rev>, more", "Running upgrade  -> <rev>, create users"], out)).toBe("Running upgrade  -> <rev>, create users");
    expect(firstMissing(["…create users"], out)).toBeUndefined();
    expect(firstMissing(["<rev> (head)"], "3f1c2a9b (head)")).toBe("<rev> (head)");
    expect(firstMissing(["a.b"], "axb")).toBe("a.b");
  });
});
