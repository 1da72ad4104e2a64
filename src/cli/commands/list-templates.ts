import type { Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor list-templates [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("list-templates")
    .description("list the templates `athanor init -t` can use")
    .option("--json", "print one JSON document")
    .action(async (opts: { json?: boolean }) => {
      const { listTemplates } = await import("../../command/list-templates.js");
      const templates = await listTemplates();
      const out = shared.output();
      if (opts.json) return out.json({ templates });
      out.line("Available templates:");
      out.line();
      const width = Math.max(0, ...templates.map((t) => t.name.length));
      for (const t of templates) out.line(`${t.name.padEnd(width)} - ${t.description}`);
      out.line();
      out.line("Templates are used via the 'init' command, e.g.:");
      out.line();
      out.line(`  athanor init --template ${templates[0]?.name ?? "generic"} ./migrations`);
    });
}
