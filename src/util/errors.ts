/**
 * The error every layer throws for bad input or a refused request. The CLI prints
 * `message` (and `hint` when present) on one line and exits 1; the stack is shown
 * only with `--verbose`.
 *
 * @example
 * ```ts
 * throw new AthanorError("Multiple heads are present", {
 *   hint: "pass --head, or run `athanor merge heads`",
 * });
 * ```
 */
export class AthanorError extends Error {
  /** What the user can do next, printed after the message. */
  readonly hint: string | undefined;
  /** File (and line) the problem was found in, when there is one. */
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    message: string,
    options: { hint?: string; file?: string; line?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
  }

  /** The one line the CLI prints: `file:line: message; hint`. */
  oneLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ""}: ` : "";
    return `${where}${this.message}${this.hint ? ` (${this.hint})` : ""}`;
  }
}
