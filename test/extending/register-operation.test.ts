// registerOperation's checks and rendering, without a database.
import { afterEach, describe, expect, it } from "vitest";
import { renderOperations } from "../../src/autogenerate/render/index.js";
import { registerOperation } from "../../src/operations/custom/index.js";
import { reverseOperation, reverseOperations } from "../../src/operations/index.js";
import type { AnyOperation } from "../../src/operations/index.js";
import { AthanorError } from "../../src/util/errors.js";

const registered: { unregister(): void }[] = [];
afterEach(() => {
  while (registered.length > 0) registered.pop()!.unregister();
});

function thrown(run: () => unknown): AthanorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected an error");
}

const sql = { default: () => "SELECT 1" };

describe("registerOperation", () => {
  it("refuses a built-in name, an op method that exists, a method another operation runs, and a definition without SQL", () => {
    expect(thrown(() => registerOperation({ name: "createTable", build: () => ({}), sql })).message).toBe('registerOperation("createTable"): createTable is a built-in operation');
    expect(thrown(() => registerOperation({ name: "makeTable", method: "execute", build: () => ({}), sql })).message).toBe('registerOperation("makeTable"): op.execute already exists');
    registered.push(registerOperation({ name: "grantRead", build: (role: string) => ({ role }), sql }));
    const clash = thrown(() => registerOperation({ name: "grantAll", method: "grantRead", build: () => ({}), sql }));
    expect(clash.message).toBe('registerOperation("grantAll"): op.grantRead already runs the custom operation grantRead');
    expect(thrown(() => registerOperation({ name: "noSql", build: () => ({}), sql: {} })).message).toContain("sql must be a function");
    expect(thrown(() => registerOperation({ name: "bad name", build: () => ({}), sql })).message).toContain("is not an identifier");
  });

  it("renders with the definition's render, reverses through its reverse, and names an unregistered operation", () => {
    const create = registerOperation({
      name: "createSynonym",
      build: (name: string, target: string) => ({ name, target }),
      reverse: (data): AnyOperation => drop.create(data.name, data.target),
      sql,
      render: (data, code) => `${code.op}.createSynonym(${code.literal(data.name)}, ${code.literal(data.target)})`,
    });
    const drop = registerOperation({ name: "dropSynonym", build: (name: string, target: string) => ({ name, target }), reverse: (data): AnyOperation => create.create(data.name, data.target), sql });
    registered.push(create, drop);
    const upgrade: AnyOperation[] = [create.create("s", "t"), { kind: "renameTable", name: "old", newName: "new" }];
    expect(renderOperations(upgrade).upgrades).toBe('await op.createSynonym("s", "t");\nawait op.renameTable("old", "new");');
    const down = reverseOperations(upgrade);
    expect(down.map((o) => o.kind)).toEqual(["renameTable", "custom"]);
    expect((down[1] as { name: string; data: unknown }).name).toBe("dropSynonym");
    expect((down[1] as { data: unknown }).data).toEqual({ name: "s", target: "t" });
    // data form, as op.invoke takes it
    expect(reverseOperation({ kind: "custom", name: "createSynonym", data: { name: "a", target: "b" } })).toMatchObject({ kind: "custom", name: "dropSynonym" });
    const unknown = thrown(() => renderOperations([{ kind: "custom", name: "nowhere", data: {} }]));
    expect(unknown.message).toBe("The custom operation nowhere is not registered");
    expect(unknown.hint).toBe("call registerOperation({ name: ... }) in env.ts, or in a module env.ts imports");
  });
});
