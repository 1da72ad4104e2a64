import type { IndexElement } from "../../schema/model.js";
import { conventionalName } from "../../schema/naming.js";
import type { ConventionKind } from "../../schema/naming.js";
import { call, raw, str } from "./code.js";
import type { Code } from "./code.js";
import type { RenderState } from "./render-context.js";

/** What a name belongs to, to tell whether the naming convention would touch it. */
export interface NameSubject {
  readonly kind: ConventionKind;
  readonly table: string;
  readonly columns: readonly IndexElement[];
  readonly refTable?: string;
  readonly refColumns?: readonly string[];
}

/**
 * A constraint or index name as code: `op.f("name")` when the declared
 * schema's naming convention produced it or would rewrite it (a template with
 * `%(constraint_name)s`), so running the revision keeps it exactly; a plain
 * string otherwise; `null` for no name.
 */
export function renderName(name: string | undefined, subject: NameSubject, state: RenderState): Code {
  if (name === undefined) return raw("null");
  const convention = state.options.namingConvention;
  const template = convention?.[subject.kind] ?? (subject.kind === "ix" ? "ix_%(column_0_label)s" : undefined);
  if (template === undefined) return str(name);
  if (/%\(constraint_name\)s|\{constraint_name\}/.test(template)) return call(`${state.op}.f`, [str(name)]);
  let produced: string | undefined;
  try {
    produced = conventionalName(convention ?? { ix: template }, { ...subject, columns: subject.columns });
  } catch {
    produced = undefined;
  }
  return produced === name ? call(`${state.op}.f`, [str(name)]) : str(name);
}
