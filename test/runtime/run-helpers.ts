// What the failure tests share: projects removed after each test, and the error of a run that must fail.
import { afterEach, expect } from "vitest";
import { MigrationError } from "../../src/runtime/index.js";
import { createProject } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";

/** A `project(dialect, revisions)` whose projects are cleaned up after each test of the file. */
export function projectsCleanedAfterEach(): (dialect: Project["dialect"], revisions: RevisionSpec[]) => Project {
  const projects: Project[] = [];
  afterEach(async () => {
    while (projects.length > 0) await projects.pop()!.cleanup();
  });
  return (dialect, revisions) => {
    const p = createProject(dialect, revisions);
    projects.push(p);
    return p;
  };
}

/** The MigrationError the promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function caught(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error("expected the run to fail");
}
