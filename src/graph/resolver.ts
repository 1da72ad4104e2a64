import { RevisionGraphError } from "./errors.js";
import { prefixMatches, type Graph } from "./graph.js";
import { asInteger, parseRelative } from "./identifiers.js";
import { ancestors, sharesLineage, sharingLineage } from "./traversal.js";

/** "Nothing": before every revision (Alembic's `None`). */
export const NONE = -1;
/** The empty state reached by walking down past a base (Alembic's `"base"`). */
export const BASE = -2;
/** A revision index, {@link NONE} or {@link BASE}. */
export type Ref = number;

/** One identifier, several, or none (base). */
export type Symbolic = string | readonly string[] | null;

export function toList(value: Symbolic | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}

/** An identifier (or several) as a message shows it; none is `base`. */
export function show(value: Symbolic | undefined): string {
  if (value === null || value === undefined) return "base";
  if (typeof value === "string") return value;
  return value.length === 0 ? "base" : value.join(", ");
}

/**
 * Identifier resolution over a {@link Graph}: symbols (`head`, `label@base`,
 * partial ids ...), relative walks (`+N`, `rev-N`, `label@-N`), lineage
 * filters, and the errors they raise. Works on revision indices.
 */
export class Resolver {
  constructor(readonly g: Graph) {}

  /** The index of exactly this revision id; throws for any other string. */
  exact(id: string): number {
    const i = this.g.byId.get(id);
    if (i === undefined) {
      throw new RevisionGraphError(`No such revision '${id}'`, {
        code: "unknown-revision",
        revisions: [id],
        argument: id,
        hint: "give a full revision id",
      });
    }
    return i;
  }

  /** The error for a symbol that names several heads where one is needed. */
  multipleHeads(heads: readonly string[], argument: string, cause?: unknown): RevisionGraphError {
    return new RevisionGraphError(
      `Multiple head revisions are present for given argument '${argument}'; please specify a specific target revision, '<branchname>@${argument}' to narrow to a specific head, or 'heads' for all heads`,
      {
        code: "multiple-heads",
        revisions: heads,
        argument,
        hint: `the heads are ${heads.join(", ")}; \`athanor merge heads\` joins them`,
        ...(cause !== undefined ? { cause } : {}),
      },
    );
  }

  /** The error for a lower bound that is not below the upper bound. */
  notAncestor(lower: Symbolic, upper: Symbolic, revisions: readonly string[] = []): RevisionGraphError {
    return new RevisionGraphError(`Revision ${show(lower)} is not an ancestor of revision ${show(upper)}`, {
      code: "not-ancestor",
      revisions,
    });
  }

  /** The error for a relative move that cannot be made from the current revisions. */
  relativeError(text: string, steps: number): RevisionGraphError {
    return new RevisionGraphError(`Relative revision ${text} didn't produce ${Math.abs(steps)} migrations`, {
      code: "relative",
      argument: text,
      hint: "the graph has fewer revisions in that direction; use a smaller step count",
    });
  }

  /** The error for a relative identifier that walks off the graph. */
  walkedTooFar(target: string): RevisionGraphError {
    return new RevisionGraphError(`Walked too far: '${target}' goes past the end of the revision graph`, {
      code: "relative",
      argument: target,
      hint: "use a smaller step count",
    });
  }

  /** Whether `symbol` is `+N`/`-N` (optionally `label@`) with nothing to count from. */
  isCurrentRelative(symbol: string): boolean {
    const rel = parseRelative(symbol);
    return rel !== null && rel.symbol === null;
  }

  /** Resolves a symbol as the public API does: also `rev+N`, `label@head-N`, and with `current` given `current`, `+N`, `-N`. */
  resolveWithCurrent(symbol: string, current: readonly string[] | undefined): Ref[] {
    const rel = parseRelative(symbol);
    if (rel !== null && rel.symbol !== null) {
      const refs = this.parseUpgradeTarget(current ?? [], symbol, true);
      if (refs.includes(NONE)) throw this.walkedTooFar(symbol);
      return refs;
    }
    if (rel !== null && rel.steps > 0 && current === undefined) {
      throw new RevisionGraphError(`Relative revision ${symbol} needs the current revision to count from`, {
        code: "relative",
        argument: symbol,
        hint: "name a revision to count from, e.g. 'head-1' or '<rev>+2'",
      });
    }
    if (current !== undefined) {
      if (symbol === "current") return current.map((c) => this.getRevisionRef(c)).filter((r) => r >= 0);
      if (this.isCurrentRelative(symbol)) {
        const rel = parseRelative(symbol) as NonNullable<ReturnType<typeof parseRelative>>;
        if (rel.steps > 0) return this.parseUpgradeTarget(current, symbol, true);
        const { rev } = this.parseDowngradeTarget(current, symbol, true, () => {});
        return [rev];
      }
    }
    return this.getRevs(symbol);
  }

