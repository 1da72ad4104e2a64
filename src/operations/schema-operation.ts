// moved to ../dialects/contract/schema-operations.ts and ../dialects/contract/ddl-compiler.ts
export type * from "../dialects/contract/schema-operations.js";
export type { DdlCompiler } from "../dialects/contract/ddl-compiler.js";
