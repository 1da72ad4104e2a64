// moved to ./contract/ (the dialect contract, a leaf)
export type { AcquireLockOptions, Connection, DatabaseNotice, DatabaseUrl, Dialect, DialectCompareRules, QueryResult, ReflectOptions, RunGuard } from "./contract/index.js";
