import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../../src/script/write-hooks.js";

describe("splitCommandLine", () => {
  it("splits like a POSIX shell without running one", () => {
    expect(splitCommandLine("prettier --write {file}")).toEqual(["prettier", "--write", "{file}"]);
    expect(splitCommandLine(`  biome  format "--config-path=a b"  '{file}' `)).toEqual([
      "biome",
      "format",
      "--config-path=a b",
      "{file}",
    ]);
    expect(splitCommandLine(`a "x\\"y" "p\\n" 'q\\n' r\\ s ""`)).toEqual(["a", 'x"y', "p\\n", "q\\n", "r s", ""]);
    expect(splitCommandLine("echo $HOME; rm -rf /")).toEqual(["echo", "$HOME;", "rm", "-rf", "/"]);
  });
});
