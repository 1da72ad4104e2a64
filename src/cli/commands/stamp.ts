import type { Command } from "commander";
import type { Shared } from "../shared.js";
import { type MigrationFlags, registerMigrationCommand } from "./migration-command.js";

/** `athanor stamp REVS... [--sql] [--tag TAG] [--purge] [--json]` */
export function register(program: Command, shared: Shared): void {
  registerMigrationCommand(program, shared, {
    name: "stamp",
    description: "set the version table to the given revision(s) without running any migration",
    argument: ["<revisions...>", "revision(s) to stamp (head, heads, base, ids); with --sql each may be from:to"],
    options: [["--purge", "delete every row of the version table first (not with --sql)"]],
    async run(config, revisions: string[], flags: MigrationFlags & { readonly purge?: boolean }, options) {
      const { stamp } = await import("../../command/stamp.js");
      return stamp(config, revisions, { ...options, purge: flags.purge === true });
    },
  });
}