  /** Of `targets`, those on a line of descent with what `checkAgainst` names (all when it names nothing). */
  filterForLineage(targets: readonly number[], checkAgainst: string | null, deps: boolean): number[] {
    if (targets.length === 0) return [];
    const { ids, label } = this.resolveNumber(checkAgainst);
    const shares: string[] = [];
    if (label !== null) shares.push(label);
    shares.push(...ids);
    if (shares.length === 0) return [...targets];
    const against = shares.map((s) => this.forIdent(s, null)).filter((r) => r >= 0);
    return sharingLineage(this.g, targets, against, deps);
  }

  /** The tips of the given revisions and all their ancestors. */
  allCurrent(ids: Symbolic): number[] {
    const g = this.g;
    const top = this.getRevs(ids).filter((r) => r >= 0);
    const all = ancestors(this.g, top, true);
    const inSet = new Uint8Array(g.size);
    for (const a of all) inSet[a] = 1;
    return all.filter((a) => !(g.next[a] as number[]).some((c) => inSet[c]));
  }

  /** Splits `label@rest` and expands `head`, `heads` and `base` into revision ids. */
  resolveNumber(id: string | null): { ids: string[]; label: string | null } {
    if (id === null) return { ids: [], label: null };
    if (typeof id !== "string") {
      throw new RevisionGraphError(
        `revision identifier ${JSON.stringify(id)} is not a string; ensure database driver settings are correct`,
        { code: "unknown-revision" },
      );
    }
    let label: string | null = null;
    let rest = id;
    const at = id.indexOf("@");
    if (at !== -1) {
      label = id.slice(0, at);
      rest = id.slice(at + 1);
    }
    const g = this.g;
    if (rest === "heads") {
      if (label !== null) return { ids: this.filterForLineage(g.heads, label, false).map((i) => g.ids[i] as string), label };
      return { ids: g.realHeads.map((i) => g.ids[i] as string), label };
    }
    if (rest === "head") {
      const h = this.currentHead(label);
      return { ids: h === NONE ? [] : [g.ids[h] as string], label };
    }
    if (rest === "base") return { ids: [], label };
    return { ids: [rest], label };
  }

  /** The single head (of branch `label`), NONE when there is none; throws when several. */
  currentHead(label: string | null): Ref {
    const g = this.g;
    let heads: readonly number[] = g.heads;
    if (label !== null) heads = this.filterForLineage(heads, label, false);
    if (heads.length > 1) {
      throw this.multipleHeads(
        heads.map((h) => g.ids[h] as string),
        label !== null ? `${label}@head` : "head",
      );
    }
    return heads[0] ?? NONE;
  }

  /** The revisions a symbol (or several) names; `-N` walks down from the heads. */
  getRevs(id: Symbolic): Ref[] {
    if (id !== null && typeof id !== "string") return id.flatMap((x) => this.getRevs(x));
    const { ids, label } = this.resolveNumber(id);
    if (ids.length === 1) {
      const n = asInteger(ids[0] as string);
      if (n !== null && n < 0) {
        let heads = this.getRevs("heads");
        if (label !== null) heads = heads.filter((h) => h >= 0 && (this.g.labels[h] as readonly string[]).includes(label));
        return heads.map((h) => this.walk(h, n, null, true));
      }
    }
    return ids.map((x) => this.forIdent(x, label));
  }

  /** The one revision a symbol names (NONE for base); throws when it names several. */
  getRevisionRef(id: string | null): Ref {
    const { ids, label } = this.resolveNumber(id);
    if (ids.length > 1) throw this.multipleHeads(ids, id ?? "base");
    return this.forIdent(ids[0] ?? null, label);
  }

  /** The revision a branch name stands for: its labelled revision, or a revision id used as a branch name. */
  resolveBranch(label: string): number {
    const g = this.g;
    const i = g.byId.get(label) ?? g.byLabel.get(label);
    if (i !== undefined) return i;
    try {
      return this.forIdent(label, null);
    } catch (e) {
      if (e instanceof RevisionGraphError && (e.code === "unknown-revision" || e.code === "ambiguous-revision")) {
        throw new RevisionGraphError(`No such branch: '${label}'`, {
          code: "unknown-revision",
          argument: label,
          hint: "`athanor branches` lists the branch labels",
          cause: e,
        });
      }
      throw e;
    }
  }

