import { spawnSync } from "node:child_process";
import { delimiter, join, resolve } from "node:path";
import type { PostWriteHook } from "../config/define-config.js";

/**
 * Split a command line into words as a POSIX shell would, without running
 * one: spaces separate, quotes group, a backslash escapes the next character
 * (inside double quotes only before `"`, `\\`, `$` and a backquote).
 *
 * @example
 * ```ts
 * splitCommandLine(`prettier --write "{file}"`); // ["prettier", "--write", "{file}"]
 * ```
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && '"\\$`'.includes(line[i + 1] ?? "x")) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Name of a hook for messages. */
export function hookName(hook: PostWriteHook): string {
  if (typeof hook === "function") return hook.name || "function";
  return hook.name ?? hook.command;
}

/**
 * Run the post-write hooks on a new file, in order. Commands run without a
 * shell, in `baseDir` (or the hook's `cwd`), with `baseDir/node_modules/.bin`
 * on the PATH. A failure does not stop the others; it comes back as a warning line.
 *
 * @example
 * ```ts
 * const warnings = await runPostWriteHooks([{ command: "prettier --write {file}" }], file, "/app");
 * ```
 */
export async function runPostWriteHooks(
  hooks: readonly PostWriteHook[],
  file: string,
  baseDir: string,
): Promise<string[]> {
  const warnings: string[] = [];
  for (const hook of hooks) {
    const name = hookName(hook);
    if (typeof hook === "function") {
      try {
        await hook(file);
      } catch (error) {
        warnings.push(`post-write hook "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      continue;
    }
    let argv = hook.args === undefined ? splitCommandLine(hook.command) : [hook.command, ...hook.args];
    if (!argv.some((a) => a.includes("{file}"))) argv.push("{file}");
    argv = argv.map((a) => a.split("{file}").join(file));
    const [program, ...args] = argv;
    const cwd = hook.cwd === undefined ? baseDir : resolve(baseDir, hook.cwd);
    const path = [join(baseDir, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter);
    const result = spawnSync(program!, args, {
      cwd,
      env: { ...process.env, PATH: path },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (result.error) {
      const code = (result.error as NodeJS.ErrnoException).code;
      warnings.push(
        code === "ENOENT"
          ? `post-write hook "${name}": command not found: ${program}`
          : `post-write hook "${name}" could not run: ${result.error.message}`,
      );
    } else if (result.status !== 0) {
      const detail = (result.stderr || result.stdout || "").trim().split("\n")[0];
      warnings.push(
        `post-write hook "${name}" exited with ${result.status === null ? `signal ${result.signal}` : `code ${result.status}`}` +
          (detail ? `: ${detail}` : ""),
      );
    }
  }
  return warnings;
}
