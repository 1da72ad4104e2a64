/**
 * The migration environment. `targetMetadata` is the drizzle schema, read by
 * `athanor revision --autogenerate` and `athanor check`.
 */
import { defineEnvironment } from "athanor";
import { fromDrizzle } from "athanor/drizzle";
import * as schema from "../src/schema.js";

export default defineEnvironment({
  targetMetadata: fromDrizzle(schema),
});
