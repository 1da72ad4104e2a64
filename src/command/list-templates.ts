import { listInitTemplates } from "../script/package-templates.js";

/** One template of `athanor init -t NAME`. */
export interface TemplateInfo {
  readonly name: string;
  /** First line of the template's README. */
  readonly description: string;
}

/**
 * The templates `init` can use.
 *
 * @example
 * ```ts
 * (await command.listTemplates()).map((t) => t.name); // ["generic", "multidb"]
 * ```
 */
export async function listTemplates(): Promise<TemplateInfo[]> {
  return listInitTemplates().map(({ name, description }) => ({ name, description }));
}
