import { describe, expect, it } from "vitest";
import { reverseOperations } from "../../src/operations/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { captureOp } from "./capture.js";

describe("operations are plain data", () => {
  it("op methods hand the dialect plain objects that leave out options given as undefined", async () => {
    const { op, operations } = captureOp();
    await op.dropTable("users", { schema: undefined, ifExists: undefined });
    await op.renameTable("a", "b", { schema: undefined });
    await op.dropColumn("users", "email", { schema: undefined, column: undefined });
    await op.dropIndex("ix_users_email", { table: "users", schema: undefined });
    await op.createTableComment("users", "people", { existingComment: undefined });
    await op.createIndex("ix_users_email", "users", ["email"], { schema: undefined, concurrently: undefined });
    expect(operations).toStrictEqual([
      { kind: "dropTable", name: "users" },
      { kind: "renameTable", name: "a", newName: "b" },
      { kind: "dropColumn", table: "users", name: "email" },
      { kind: "dropIndex", name: "ix_users_email", table: "users" },
      { kind: "tableComment", table: "users", comment: "people" },
      { kind: "createIndex", table: "users", index: { name: "ix_users_email", columns: ["email"], unique: false } },
    ]);
    for (const operation of operations) expect(Object.getPrototypeOf(operation)).toBe(Object.prototype);
  });

  it("a dropped constraint given with its definition takes its type from it, by op method and by invoke", async () => {
    const { op, operations } = captureOp();
    const constraint = { type: "unique", name: "uq_users_email", columns: ["email"] } as const;
    await op.dropConstraint("uq_users_email", "users", { constraint });
    await op.invoke({ kind: "dropConstraint", table: "users", name: "uq_users_email", constraint, schema: undefined } as SchemaOperation);
    const expected = { kind: "dropConstraint", table: "users", name: "uq_users_email", type: "unique", constraint };
    expect(operations).toStrictEqual([expected, expected]);
    // and what reversing gives runs as it is
    for (const operation of reverseOperations(reverseOperations(operations))) await op.invoke(operation);
    expect(operations.slice(2)).toStrictEqual([expected, expected]);
  });

  it("invoke refuses an operation of no known kind, naming it", async () => {
    const { op } = captureOp();
    expect(() => op.invoke({ kind: "dropEverything" } as never)).toThrow('Unknown operation kind "dropEverything"');
    expect(() => op.invoke({ kind: "custom" } as never)).toThrow('Unknown operation kind "custom"');
  });
});
