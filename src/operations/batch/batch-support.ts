// moved to ../../dialects/contract/batch-support.ts
export type { BatchSupport } from "../../dialects/contract/batch-support.js";
