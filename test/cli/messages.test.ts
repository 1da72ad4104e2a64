import { describe, expect, it } from "vitest";
import { athanor, athanorWithEnv, expectOneLineError, ok, projectDir } from "./helpers.js";

// Commands that find nothing to do say so; targets that point the wrong way
// name the command that goes there. SQLite: the wording is the same everywhere.

describe("messages of the migration commands", () => {
  const [a, b, c] = ["a", "b", "c"].map((l) => `${l.repeat(4)}00000000`) as [string, string, string];

  function project(): string {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    for (const id of [a, b, c]) ok(dir, "revision", "-m", `step ${id}`, "--rev-id", id);
    return dir;
  }

  it("current at base prints (no revision); not with -q, JSON unchanged", () => {
    const dir = project();
    ok(dir, "upgrade", "head");
    ok(dir, "downgrade", "base");
    expect(ok(dir, "current").lines).toEqual(["(no revision)"]);
    expect(ok(dir, "-q", "current").stdout).toBe("");
    expect(JSON.parse(ok(dir, "current", "--json").stdout).heads).toEqual([]);
  });

  it("upgrade head at head and downgrade base at base say where the database is", () => {
    const dir = project();
    ok(dir, "upgrade", "head");
    const again = ok(dir, "upgrade", "head");
    expect(again.lines).toEqual([`already at head ${c}`]);
    expect(ok(dir, "current").lines[0]).toContain(c);
    expect(ok(dir, "-q", "upgrade", "head").stdout).toBe("");
    const json = ok(dir, "upgrade", "head", "--json");
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toMatchObject({ steps: [], heads: [c] });
    ok(dir, "downgrade", "base");
    expect(ok(dir, "downgrade", "base").lines).toEqual(["already at base"]);
    expect(ok(dir, "current").lines).toEqual(["(no revision)"]);
  });

  it("upgrade to a revision behind, and upgrade -1, are refused as downgrades", () => {
    const dir = project();
    ok(dir, "upgrade", b);
    const behind = athanor(dir, "upgrade", a);
    expect(behind.code).toBe(1);
    expect(expectOneLineError(behind)).toContain(`upgrade ${a} is a downgrade from ${b}; use \`athanor downgrade ${a}\``);
    expect(expectOneLineError(athanor(dir, "upgrade", "-1"))).toContain("upgrade -1 is a downgrade; use `athanor downgrade -1`");
    expect(ok(dir, "current").lines[0]).toContain(b);
  });

  it("stamp of two revisions on one line is refused, naming the ancestor; the version table is untouched", () => {
    const dir = project();
    ok(dir, "stamp", a);
    for (const args of [[a, c], [c, a], ["--sql", `${a}:${b}`, `${a}:${c}`]]) {
      const overlap = athanor(dir, "stamp", ...args);
      expect(overlap.code).toBe(1);
      const line = expectOneLineError(overlap);
      expect(line).toContain(`Can't stamp`);
      expect(line).toContain(`is an ancestor of`);
      expect(line).toContain(`stamp ${c} alone`);
    }
    expect(ok(dir, "current").lines[0]).toContain(a);
    ok(dir, "stamp", c);
    expect(ok(dir, "current").lines).toEqual([`${c} (head)`]);
  });

  it("downgrade to a revision ahead, and downgrade +1, are refused as upgrades", () => {
    const dir = project();
    ok(dir, "upgrade", b);
    expect(expectOneLineError(athanor(dir, "downgrade", c))).toContain(
      `downgrade ${c} is an upgrade from ${b}; use \`athanor upgrade ${c}\``,
    );
    expect(expectOneLineError(athanor(dir, "downgrade", "+1"))).toContain("downgrade +1 is an upgrade; use `athanor upgrade +1`");
    expect(ok(dir, "current").lines[0]).toContain(b);
  });

  it("downgrade -1 from several heads is refused, naming them and the branch@-1 form", () => {
    const dir = project();
    ok(dir, "revision", "-m", "side", "--rev-id", "dddd00000000", "--head", `${a}`, "--splice");
    ok(dir, "upgrade", "heads");
    const refused = athanor(dir, "downgrade", "-1");
    const line = expectOneLineError(refused);
    expect(line).toContain("Ambiguous downgrade -1 from multiple current revisions");
    expect(line).toContain(c);
    expect(line).toContain("dddd00000000");
    expect(line).toContain("`athanor downgrade <branchname>@-1`");
    expect(ok(dir, "heads").lines.length).toBe(2);
    expect(ok(dir, "current").lines.length).toBe(2);
  });

  it("a scheme typo in the URL suggests the registered one; the password stays hidden", () => {
    const dir = project();
    for (const args of [["current"], ["upgrade", "head", "--sql"]]) {
      const result = athanorWithEnv(dir, { DATABASE_URL: "postgress://app:pw-secret@localhost/shop" }, ...args);
      const line = expectOneLineError(result);
      expect(line).toContain('Unknown database kind "postgress" in the URL postgress://app:***@localhost/shop; did you mean postgresql://?');
      expect(line).not.toContain("pw-secret");
    }
  });
});
