// Writes benchmark projects: a config, a migrations folder and many revision files.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A deterministic 12-hex-digit revision id for the n-th revision of a project. */
export function revisionId(seed, n) {
  return createHash("sha1").update(`${seed}:${n}`).digest("hex").slice(0, 12);
}

/**
 * The revisions of a straight line: each revises the one before.
 * Returns [{ revision, downRevision, message }], oldest first.
 */
export function linearGraph(count, seed = "linear") {
  const revisions = [];
  let previous = null;
  for (let i = 0; i < count; i++) {
    const revision = revisionId(seed, i);
    revisions.push({ revision, downRevision: previous, message: `step ${i}` });
    previous = revision;
  }
  return revisions;
}

/**
 * `branches` branches in rounds of `width`: each round starts at a branch point,
 * runs `width` parallel branches and closes them with a merge revision; the
 * branch lengths are chosen so the total is `count` revisions. The last branch of
 * each round depends on the previous round's branch point, and the first branch of
 * the last round carries a branch label, so dependencies and labels are exercised
 * too. (Only one round is labelled: a label spreads to every descendant, and twenty
 * labels on every line would time the printing of long lines, not the graph.)
 */
export function branchedGraph(count, branches = 100, width = 5, seed = "branched") {
  const rounds = Math.ceil(branches / width);
  const perBranch = Math.floor((count - 2 * rounds - 1) / (rounds * width));
  if (perBranch < 1) throw new Error(`${count} revisions are too few for ${branches} branches`);
  const revisions = [];
  let n = 0;
  const add = (downRevision, extra = {}) => {
    const revision = revisionId(seed, n);
    revisions.push({ revision, downRevision, message: `step ${n}`, ...extra });
    n++;
    return revision;
  };
  let tip = add(null);
  let previousPoint = null;
  for (let round = 0; round < rounds; round++) {
    const point = add(tip);
    const heads = [];
    for (let b = 0; b < width; b++) {
      let last = point;
      for (let i = 0; i < perBranch; i++) {
        const extra = {};
        if (i === 0 && b === 0 && round === rounds - 1) extra.branchLabels = [`round${round}`];
        if (i === 0 && b === width - 1 && previousPoint) extra.dependsOn = [previousPoint];
        last = add(last, extra);
      }
      heads.push(last);
    }
    tip = add(heads);
    previousPoint = point;
  }
  while (n < count) tip = add(tip);
  return revisions;
}

function literal(value) {
  if (value === null || value === undefined) return "null";
  return JSON.stringify(value);
}

/** The text of one revision file, in the shape `athanor revision` writes. */
export function revisionFile({ revision, downRevision, message, branchLabels, dependsOn }) {
  const revises = Array.isArray(downRevision) ? downRevision.join(", ") : (downRevision ?? "");
  return `/**
 * ${message}
 *
 * Revision ID: ${revision}
 * Revises: ${revises}
 * Create Date: 2026-11-21 10:00:00.000000
 */
import type { Operations } from "athanor";

export const revision = ${literal(revision)};
export const downRevision: string | string[] | null = ${literal(downRevision)};
export const branchLabels: string[] | null = ${literal(branchLabels)};
export const dependsOn: string[] | null = ${literal(dependsOn)};

export async function upgrade(op: Operations): Promise<void> {
  await op.execute("SELECT 1");
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("SELECT 1");
}
`;
}

/**
 * Write a project under `dir` (emptied first) holding `revisions`; returns its path.
 * The config is TypeScript, as a user's would be.
 */
export function writeProject(dir, revisions) {
  rmSync(dir, { recursive: true, force: true });
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(
    join(dir, "athanor.config.ts"),
    `export default { scriptLocation: "migrations", url: "sqlite:///bench.db" };\n`,
  );
  writeFileSync(
    join(dir, "migrations", "env.ts"),
    `export default {};\n`,
  );
  for (const rev of revisions) {
    const slug = rev.message.replace(/\W+/g, "_");
    writeFileSync(join(versions, `${rev.revision}_${slug}.ts`), revisionFile(rev));
  }
  return dir;
}
