// PostgreSQL rewrites a policy's conditions when it stores them (casts on
// literals, subquery columns qualified by their table, its own spelling of
// `IN (SELECT ... UNION SELECT ...)`): a policy compares by the conditions the
// server would keep for the declared text, so one created from its own
// revision compares equal, and a changed condition is still found.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { MetaData, column } from "../../../src/schema/index.js";
import { createProject, type Project } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";
import { diffs, generate } from "../../autogenerate/round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const OWN_ORG = "current_setting('app.org', true)::uuid";

function declare(prefix: string, withCheck: string): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_orgs`, { id: column.uuid().primaryKey(), parent: column.uuid() });
  metadata.table(
    `${prefix}_docs`,
    { id: column.integer().primaryKey(), org: column.uuid().notNull() },
    {
      rowLevelSecurity: true,
      policies: [
        {
          name: "docs_by_org",
          using: `(current_setting('app.override', true) = 'true') OR (current_setting('app.org', true) <> '' AND org IN (SELECT ${OWN_ORG} UNION SELECT id FROM ${prefix}_orgs WHERE parent = ${OWN_ORG}))`,
          withCheck,
        },
      ],
    },
  );
  return metadata;
}

describe.runIf(liveDialects().includes("postgresql"))("policy conditions compared as postgresql keeps them", () => {
  it("a policy with casts and a subquery compares equal once created, and a changed condition is found", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const declared = declare(p.prefix, `org = ${OWN_ORG}`);
    await generate(p, "pk0001", null, declared);
    await command.upgrade(p.config(), "head");

    const db = await p.db();
    const { rows } = await db.execute("SELECT pg_get_expr(polqual, polrelid, true) AS using FROM pg_policy WHERE polname = 'docs_by_org'");
    // The server's spelling is not the declared text: the comparison must not rely on text alone.
    expect(String(rows[0]?.["using"])).toContain("::text");

    expect(await diffs(p, declared)).toEqual([]);

    const changed = await diffs(p, declare(p.prefix, `org = ${OWN_ORG} AND id > 0`));
    expect(changed.map((d) => `${d.kind}${"policy" in d ? ` ${d.policy.name}` : ""}`).sort()).toEqual(["addPolicy docs_by_org", "removePolicy docs_by_org"]);

    // A condition naming the policy's own table reads the same once stored.
    const qualified = declare(p.prefix, `${p.prefix}_docs.org = ${OWN_ORG}`);
    await generate(p, "pk0002", "pk0001", qualified);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, qualified)).toEqual([]);

    // The probe leaves nothing behind.
    const probes = await db.execute(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg_temp%' UNION ALL SELECT polname FROM pg_policy WHERE polname = 'athanor_policy_probe'",
    );
    expect(probes.rows).toEqual([]);
  });
});
