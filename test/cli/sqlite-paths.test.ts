import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { athanor, expectOneLineError, ok, projectDir, writeRevision } from "./helpers.js";

// A relative SQLite path in the config is relative to the config's folder, and a
// command that only reads refuses a database file that does not exist.

const A = "aaaa00000000";
const B = "bbbb00000000";

/** A project whose config lives in `<root>/app`, with two revisions; returns the root. */
function nestedProject(url: string, env = "export {};\n"): { root: string; app: string } {
  const root = projectDir();
  const app = join(root, "app");
  mkdirSync(join(app, "migrations", "versions"), { recursive: true });
  writeFileSync(join(app, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(url)} };\n`);
  writeFileSync(join(app, "migrations", "env.ts"), env);
  writeRevision(app, { revision: A });
  writeRevision(app, { revision: B, downRevision: A });
  mkdirSync(join(root, "elsewhere"));
  return { root, app };
}

async function versionRows(file: string): Promise<string[]> {
  const connection = await connect(`sqlite:///${file}`);
  try {
    const { rows } = await connection.execute("SELECT version_num FROM athanor_version ORDER BY version_num");
    return rows.map((r) => String(r["version_num"]));
  } finally {
    await connection.close();
  }
}

describe("SQLite file paths in the config", () => {
  it("-c from another folder uses the database next to the config", async () => {
    const { root, app } = nestedProject("sqlite:///app.db");
    const elsewhere = join(root, "elsewhere");
    ok(elsewhere, "-c", "../app/athanor.config.ts", "upgrade", A);
    expect(existsSync(join(app, "app.db"))).toBe(true);
    expect(existsSync(join(elsewhere, "app.db"))).toBe(false);
    expect(await versionRows(join(app, "app.db"))).toEqual([A]);

    // from the root and from elsewhere, `current` reads that same file
    expect(ok(root, "-c", "app/athanor.config.ts", "current").stdout).toContain(A);
    expect(ok(elsewhere, "-c", "../app/athanor.config.ts", "current").stdout).toContain(A);
    ok(root, "-c", "app/athanor.config.ts", "upgrade", "head");
    expect(await versionRows(join(app, "app.db"))).toEqual([B]);
    expect(existsSync(join(root, "app.db"))).toBe(false);
  });

  it("a relative path in a subfolder resolves against the config's folder", async () => {
    const { root, app } = nestedProject("sqlite:///data/app.db");
    mkdirSync(join(app, "data"));
    ok(root, "-c", "app/athanor.config.ts", "upgrade", "head");
    expect(await versionRows(join(app, "data", "app.db"))).toEqual([B]);
  });

  it("an absolute path is used as it is", async () => {
    const other = projectDir();
    const file = join(other, "absolute.db");
    const { root } = nestedProject(`sqlite:///${file}`);
    ok(join(root, "elsewhere"), "-c", "../app/athanor.config.ts", "upgrade", "head");
    expect(await versionRows(file)).toEqual([B]);
  });

  it("a URL set in env.ts is relative to the config's folder too", async () => {
    const { root, app } = nestedProject("sqlite:///unused.db", 'export default { url: "sqlite:///from-env.db" };\n');
    ok(root, "-c", "app/athanor.config.ts", "upgrade", A);
    expect(await versionRows(join(app, "from-env.db"))).toEqual([A]);
    expect(existsSync(join(root, "from-env.db"))).toBe(false);
    expect(existsSync(join(app, "unused.db"))).toBe(false);
  });
});

describe("reading a SQLite database file that does not exist", () => {
  it("current fails in one line naming the file, and creates nothing", () => {
    const { root, app } = nestedProject("sqlite:///app.db");
    const line = expectOneLineError(athanor(root, "-c", "app/athanor.config.ts", "current"));
    expect(line).toContain(join(app, "app.db"));
    expect(line).toContain("does not exist");
    expect(line).toContain("athanor upgrade head");
    expect(existsSync(join(app, "app.db"))).toBe(false);
    expect(existsSync(join(root, "app.db"))).toBe(false);
  });

  it("history -i, history -r current: and show current fail the same way", () => {
    const { root, app } = nestedProject("sqlite:///app.db");
    for (const args of [["history", "-i"], ["history", "-r", "current:"], ["show", "current"]]) {
      const line = expectOneLineError(athanor(root, "-c", "app/athanor.config.ts", ...args));
      expect(line).toContain(`${join(app, "app.db")} does not exist`);
    }
    expect(existsSync(join(app, "app.db"))).toBe(false);
  });

  it("check fails the same way", () => {
    const env = 'import { MetaData } from "athanor";\nexport default { targetMetadata: new MetaData() };\n';
    const { root, app } = nestedProject("sqlite:///app.db", env);
    const line = expectOneLineError(athanor(root, "-c", "app/athanor.config.ts", "check"));
    expect(line).toContain(`${join(app, "app.db")} does not exist`);
    expect(existsSync(join(app, "app.db"))).toBe(false);
  });

  it("upgrade and stamp create it next to the config", async () => {
    const up = nestedProject("sqlite:///app.db");
    ok(up.root, "-c", "app/athanor.config.ts", "upgrade", "head");
    expect(await versionRows(join(up.app, "app.db"))).toEqual([B]);
    expect(ok(up.root, "-c", "app/athanor.config.ts", "current").stdout).toContain(B);

    const stamped = nestedProject("sqlite:///app.db");
    ok(stamped.root, "-c", "app/athanor.config.ts", "stamp", A);
    expect(await versionRows(join(stamped.app, "app.db"))).toEqual([A]);
  });
});
