import type { RevisionSource } from "../../src/graph/index.js";

/** `n` revisions in one straight line: r00000 <- r00001 <- ... */
export function straightLine(n: number): RevisionSource[] {
  const out: RevisionSource[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ revision: `r${String(i).padStart(5, "0")}`, downRevision: i === 0 ? null : `r${String(i - 1).padStart(5, "0")}` });
  }
  return out;
}

/**
 * A trunk of `trunk` revisions; `branches` labelled branches of `length`
 * revisions fork from successive trunk revisions; every tenth branch depends on
 * the previous branch's head; a final merge joins all branch heads and the
 * trunk head, and a short tail follows it.
 */
export function manyBranches(branches: number, length: number, trunk: number): RevisionSource[] {
  const out: RevisionSource[] = [];
  const t = (i: number): string => `t${String(i).padStart(5, "0")}`;
  const b = (k: number, i: number): string => `b${String(k).padStart(3, "0")}x${String(i).padStart(4, "0")}`;
  for (let i = 0; i < trunk; i++) out.push({ revision: t(i), downRevision: i === 0 ? null : t(i - 1) });
  const heads: string[] = [];
  for (let k = 0; k < branches; k++) {
    const fork = t(Math.floor(((k + 1) * (trunk - 1)) / (branches + 1)));
    for (let i = 0; i < length; i++) {
      out.push({
        revision: b(k, i),
        downRevision: i === 0 ? fork : b(k, i - 1),
        branchLabels: i === 0 ? [`branch${k}`] : null,
        dependsOn: i === length - 1 && k % 10 === 9 ? [b(k - 1, length - 1)] : null,
      });
    }
    heads.push(b(k, length - 1));
  }
  out.push({ revision: "merged", downRevision: [t(trunk - 1), ...heads.filter((_, k) => k % 10 !== 8)] });
  out.push({ revision: "tail1", downRevision: "merged" });
  out.push({ revision: "tail2", downRevision: "tail1" });
  return out;
}
