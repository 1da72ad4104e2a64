/**
 * The migration environment for several databases: the same revisions run on
 * each database of `databases` in athanor.config.ts, one after the other.
 */
import { defineEnvironment } from "athanor";

export default defineEnvironment({
  // The declared schema of each database, by name, for autogenerate.
  targetMetadata: { main: undefined, audit: undefined } /* your schemas */,

  async run(context) {
    for (const db of context.databases) {
      // Each database keeps its own version table; revisions read `op.database`.
      await context.runMigrations({
        url: db.url,
        database: db.name,
        ...(db.versionTable === undefined ? {} : { versionTable: db.versionTable }),
        ...(db.versionTableSchema === undefined ? {} : { versionTableSchema: db.versionTableSchema }),
      });
    }
  },
});
