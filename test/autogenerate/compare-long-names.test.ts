import { afterEach, expect, test } from "vitest";
import { MetaData, column } from "../../src/schema/index.js";
import { liveDialects } from "../support/servers.js";
import { describe, diff, migrate, openSandbox, type Sandbox } from "./compare-helpers.js";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** Names past PostgreSQL's 63 bytes, which it keeps cut short; the other databases keep them whole. */
function longNamed(): ReturnType<MetaData["toModel"]> {
  const metadata = new MetaData();
  const accounts = metadata.table("accounts_with_a_rather_long_descriptive_name", {
    id: column.integer().primaryKey(),
  });
  metadata.table(
    "invoices",
    {
      id: column.integer().primaryKey(),
      account_id: column
        .integer()
        .references(() => accounts.c.id, { name: "invoices_account_id_accounts_with_a_rather_long_descriptive_name_id_fk" }),
    },
  );
  return metadata.toModel();
}

// MySQL refuses names past 64 characters outright, so only the others take part.
test.each(liveDialects().filter((d) => d !== "mysql"))("%s: long declared names compare equal to the names the database kept", async (name) => {
  sandbox = await openSandbox(name);
  const model = longNamed();
  expect(model.tables[1]!.foreignKeys[0]!.name!.length).toBeGreaterThan(63);
  await migrate(sandbox.connection, model);
  expect(describe(await diff(sandbox.connection, model))).toEqual([]);
});
