/**
 * The migration environment, read by every command that touches the database.
 * The connection URL comes from athanor.config.ts (`url`).
 */
import { defineEnvironment } from "athanor";
// import { schema } from "../src/schema.js";

export default defineEnvironment({
  // The declared schema, compared with the database by `athanor revision --autogenerate`.
  targetMetadata: undefined /* your schema */,

  // One transaction per revision instead of one for the whole run.
  transactionPerMigration: false,

  // Called after each step, e.g. for logging.
  // onVersionApply: (info) => console.log(info),
});
