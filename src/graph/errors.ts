import { AthanorError } from "../util/errors.js";

/**
 * What kind of problem a {@link RevisionGraphError} reports, for callers that
 * react to one kind (e.g. turn `not-ancestor` into "not a valid upgrade target").
 */
export type RevisionGraphErrorCode =
  | "invalid-id"
  | "duplicate-revision"
  | "duplicate-label"
  | "invalid-label"
  | "missing-revision"
  | "loop"
  | "dependency-loop"
  | "cycle"
  | "dependency-cycle"
  | "unknown-revision"
  | "ambiguous-revision"
  | "multiple-heads"
  | "not-ancestor"
  | "overlap"
  | "relative"
  | "ambiguous-walk"
  | "invalid-range"
  | "version-table"
  | "revision";

/**
 * A broken revision graph, or a revision identifier that cannot be resolved or
 * walked. `revisions` lists the revision ids involved (candidates, heads, the
 * members of a cycle ...).
 *
 * @example
 * ```ts
 * try { map.getRevision("head"); }
 * catch (e) { if (e instanceof RevisionGraphError && e.code === "multiple-heads") console.log(e.revisions); }
 * ```
 */
export class RevisionGraphError extends AthanorError {
  /** Revision ids the problem concerns. */
  readonly revisions: readonly string[];
  /** The kind of problem. */
  readonly code: RevisionGraphErrorCode;
  /** The identifier the user gave, when the problem is about one. */
  readonly argument: string | undefined;

  constructor(
    message: string,
    options: {
      code?: RevisionGraphErrorCode;
      revisions?: readonly string[];
      argument?: string;
      hint?: string;
      file?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, {
      ...(options.hint !== undefined ? { hint: options.hint } : {}),
      ...(options.file !== undefined ? { file: options.file } : {}),
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
    });
    this.code = options.code ?? "revision";
    this.revisions = options.revisions ?? [];
    this.argument = options.argument;
  }
}
