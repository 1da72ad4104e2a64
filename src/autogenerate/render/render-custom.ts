import type { CustomOperation } from "../../operations/operation.js";
import { requireCustomDefinition } from "../../operations/custom/registry.js";
import { AthanorError } from "../../util/errors.js";
import { call, inline, object, raw, str, value } from "./code.js";
import type { Code } from "./code.js";
import type { RenderState } from "./render-context.js";

/**
 * The call of an operation registered with `registerOperation`: its own
 * `render`, or `op.invoke({ kind: "custom", name, data })` when it has none.
 */
export function renderCustomOperation(operation: CustomOperation, state: RenderState): Code {
  const definition = requireCustomDefinition(operation.name);
  if (definition.render === undefined) {
    return call(`${state.op}.invoke`, [object([["kind", str("custom")], ["name", str(operation.name)], ["data", value(operation.data)]])]);
  }
  const text = definition.render(operation.data, {
    op: state.op,
    literal: (input) => inline(value(input)),
    imports: state.imports,
    dialect: state.options.dialect,
  });
  if (typeof text !== "string" || text.trim() === "") {
    throw new AthanorError(`The render() of the custom operation ${operation.name} returned no code`, {
      hint: "return the call as text without await, e.g. `${code.op}.createReportView(...)`",
    });
  }
  return raw(text.trim().replace(/^await\s+/, "").replace(/;$/, ""));
}
