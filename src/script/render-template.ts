import { AthanorError } from "../util/errors.js";

/**
 * Fill a revision template (`script.ts.tmpl`). `${name}` is replaced by the
 * variable's text; `$${` writes a literal `${`. Nothing in the template is
 * run. Lines starting with `##` are comments of the template and are
 * dropped. A multi-line value after a comment margin (` * ${message}`)
 * repeats the margin on each line. When a placeholder stands alone on its line, every line of a
 * multi-line value is indented like the placeholder, and an empty value
 * removes the line. An unknown name is an error with its line.
 *
 * @example
 * ```ts
 * renderTemplate("export const revision = \"${revision}\";", { revision: "ae10" }, "script.ts.tmpl");
 * ```
 */
export function renderTemplate(
  template: string,
  variables: Readonly<Record<string, string>>,
  file: string,
): string {
  const lines = template.split("\n");
  const out: string[] = [];
  lines.forEach((line, index) => {
    if (/^[ \t]*##/.test(line)) return;
    const alone = /^([ \t]*)\$\{([A-Za-z_][A-Za-z0-9_]*)\}[ \t]*$/.exec(line);
    if (alone) {
      const value = lookup(variables, alone[2]!, file, index + 1);
      if (value === "") return;
      const indent = alone[1]!;
      out.push(value.split("\n").map((l) => (l === "" ? "" : indent + l)).join("\n"));
      return;
    }
    let substituted = false;
    const replaced = line.replace(
      /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (_match, name: string | undefined, offset: number) => {
        if (name === undefined) return "${";
        substituted = true;
        const value = lookup(variables, name, file, index + 1);
        // inside a comment (` * ${message}`), a multi-line value keeps the margin
        const margin = /^[ \t]*(?:\*|\/\/|#)?[ \t]*$/.exec(line.slice(0, offset))?.[0];
        return margin === undefined || !value.includes("\n")
          ? value
          : value.split("\n").map((l, i) => (i === 0 ? l : `${margin}${l}`.replace(/[ \t]+$/, ""))).join("\n");
      },
    );
    out.push(substituted ? replaced.replace(/[ \t]+$/, "") : replaced);
  });
  return out.join("\n");
}

function lookup(variables: Readonly<Record<string, string>>, name: string, file: string, line: number): string {
  if (!Object.prototype.hasOwnProperty.call(variables, name)) {
    throw new AthanorError(`Unknown template variable \${${name}}`, {
      file,
      line,
      hint: `known: ${Object.keys(variables).join(", ")}; write $\${ for a literal \${`,
    });
  }
  return variables[name]!;
}
