import type { Command } from "commander";
import type { Shared } from "../shared.js";
import { registerMigrationCommand } from "./migration-command.js";

/** `athanor downgrade REV [--sql] [--tag TAG] [--json]` */
export function register(program: Command, shared: Shared): void {
  registerMigrationCommand(program, shared, {
    name: "downgrade",
    description: "revert the database to an earlier revision (base, an id, -N, branch@-N)",
    argument: ["<revision>", "target revision; with --sql a range start:end is required"],
    async run(config, revision: string, _flags, options) {
      const { downgrade } = await import("../../command/downgrade.js");
      return downgrade(config, revision, options);
    },
  });
}
