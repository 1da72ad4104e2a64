import { describe, expect, it } from "vitest";
import { ok, projectDir } from "./helpers.js";

// `current` in history ranges, `history -i` and `show current` read the version
// table; here of a SQLite database the project's default config points at.

const idsOf = (lines: string[]): string[] => lines.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0]!);

describe("graph commands that ask the database", () => {
  const [a, b, c] = ["a", "b", "c"].map((l) => `${l.repeat(4)}00000000`) as [string, string, string];

  function upgradedProject(): string {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    for (const id of [a, b, c]) ok(dir, "revision", "-m", `step ${id}`, "--rev-id", id);
    ok(dir, "upgrade", b);
    return dir;
  }

  it("history -i marks the current revision", () => {
    const dir = upgradedProject();
    expect(ok(dir, "history", "-i").lines).toEqual([
      `${b} -> ${c} (head), step ${c}`,
      `${a} -> ${b} (current), step ${b}`,
      `<base> -> ${a}, step ${a}`,
    ]);
    const doc = JSON.parse(ok(dir, "history", "-i", "--json").stdout) as { revisions: { revision: string; isCurrent: boolean }[] };
    expect(doc.revisions.map((r) => [r.revision, r.isCurrent])).toEqual([
      [c, false],
      [b, true],
      [a, false],
    ]);
  });

  it("history -r current: and :current split the history at the database", () => {
    const dir = upgradedProject();
    expect(idsOf(ok(dir, "history", "-r", "current:").lines)).toEqual([c, b]);
    expect(idsOf(ok(dir, "history", "-r", ":current").lines)).toEqual([b, a]);
  });

  it("history -r current: from an empty version table lists everything", () => {
    const dir = upgradedProject();
    ok(dir, "stamp", "base");
    expect(idsOf(ok(dir, "history", "-r", "current:").lines)).toEqual([c, b, a]);
  });

  it("history -i -v marks the current revision in the full entry", () => {
    const dir = upgradedProject();
    const { stdout } = ok(dir, "history", "-i", "-v");
    expect(stdout).toContain(`Rev: ${c} (head)\nParent: ${b}\n`);
    expect(stdout).toContain(`Rev: ${b} (current)\nParent: ${a}\n`);
    expect(stdout).toContain(`Rev: ${a}\nParent: <base>\n`);
  });

  it("show current prints the database's revision", () => {
    const dir = upgradedProject();
    const { stdout } = ok(dir, "show", "current");
    expect(stdout.startsWith(`Rev: ${b} (current)\nParent: ${a}\n`)).toBe(true);
  });

  it("show current on an empty database prints nothing", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    ok(dir, "revision", "-m", "only", "--rev-id", a);
    ok(dir, "stamp", "base"); // creates the database file, with no revision
    expect(ok(dir, "show", "current").stdout).toBe("");
  });
});
