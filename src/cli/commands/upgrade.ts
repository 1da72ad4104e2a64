import type { Command } from "commander";
import type { Shared } from "../shared.js";
import { registerMigrationCommand } from "./migration-command.js";

/** `athanor upgrade REV [--sql] [--tag TAG] [--json]` */
export function register(program: Command, shared: Shared): void {
  registerMigrationCommand(program, shared, {
    name: "upgrade",
    description: "upgrade the database to a later revision (head, heads, an id, +N, branch@head)",
    argument: ["<revision>", "target revision; with --sql also a range start:end"],
    async run(config, revision: string, _flags, options) {
      const { upgrade } = await import("../../command/upgrade.js");
      return upgrade(config, revision, options);
    },
  });
}