  /** A full or partial id or label, optionally checked to be on branch `checkBranch`. */
  forIdent(resolved: string | null, checkBranch: string | null): Ref {
    const g = this.g;
    const branchRev = checkBranch !== null && checkBranch !== "" ? this.resolveBranch(checkBranch) : NONE;
    if (resolved === null) return NONE;
    let rev = g.byId.get(resolved) ?? g.byLabel.get(resolved);
    if (rev === undefined) {
      let keys = resolved === "" ? [] : prefixMatches(g.sortedKeys, resolved);
      if (branchRev !== NONE) {
        const onBranch = new Set(sharingLineage(this.g, [...new Set(keys.map((k) => (g.byId.get(k) ?? g.byLabel.get(k)) as number))], [branchRev], false));
        keys = keys.filter((k) => onBranch.has((g.byId.get(k) ?? g.byLabel.get(k)) as number));
      }
      if (keys.length === 0) {
        const short = resolved.length < 4;
        throw new RevisionGraphError(
          `No such revision or branch '${resolved}'${short ? "; please ensure at least four characters are present for partial revision identifier matches" : ""}`,
          {
            code: "unknown-revision",
            revisions: [],
            argument: resolved,
            hint: "`athanor history` lists the revisions",
          },
        );
      }
      if (keys.length > 1) {
        const candidates = keys.map((k) => g.ids[(g.byId.get(k) ?? g.byLabel.get(k)) as number] as string);
        throw new RevisionGraphError(
          `Multiple revisions start with '${resolved}': ${keys
            .slice(0, 3)
            .map((k) => `'${k}'`)
            .join(", ")}...`,
          {
            code: "ambiguous-revision",
            revisions: [...new Set(candidates)].slice(0, 20),
            argument: resolved,
            hint: "give more characters of the revision id",
          },
        );
      }
      rev = (g.byId.get(keys[0] as string) ?? g.byLabel.get(keys[0] as string)) as number;
    }
    if (branchRev !== NONE && !sharesLineage(this.g, rev, [branchRev], false)) {
      throw new RevisionGraphError(`Revision ${g.ids[rev]} is not a member of branch '${checkBranch}'`, {
        code: "unknown-revision",
        revisions: [g.ids[rev] as string],
        argument: resolved,
        hint: `choose a revision on branch '${checkBranch}'`,
      });
    }
    return rev;
  }

  /** Walks `steps` revisions up (> 0) or down (< 0) from `start`. */
  walk(start: Ref, steps: number, branchLabel: string | null, noOverwalk: boolean): Ref {
    const g = this.g;
    let initial = start;
    for (let k = 0; k < Math.abs(steps); k++) {
      let children: Ref[];
      if (steps > 0) {
        const up: number[] = initial < 0 ? [...g.bases] : [...(g.next[initial] as number[])];
        children = branchLabel !== null ? this.filterForLineage(up, branchLabel, false) : up;
      } else if (initial === BASE) {
        children = [];
      } else {
        children = initial === NONE ? [...g.heads] : [...(g.down[initial] as number[])];
        if (children.length === 0) children = [BASE];
      }
      if (children.length === 0) return noOverwalk ? NONE : initial;
      if (children.length > 1) {
        const from = initial >= 0 ? `revision ${g.ids[initial]}` : "base";
        const names = children.filter((c) => c >= 0).map((c) => g.ids[c] as string).join(", ");
        const what = steps > 0 ? "is followed by several revisions" : initial >= 0 ? "has several down revisions" : "there are several heads";
        throw new RevisionGraphError(`Ambiguous walk: ${initial >= 0 || steps > 0 ? `${from} ${what}` : what} (${names})`, {
          code: "ambiguous-walk",
          revisions: children.filter((c) => c >= 0).map((c) => g.ids[c] as string),
          hint: "the walk reaches a branch point; name the branch as '<branchname>@+N' or give a revision",
        });
      }
      initial = children[0] as Ref;
    }
    return initial;
  }

