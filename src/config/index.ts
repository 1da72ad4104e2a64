export { defineConfig } from "./define-config.js";
export type {
  AthanorConfigInput,
  AthanorConfigSection,
  DatabaseConfigInput,
  PostWriteHook,
  PostWriteHookCommand,
  PostWriteHookFunction,
} from "./define-config.js";
export { Config, CONFIG_FILE_NAMES, findConfigFile } from "./config.js";
export { historyTableBeside } from "../dialects/version-table.js";
export type { ConfigFromOptions, ConfigLoadOptions, DatabaseConfig } from "./config.js";
export { importModule, isModulePath } from "./load-module.js";
export { moduleLoadError } from "./errors.js";
export { parseXArgs } from "./x-args.js";
export { FILE_TEMPLATE_TOKENS } from "./validate.js";
export { parseUrl, maskUrl } from "../dialects/url.js";
