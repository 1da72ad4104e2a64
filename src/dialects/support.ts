// moved to ./contract/dialect-definition.ts (a database registers a DialectDefinition with registerDialect)
export type { ConnectOptions, DriverAdapter } from "./contract/index.js";
