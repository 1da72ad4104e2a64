import type { RevisionSource } from "../graph/types.js";

/**
 * One revision file on disk, as read from its header without importing it.
 *
 * @example
 * ```ts
 * const script = scripts.map.get("3f1c2a9b7d10")!.source;
 * script.doc;  // "create users"
 * script.path; // "/app/migrations/versions/3f1c2a9b7d10_create_users.ts"
 * ```
 */
export interface Script extends RevisionSource {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  /** Absolute path of the file. */
  readonly path: string;
  /** First line of the header comment: the message. */
  readonly doc: string;
  /** The whole header comment, without comment markers. */
  readonly longDoc: string;
  /** The `Create Date:` line of the header, when present. */
  readonly createDate: string | undefined;
}

/** What a revision file exports, checked when it is imported to run. */
export interface RevisionModule {
  readonly revision: string;
  /** Called with the `op` facade (`Operations`, which this layer does not know). */
  upgrade(op: unknown): Promise<void>;
  downgrade(op: unknown): Promise<void>;
  /** `false` runs this revision outside any transaction. */
  readonly transactional?: boolean;
  /** `true`, or the reason: the downgrade is empty on purpose (`athanor lint` does not ask for one). */
  readonly irreversible?: boolean | string;
}
