import { afterEach, describe as group, expect, test } from "vitest";
import { metadata } from "../../examples/schema/schema.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { liveDialects } from "../support/servers.js";
import { describe, diff, migrate, openSandbox, type Sandbox } from "./compare-helpers.js";

/** The README's schema; MariaDB has no partial or expression indexes, so those are left out there. */
function exampleFor(name: string): SchemaModel {
  const model = metadata.toModel();
  if (name !== "mysql") return model;
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      indexes: t.indexes.filter((ix) => ix.where === undefined && ix.columns.every((c) => typeof c === "string")),
    })),
  };
}

group("a schema created from its comparison with an empty database", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(liveDialects())("%s: compares equal afterwards, and dropping it all restores the empty database", async (name) => {
    sandbox = await openSandbox(name);
    const model = exampleFor(name);
    const ops = await migrate(sandbox.connection, model);
    expect(ops.length).toBeGreaterThan(0);
    expect(describe(await diff(sandbox.connection, model))).toEqual([]);
    await migrate(sandbox.connection, { tables: [], enums: [] });
    expect(describe(await diff(sandbox.connection, { tables: [], enums: [] }))).toEqual([]);
  });
});
