// moved to ../dialects/contract/ (operations take the contract's Connection and Dialect)
export type { Connection as SqlConnection, Dialect as SqlDialect } from "../dialects/contract/index.js";
