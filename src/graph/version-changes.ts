import { RevisionGraphError } from "./errors.js";
import type { RevisionMap } from "./revision-map.js";
import type { MigrationStep, VersionChange } from "./types.js";

function tableError(message: string, revisions: readonly string[]): RevisionGraphError {
  return new RevisionGraphError(message, {
    code: "version-table",
    revisions,
    hint: "the version table does not match the revision files; `athanor stamp --purge <revision>` resets it",
  });
}

/**
 * The version table changes one step makes (rows are the current heads): a
 * new branch inserts a row, removing a branch deletes one, a merge deletes all
 * its parents' rows but one and updates that one, an unmerge inserts rows for
 * the parents not already implied and updates the merge's row, anything else
 * updates one row. Returns the changes in order and the heads afterwards.
 * Throws when `heads` do not hold what the step expects.
 *
 * @example
 * ```ts
 * let heads: string[] = [];
 * for (const step of map.planUpgrade(heads, "head")) {
 *   const r = versionChanges(map, heads, step);   // e.g. [{ type: "insert", revision: "a1" }]
 *   heads = r.heads;
 * }
 * ```
 */
export function versionChanges(
  map: RevisionMap<any>,
  heads: readonly string[],
  step: MigrationStep,
): { changes: VersionChange[]; heads: string[] } {
  const rows = new Set(heads);
  const state = rows.size === heads.length ? [...heads] : [...rows];
  const changes: VersionChange[] = [];
  const has = (r: string): boolean => rows.has(r);
  const insert = (r: string): void => {
    if (has(r)) throw tableError(`Cannot insert version ${r}: the version table already holds it`, [r]);
    state.push(r);
    rows.add(r);
    changes.push({ type: "insert", revision: r });
  };
  const remove = (r: string): void => {
    const k = state.indexOf(r);
    if (k === -1) throw tableError(`Cannot delete version ${r}: the version table does not hold it`, [r]);
    state.splice(k, 1);
    rows.delete(r);
    changes.push({ type: "delete", revision: r });
  };
  const update = (from: string, to: string): void => {
    const k = state.indexOf(from);
    if (k === -1) throw tableError(`Cannot update version ${from} to ${to}: the version table does not hold ${from}`, [from, to]);
    if (has(to)) throw tableError(`Cannot update version ${from} to ${to}: the version table already holds ${to}`, [from, to]);
    state[k] = to;
    rows.delete(from);
    rows.add(to);
    changes.push({ type: "update", from, to });
  };

  if (step.kind === "stamp") {
    const from = step.fromRevisions;
    const to = step.toRevisions;
    const isUpgrade = step.isUpgrade ?? true;
    const branchMove = step.branchMove ?? false;
    if (!isUpgrade && branchMove) {
      if (from.length !== 1) throw tableError(`A branch-removing stamp must start from one revision, not ${from.length}`, from);
      remove(from[0] as string);
    } else if (
      isUpgrade &&
      (branchMove || from.some((f) => !has(f))) &&
      to.some((t) => !has(t))
    ) {
      if (to.length !== 1) throw tableError(`A branch-creating stamp must end at one revision, not ${to.length}`, to);
      insert(to[0] as string);
    } else if (from.length > 1) {
      for (const f of from.slice(0, -1)) remove(f);
      update(from[from.length - 1] as string, to[0] as string);
    } else if (to.length > 1) {
      for (const t of to.slice(0, -1)) insert(t);
      update(from[0] as string, to[to.length - 1] as string);
    } else {
      if (from.length !== 1 || to.length !== 1) {
        throw tableError(`A stamp from (${from.join(", ")}) to (${to.join(", ")}) moves no single row`, [...from, ...to]);
      }
      update(from[0] as string, to[0] as string);
    }
    return { changes, heads: state };
  }

  const id = step.revision;
  if (id === null) throw tableError("A migration step names no revision", []);
  const rev = map.get(id);
  if (rev === undefined) throw tableError(`Revision ${id} is not in the revision map`, [id]);
  const downs = rev.normalizedDownRevisions;

  /**
   * Whether `d` is a row (other than `excluded` ones) or one of `extra`, or
   * below one of those other than through this step's revision.
   */
  const implied = (d: string, excluded: readonly string[], extra: readonly string[]): boolean => {
    if (rows.has(d) && !excluded.includes(d)) return true;
    if (extra.includes(d)) return true;
    const below = map.get(d);
    if (below === undefined) return false;
    // nothing but this step's revision above it: no other row can be above it
    if (below.nextRevisions.every((c) => c === id) && below.dependents.every((c) => c === id)) return false;
    const targets = [...state.filter((h) => !excluded.includes(h)), ...extra];
    return targets.length > 0 && map.isAncestorOfAny(d, targets, { except: id });
  };

  /**
   * The down revisions a downgrade of `rev` leaves as rows: those neither
   * another row nor another of these down revisions already implies. (A
   * dependency that is also reachable through a down revision thus gets no
   * row of its own.)
   */
  const unmergeTargets = (): string[] => downs.filter((d) => !implied(d, [id], downs.filter((x) => x !== d)));

  if (step.kind === "downgrade") {
    if (!has(id)) throw tableError(`Cannot downgrade ${id}: the version table does not hold it`, [id]);
    if (downs.length === 0) {
      remove(id);
      return { changes, heads: state };
    }
    const targets = unmergeTargets();
    if (targets.length === 0) {
      remove(id);
    } else if (downs.length > 1) {
      for (const t of targets.slice(0, -1)) insert(t);
      update(id, targets[targets.length - 1] as string);
    } else {
      update(id, downs[0] as string);
    }
    return { changes, heads: state };
  }

  // upgrade
  const present = downs.filter((d) => has(d));
  if (downs.length === 0 || present.length === 0) {
    insert(id);
  } else if (downs.length > 1 && present.length > 1) {
    let from = [...downs];
    if (state.some((h) => !downs.includes(h))) from = downs.filter((d) => !implied(d, downs, []));
    from = from.filter((d) => has(d));
    if (from.length === 0) from = present.slice(-1);
    for (const f of from.slice(0, -1)) remove(f);
    update(from[from.length - 1] as string, id);
  } else {
    let from: string;
    if (downs.length === 1) from = downs[0] as string;
    else {
      if (present.length !== 1) throw tableError(`Cannot upgrade to ${id}: which row to update is ambiguous`, [id, ...present]);
      from = present[0] as string;
    }
    update(from, id);
  }
  return { changes, heads: state };
}
