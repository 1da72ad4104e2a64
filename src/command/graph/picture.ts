import type { RevisionInfo } from "../revision-info.js";

/** One revision as drawn. */
export interface PictureNode {
  readonly id: string;
  /** The message (first line of the header comment). */
  readonly doc: string;
  /** Branch labels written on the revision. */
  readonly labels: readonly string[];
  /** A head as `heads` lists it: nothing comes after it, dependents included. */
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isMergePoint: boolean;
  readonly isBranchPoint: boolean;
  /** The database is at this revision; `null` when the database was not read. */
  readonly isCurrent: boolean | null;
}

/** A line from a parent to its child (`down`), or from a revision to one that depends on it. */
export interface PictureEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: "down" | "dependency";
}

/** The part of the revision graph to draw: parents before children. */
export interface GraphPicture {
  readonly nodes: readonly PictureNode[];
  readonly edges: readonly PictureEdge[];
}

/**
 * The picture of the revisions `history` listed (newest first): nodes oldest
 * first, and the edges between two listed revisions (a parent outside a range
 * is left out, as history leaves it out).
 */
export function pictureOf(revisions: readonly RevisionInfo[]): GraphPicture {
  const listed = new Set(revisions.map((r) => r.revision));
  const nodes: PictureNode[] = [];
  const edges: PictureEdge[] = [];
  for (let i = revisions.length - 1; i >= 0; i -= 1) {
    const rev = revisions[i] as RevisionInfo;
    nodes.push({
      id: rev.revision,
      doc: rev.doc,
      labels: rev.branchLabels,
      isHead: rev.isRealHead,
      isBase: rev.isBase,
      isMergePoint: rev.isMergePoint,
      isBranchPoint: rev.isBranchPoint,
      isCurrent: rev.isCurrent,
    });
    for (const parent of rev.downRevisions) if (listed.has(parent)) edges.push({ from: parent, to: rev.revision, kind: "down" });
    for (const dependency of rev.dependencies) if (listed.has(dependency)) edges.push({ from: dependency, to: rev.revision, kind: "dependency" });
  }
  return { nodes, edges };
}
