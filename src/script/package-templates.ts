import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `templates/` folder shipped with the package (next to `src/` and `dist/`). */
export function packageTemplatesDir(): string {
  return fileURLToPath(new URL("../../templates/", import.meta.url));
}

/** One template for `athanor init`. */
export interface InitTemplate {
  readonly name: string;
  /** First line of the template's README. */
  readonly description: string;
  readonly dir: string;
}

/**
 * The templates `athanor init -t NAME` can use, sorted by name.
 *
 * @example
 * ```ts
 * listInitTemplates().map((t) => t.name); // ["generic", "multidb"]
 * ```
 */
export function listInitTemplates(root: string = packageTemplatesDir()): InitTemplate[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const readme = join(dir, "README.md");
      const description = existsSync(readme)
        ? (readFileSync(readme, "utf8").split("\n").find((l) => l.trim() !== "") ?? "").replace(/^#+\s*/, "").trim()
        : "";
      return { name, description, dir };
    });
}
