/**
 * Running chosen steps on a scratch database: one revision up, the same
 * revision down (the reverse of its upgrade step, so that on a branched graph
 * exactly that revision is undone), through the project's environment as
 * `upgrade` and `downgrade` run it.
 */
import type { MigrationStep } from "../../graph/types.js";
import { runEnvironment } from "../../runtime/run-environment.js";
import type { ScriptDirectory } from "../../script/index.js";

/** The downgrade step that undoes `step` (an upgrade step): from its "to" side back to its "from" side. */
export function reverseStep(step: MigrationStep): MigrationStep {
  return {
    kind: "downgrade",
    revision: step.revision,
    fromRevisions: step.toRevisions,
    toRevisions: step.fromRevisions,
    ...(step.toRevisionsNoDeps === undefined ? {} : { fromRevisionsNoDeps: step.toRevisionsNoDeps }),
    ...(step.fromRevisionsNoDeps === undefined ? {} : { toRevisionsNoDeps: step.fromRevisionsNoDeps }),
  };
}

/**
 * Run `steps` on the database the script's config hands in (its
 * `attributes.connection`); returns the heads after them.
 */
export async function runSteps(
  script: ScriptDirectory,
  steps: readonly MigrationStep[],
  options: { readonly signal?: AbortSignal | undefined; readonly warn?: (message: string) => void } = {},
): Promise<readonly string[]> {
  const direction = steps[0]?.kind === "downgrade" ? "downgrade" : "upgrade";
  const result = await runEnvironment(script, {
    command: direction,
    offline: false,
    signal: options.signal,
    output: { warn: options.warn ?? (() => undefined) },
    plan: () => [...steps],
    mutate: true,
    lock: false,
  });
  return result.heads;
}
