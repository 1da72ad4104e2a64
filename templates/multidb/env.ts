/**
 * The migration environment for several databases: the same revisions run on
 * each database of `databases` in athanor.config.ts, one after the other.
 */
import { defineEnvironment } from "athanor";

export default defineEnvironment({
  // The declared schema, for `athanor revision --autogenerate`, which compares one
  // database: set `url` here to the database this schema describes.
  // targetMetadata: schema,
  // url: process.env.MAIN_DATABASE_URL,

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
