/**
 * The databases athanor ships. Each folder's index.ts registers itself with
 * `registerDialect`; a database added in this tree adds one line here.
 */
import "./sqlite/index.js";
import "./postgresql/index.js";
import "./mysql/index.js";
