import type { Command } from "commander";
import type { Shared } from "../shared.js";
import { type MigrationFlags, registerMigrationCommand } from "./migration-command.js";

/** `athanor upgrade REV [--sql] [--tag TAG] [--strict] [--json]` */
export function register(program: Command, shared: Shared): void {
  registerMigrationCommand(program, shared, {
    name: "upgrade",
    description: "upgrade the database to a later revision (head, heads, an id, +N, branch@head)",
    argument: ["<revision>", "target revision; with --sql also a range start:end"],
    options: [["--strict", "refuse to run when an applied revision's file changed what it runs since it was applied"]],
    async run(config, revision: string, flags: MigrationFlags & { strict?: boolean }, options) {
      const { upgrade } = await import("../../command/upgrade.js");
      return upgrade(config, revision, { ...options, strict: flags.strict === true });
    },
  });
}
