import type { Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor edit REV`: open the revision file(s) in $VISUAL or $EDITOR. */
export function register(program: Command, shared: Shared): void {
  program
    .command("edit")
    .description("open the file(s) of a revision in $VISUAL or $EDITOR")
    .argument("<rev>", "revision symbol (id, prefix, label, head, current)")
    .action(async (rev: string) => {
      const config = await shared.loadConfig();
      const { edit } = await import("../../command/edit.js");
      await edit(config, rev);
    });
}
