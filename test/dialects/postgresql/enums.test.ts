// PostgreSQL enum types, named schema objects only PostgreSQL has: created,
// values added before and after, renamed, dropped, each read back.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import { openSandbox, postgresqlAvailable, type Sandbox } from "./live.js";

/** Names with a space, quotes, a reserved word and non-ASCII letters. */
const hostile = (word: string): string => `${word} "select" ü'`;

describe.skipIf(!postgresqlAvailable)("PostgreSQL enum types online, read back from the catalog, then reversed", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox("pgsql enums");
  });
  afterAll(async () => {
    await box?.close();
  });

  /** Runs the operation, then its reverse (as the operation classes compute it). */
  async function runAndReverse(op: SchemaOperation): Promise<SchemaOperation> {
    await box.run(op);
    return reverseOperation(op);
  }

  test("enum types: create, add values before and after, rename a value, drop", async () => {
    const name = hostile("status");
    const reverse = await runAndReverse({ kind: "createEnum", enum: { name, values: ["new", "done"] } });
    await box.run({ kind: "createEnum", enum: { name, values: ["other"] }, ifNotExists: true });
    await box.run({ kind: "addEnumValue", name, value: "it's", before: "done" });
    await box.run({ kind: "addEnumValue", name, value: "first", before: "new" });
    await box.run({ kind: "addEnumValue", name, value: "last", after: "done" });
    await box.run({ kind: "addEnumValue", name, value: "last", ifNotExists: true });
    const rename = await runAndReverse({ kind: "renameEnumValue", name, from: "done", to: "finished" });
    expect((await box.reflect()).enums).toEqual([{ name, values: ["first", "new", "it's", "finished", "last"] }]);
    await box.run(rename);
    expect((await box.reflect()).enums[0]?.values).toContain("done");
    await box.run(reverse);
    await box.run({ kind: "dropEnum", name, ifExists: true });
    expect((await box.reflect()).enums).toEqual([]);
  });
});
