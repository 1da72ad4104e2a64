// The built `athanor` runs a custom operation registered in env.ts: env.ts's
// `import { registerOperation } from "athanor"` and the runtime share one
// registry, online and with --sql.
import { afterEach, describe, expect, it } from "vitest";
import { athanor } from "../cli/helpers.js";
import { liveDialects } from "../support/servers.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { viewsEnv } from "./views-env.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

describe.each(liveDialects())("the athanor CLI with a custom operation on %s", (dialect) => {
  it("upgrade runs op.createReportView, --sql writes it, downgrade runs op.dropReportView", async () => {
    const p = createProject(dialect);
    projects.push(p);
    p.writeEnv(viewsEnv());
    p.writeConfigFile();
    p.write({
      id: "a1",
      upgrade: `await op.createTable("\${P}_items", [op.column("id", op.type.integer(), { primaryKey: true })]);\n  await op.createReportView("\${P}_v", "SELECT id FROM \${P}_items");`,
      downgrade: `await op.dropReportView("\${P}_v");\n  await op.dropTable("\${P}_items");`,
    });
    const view = `${p.prefix}_v`;
    const quotedView = dialect === "mysql" ? `\`${view}\`` : `"${view}"`;

    const offline = athanor(p.dir, "upgrade", "head", "--sql");
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain(`AS SELECT id FROM ${p.prefix}_items;`);
    expect(offline.stdout).toContain(quotedView);

    const up = athanor(p.dir, "upgrade", "head");
    expect(up.code, up.stderr).toBe(0);
    const db = await p.db();
    const rows = await db.execute(`SELECT COUNT(*) AS n FROM ${db.dialect.quoteIdentifier(view)}`);
    expect(Number(rows.rows[0]!["n"])).toBe(0);

    const down = athanor(p.dir, "downgrade", "base");
    expect(down.code, down.stderr).toBe(0);
    await expect(db.execute(`SELECT 1 FROM ${db.dialect.quoteIdentifier(view)}`)).rejects.toThrow();
    expect(await p.versionRows()).toEqual([]);
  });
});
