import { writeFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import type { GraphFormat } from "../../command/graph.js";
import { AthanorError } from "../../util/errors.js";
import { writeStdout } from "../output.js";
import { displayPath } from "../paths.js";
import type { Shared } from "../shared.js";

/** The format a file name asks for: `.html`/`.htm`, `.dot`/`.gv`, `.mmd`/`.mermaid`. */
function formatOfFile(file: string): GraphFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".dot" || ext === ".gv") return "dot";
  if (ext === ".mmd" || ext === ".mermaid") return "mermaid";
  return undefined;
}

/** `athanor graph [-r RANGE] [-f mermaid|dot|html] [-o FILE] [--no-current]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("graph")
    .description("draw the revision graph as Mermaid, Graphviz dot or an HTML page (pan, zoom, search)")
    .option("-r, --rev-range <range>", "[start]:[end] as history takes it, e.g. -50: or ae10:head")
    .option("-f, --format <format>", "mermaid, dot or html (default: from the -o file name, else mermaid)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--no-current", "do not read the database to mark its current revisions")
    .action(async (opts: { revRange?: string; format?: string; output?: string; current: boolean }) => {
      const format = (opts.format ?? (opts.output === undefined ? undefined : formatOfFile(opts.output)) ?? "mermaid") as GraphFormat;
      if (!["mermaid", "dot", "html"].includes(format)) {
        throw new AthanorError(`Unknown graph format "${format}"`, { hint: "give --format mermaid, dot or html" });
      }
      const config = await shared.loadConfig();
      const { graph } = await import("../../command/graph.js");
      const result = await graph(config, {
        format,
        ...(opts.revRange === undefined ? {} : { revRange: opts.revRange }),
        ...(opts.current ? {} : { current: false }),
      });
      if (result.currentUnavailable !== undefined && !shared.output().quiet) {
        process.stderr.write(`athanor: warning: current revisions not marked: ${result.currentUnavailable}\n`);
      }
      if (opts.output === undefined) {
        writeStdout(result.text);
        return;
      }
      const file = resolve(shared.cwd, opts.output);
      writeFileSync(file, result.text);
      shared.output().status(`Wrote ${result.picture.nodes.length} revisions as ${format} to ${displayPath(file, shared.cwd)}`);
    });
}
