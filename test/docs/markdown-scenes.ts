// Reads a docs page into the steps a reader would follow: files to write and
// shell commands with the output the page shows. The conventions are written
// down in docs/README.md ("How these pages are tested").

/** A file the page asks the reader to write (a code block whose first line is `// file: path`, `-- file: path` or `# file: path`). */
export interface FileStep {
  readonly kind: "file";
  readonly path: string;
  readonly content: string;
  readonly only: readonly string[] | undefined;
  readonly line: number;
}

/** A command of a ```console block (`$ …`) and the output lines the page shows under it. */
export interface CommandStep {
  readonly kind: "command";
  readonly command: string;
  readonly expected: readonly string[];
  /** The exit code the page says (`[exit N]` under the command), 0 otherwise. */
  readonly exitCode: number;
  readonly only: readonly string[] | undefined;
  readonly line: number;
}

export type Step = FileStep | CommandStep;

export interface Page {
  /** The databases the page runs on (`<!-- databases: sqlite postgresql mysql -->`); none: not run. */
  readonly databases: readonly string[];
  readonly steps: readonly Step[];
}

const FENCE = /^```(\w*)\s*$/;

/** The steps of a page, in order. */
export function readPage(markdown: string): Page {
  const lines = markdown.split("\n");
  const databases = /<!--\s*databases:\s*([\w\s]+?)\s*-->/.exec(markdown)?.[1]?.split(/\s+/) ?? [];
  const steps: Step[] = [];
  let only: string[] | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const onlyMark = /^<!--\s*only:\s*([\w\s]+?)\s*-->$/.exec(line.trim());
    if (onlyMark) {
      only = onlyMark[1]!.split(/\s+/);
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) continue;
    const language = fence[1];
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end += 1;
    const body = lines.slice(start, end);
    i = end;
    const fileMark = /^(?:\/\/|--|#) file: (\S+)\s*$/.exec(body[0] ?? "");
    if (fileMark) {
      steps.push({ kind: "file", path: fileMark[1]!, content: `${body.slice(1).join("\n")}\n`, only, line: start });
    } else if (language === "console") {
      let current: { command: string; expected: string[]; exitCode: number; line: number } | undefined;
      const flush = (): void => {
        if (current) steps.push({ kind: "command", ...current, only });
      };
      body.forEach((text, offset) => {
        if (text.startsWith("$ ")) {
          flush();
          current = { command: text.slice(2), expected: [], exitCode: 0, line: start + offset + 1 };
        } else if (current) {
          const exit = /^\[exit (\d+)\]$/.exec(text.trim());
          if (exit) current.exitCode = Number(exit[1]);
          else if (text.trim() !== "") current.expected.push(text);
        }
      });
      flush();
    }
    only = undefined;
  }
  return { databases, steps };
}

/** A shown output line as a pattern: `…` stands for any text, `<rev>` for a revision id. */
export function linePattern(shown: string): RegExp {
  const parts = shown.trim().split(/(…|<rev>)/);
  const source = parts
    .map((part) => (part === "…" ? ".*" : part === "<rev>" ? "[0-9a-f]{12}" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(source);
}

/**
 * Whether every shown line appears in the actual output, in order (a page may
 * leave lines out, never show one that is not there). Returns the first shown
 * line not found, or undefined.
 */
export function firstMissing(shown: readonly string[], actual: string): string | undefined {
  const lines = actual.split("\n");
  let at = 0;
  for (const expected of shown) {
    const pattern = linePattern(expected);
    while (at < lines.length && !pattern.test(lines[at]!)) at += 1;
    if (at === lines.length) return expected;
    at += 1;
  }
  return undefined;
}
