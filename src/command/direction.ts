/**
 * Targets that point the wrong way: `upgrade -1` or `upgrade <a revision
 * behind the database>` would (silently) do nothing, `downgrade +1` and
 * `downgrade <a revision ahead>` fail with a graph error that does not say why.
 * Each is one line naming the command that does go there.
 */
import type { RevisionMap } from "../graph/index.js";
import { AthanorError } from "../util/errors.js";

type Direction = "upgrade" | "downgrade";

const RELATIVE_TO_CURRENT = /^(?:[^@]*@)?([+-])\d+$/u;

function wrongWay(command: Direction, target: string, from: readonly string[]): AthanorError {
  const other = command === "upgrade" ? "downgrade" : "upgrade";
  const where = from.length > 0 ? ` from ${from.join(", ")}` : "";
  return new AthanorError(`${command} ${target} is a${other === "upgrade" ? "n" : ""} ${other}${where}; use \`athanor ${other} ${target}\``);
}

/** Refuses `-N` for upgrade and `+N` for downgrade, counted from the current revisions. */
export function refuseRelativeWrongWay(command: Direction, target: string): void {
  const sign = RELATIVE_TO_CURRENT.exec(target)?.[1];
  if (sign === (command === "upgrade" ? "-" : "+")) throw wrongWay(command, target, []);
}

/** The revisions a (non-relative) target names, or undefined when it cannot be resolved. */
function targetIds(map: RevisionMap, target: string): string[] | undefined {
  try {
    return map.getRevisions(target).map((r) => r.revision);
  } catch {
    return undefined;
  }
}

/**
 * After an upgrade planned no steps: throws when the target lies behind the
 * database (some of its revisions are below, not at, the current revisions).
 */
export function refuseUpgradeBehind(map: RevisionMap, current: readonly string[], target: string): void {
  if (current.length === 0 || RELATIVE_TO_CURRENT.test(target)) return;
  const ids = targetIds(map, target);
  if (ids === undefined) return;
  const at = new Set(map.allCurrent(current).map((r) => r.revision));
  for (const c of current) at.add(c);
  if (ids.length === 0 || ids.some((id) => !at.has(id))) throw wrongWay("upgrade", target, current);
}

/**
 * When a downgrade cannot be planned: throws the wrong-direction error instead
 * when every revision the target names lies above the database.
 */
export function refuseDowngradeAhead(map: RevisionMap, current: readonly string[], target: string): void {
  if (RELATIVE_TO_CURRENT.test(target)) return;
  const ids = targetIds(map, target);
  if (ids === undefined || ids.length === 0) return;
  const ahead = current.length === 0 ? new Set(ids) : map.descendantsOf(current);
  for (const c of current) ahead.delete(c);
  if (ids.every((id) => ahead.has(id))) throw wrongWay("downgrade", target, current);
}

/**
 * Refuses `downgrade -N` from several current heads, as `upgrade +N` is
 * refused: which head to walk down from would be a guess.
 */
export function refuseDowngradeFromSeveralHeads(current: readonly string[], target: string): void {
  const heads = [...new Set(current)];
  if (!/^-\d+$/u.test(target) || heads.length < 2) return;
  throw new AthanorError(`Ambiguous downgrade ${target} from multiple current revisions (${heads.join(", ")})`, {
    hint: `name the branch, e.g. \`athanor downgrade <branchname>@${target}\`, or give a revision`,
  });
}
