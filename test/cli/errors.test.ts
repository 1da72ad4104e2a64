import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanor, bareProject, expectOneLineError, writeRevision } from "./helpers.js";

// Every bad input ends in one line on stderr and exit code 1, with the stack only
// under --verbose.

function expectStackOnlyWhenVerbose(dir: string, ...args: string[]): void {
  const plain = athanor(dir, ...args);
  expect(plain.stderr).not.toMatch(/\n\s+at /);
  const verbose = athanor(dir, "--verbose", ...args);
  expect(verbose.code).toBe(1);
  expect(verbose.stderr.split("\n")[0]).toBe(plain.stderr.trim());
  expect(verbose.stderr).toMatch(/\n\s+at /);
}

describe("bad configuration", () => {
  it("an unknown key names the key and the file", () => {
    const dir = bareProject();
    writeFileSync(
      join(dir, "athanor.config.ts"),
      `export default {\n  scriptLocation: "migrations",\n  scriptLocaton: "oops",\n};\n`,
    );
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("scriptLocaton");
    expect(line).toContain("athanor.config.ts");
    expectStackOnlyWhenVerbose(dir, "heads");
  });

  it("a syntax error names the file", () => {
    const dir = bareProject();
    writeFileSync(join(dir, "athanor.config.ts"), `export default {\n  scriptLocation: "migrations",,\n};\n`);
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("athanor.config.ts");
    expectStackOnlyWhenVerbose(dir, "heads");
  });

  it("a -c path that does not exist is named", () => {
    const dir = bareProject();
    expect(expectOneLineError(athanor(dir, "-c", "nowhere.config.ts", "heads"))).toContain("nowhere.config.ts");
  });

  it("an unknown -n section is named", () => {
    const dir = bareProject();
    expect(expectOneLineError(athanor(dir, "-n", "staging", "heads"))).toContain("staging");
  });
});

describe("bad revision files", () => {
  it("a file without `revision` is named", () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "aaaa00000001" });
    writeFileSync(
      join(dir, "migrations", "versions", "bbbb00000002_broken.ts"),
      `/**\n * broken\n */\nexport const downRevision = "aaaa00000001";\nexport async function upgrade() {}\nexport async function downgrade() {}\n`,
    );
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("bbbb00000002_broken.ts");
    expect(line).toMatch(/revision/);
    expectStackOnlyWhenVerbose(dir, "heads");
  });

  it("two files with the same id are refused", () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "aaaa00000001", message: "one" });
    writeRevision(dir, { revision: "aaaa00000001", message: "two" });
    expect(expectOneLineError(athanor(dir, "history"))).toContain("aaaa00000001");
  });

  it("a missing down revision is named", () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "aaaa00000001" });
    writeRevision(dir, { revision: "bbbb00000002", downRevision: "ffff0000dead" });
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("ffff0000dead");
    expectStackOnlyWhenVerbose(dir, "heads");
  });

  it("a cycle is refused", () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "aaaa00000001" });
    writeRevision(dir, { revision: "bbbb00000002", downRevision: "dddd00000004" });
    writeRevision(dir, { revision: "cccc00000003", downRevision: "bbbb00000002" });
    writeRevision(dir, { revision: "dddd00000004", downRevision: "cccc00000003" });
    const line = expectOneLineError(athanor(dir, "history"));
    expect(line).toMatch(/cycle/i);
  });

  it("a branch label used twice is refused", () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "aaaa00000001", branchLabels: ["auth"] });
    writeRevision(dir, { revision: "bbbb00000002", branchLabels: ["auth"] });
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("auth");
  });
});

describe("bad identifiers", () => {
  const dir = bareProject();
  writeRevision(dir, { revision: "aaaa00000001" });
  writeRevision(dir, { revision: "aaaa00000002", downRevision: "aaaa00000001" });

  it("an unknown revision is named", () => {
    expect(expectOneLineError(athanor(dir, "show", "cafe"))).toContain("cafe");
    expectStackOnlyWhenVerbose(dir, "show", "cafe");
  });

  it("an ambiguous prefix is refused", () => {
    expect(expectOneLineError(athanor(dir, "show", "aaaa"))).toContain("aaaa");
  });

  it("an unknown branch label is named", () => {
    expect(expectOneLineError(athanor(dir, "show", "nolabel@head"))).toContain("nolabel");
  });

  it("a relative revision walking past the base is refused", () => {
    expect(expectOneLineError(athanor(dir, "show", "aaaa00000002-5"))).toMatch(/aaaa00000002|-5|5/);
  });
});

describe("passwords", () => {
  it("never appear in an error, with or without --verbose", () => {
    const dir = bareProject();
    writeFileSync(
      join(dir, "athanor.config.ts"),
      `throw new Error("cannot reach postgresql://app:s3cret-pw@db.example.com:5432/app");\n`,
    );
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toContain("postgresql://app:***@db.example.com:5432/app");
    const verbose = athanor(dir, "--verbose", "heads");
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).not.toContain("s3cret-pw");
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});