  /** The branch label and revision a downgrade target names, relative moves counted from `current`. */
  parseDowngradeTarget(
    current: Symbolic,
    target: Symbolic,
    assertRelativeLength: boolean,
    warn: (m: string) => void,
  ): { label: string | null; rev: Ref } {
    if (target === null) return { label: null, rev: NONE };
    if (typeof target !== "string") {
      const list = [...target];
      if (list.length === 0) return { label: null, rev: NONE };
      if (list.length > 1) {
        throw new RevisionGraphError(`A downgrade goes to one target, not ${list.join(", ")}`, {
          code: "revision",
          argument: list.join(","),
        });
      }
      target = list[0] as string;
    }
    const rel = parseRelative(target);
    if (rel !== null) {
      let branchLabel = rel.branchLabel;
      let symbol = rel.symbol;
      if (rel.steps >= 0) {
        if (symbol === null) throw this.relativeError(rel.text, rel.steps);
        const rev = this.walk(this.getRevisionRef(symbol), rel.steps, branchLabel, assertRelativeLength);
        if (rev === NONE) throw this.walkedTooFar(target);
        return { label: branchLabel, rev };
      }
      const relativeToCurrent = symbol === null;
      if (relativeToCurrent) {
        const cur = toList(current);
        if (branchLabel !== null) {
          const g = this.g;
          let symbols: string[] = cur.filter((c) =>
            this.filterForLineage([this.getRevisionRef(c)], branchLabel, false).length > 0,
          );
          if (symbols.length === 0) {
            symbols = this.filterForLineage(this.allCurrent(cur), branchLabel, false).map((i) => g.ids[i] as string);
          }
          if (symbols.length !== 1) {
            throw new RevisionGraphError(
              symbols.length === 0
                ? `No current revision is on branch '${branchLabel}'`
                : `Several current revisions are on branch '${branchLabel}': ${symbols.join(", ")}`,
              { code: "ambiguous-walk", revisions: symbols, argument: target },
            );
          }
          symbol = symbols[0] as string;
        } else {
          if (cur.length === 0) throw this.relativeError(rel.text, rel.steps);
          if (new Set(cur).size > 1) {
            warn("downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.");
          }
          symbol = cur[0] as string;
          branchLabel = symbol;
        }
      }
      const start = this.getRevisionRef(branchLabel === null ? symbol : `${branchLabel}@${symbol}`);
      const rev = this.walk(start, rel.steps, null, assertRelativeLength);
      if (rev === NONE) {
        if (relativeToCurrent) throw this.relativeError(rel.text, rel.steps);
        throw this.walkedTooFar(target);
      }
      return { label: branchLabel, rev };
    }
    const at = target.lastIndexOf("@");
    const label = at > 0 ? target.slice(0, at) : null;
    return { label, rev: this.getRevisionRef(target.slice(at + 1)) };
  }

  /** The revisions an upgrade target names, relative moves counted from `current`. */
  parseUpgradeTarget(current: Symbolic, target: Symbolic, assertRelativeLength: boolean): Ref[] {
    const rel = typeof target === "string" ? parseRelative(target) : null;
    if (rel === null) return this.getRevs(target);
    const g = this.g;
    const { branchLabel, symbol } = rel;
    if (rel.steps > 0) {
      if (symbol === null) {
        const cur = toList(current);
        let starts: Ref[] = cur.length === 0 ? [NONE] : cur.map((c) => this.getRevisionRef(c));
        if (branchLabel !== null) {
          const curRevs = this.getRevs(cur).filter((r) => r >= 0);
          starts = this.filterForLineage(curRevs, branchLabel, false);
          if (starts.length === 0) {
            const active = this.filterForLineage(ancestors(this.g, curRevs, true), branchLabel, false);
            const below = new Set<number>();
            for (const a of active) for (const d of g.normDown[a] as number[]) below.add(d);
            starts = active.filter((a) => !below.has(a));
            if (starts.length === 0) starts = [NONE];
          }
        }
        if (starts.length > 1) {
          throw new RevisionGraphError("Ambiguous upgrade from multiple current revisions", {
            code: "ambiguous-walk",
            revisions: starts.filter((s) => s >= 0).map((s) => g.ids[s] as string),
            hint: "name the branch, e.g. '<branchname>@+1', or give a revision",
          });
        }
        const rev = this.walk(starts[0] as Ref, rel.steps, branchLabel, assertRelativeLength);
        if (rev === NONE) throw this.relativeError(rel.text, rel.steps);
        return [rev];
      }
      return [this.walk(this.getRevisionRef(symbol), rel.steps, branchLabel, assertRelativeLength)];
    }
    if (symbol === null) throw this.relativeError(String(rel.steps), rel.steps);
    const start = this.getRevisionRef(branchLabel === null ? symbol : `${branchLabel}@${symbol}`);
    return [this.walk(start, rel.steps, null, assertRelativeLength)];
  }
}
