// The README's first command: the demo must run end to end on SQLite.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./helpers.js";

it("npm run demo goes through init, two revisions, upgrade, current, history and downgrade", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts", "demo.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(result.status, result.stderr).toBe(0);
  const out = result.stdout;
  expect(out).toMatch(/Running upgrade {2}-> [0-9a-f]{12}, create users/);
  expect(out).toMatch(/\$ athanor current\n[0-9a-f]{12} \(head\)/);
  expect(out).toMatch(/Running downgrade [0-9a-f]{12} -> , create users/);
  expect(out).toContain("demo finished: every step succeeded");
}, 120_000);
