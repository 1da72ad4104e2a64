import type { LintRule } from "../types.js";
import { compatibilityRules } from "./compatibility.js";
import { dataDependentRules } from "./data-dependent.js";
import { destructiveRules } from "./destructive.js";
import { hygieneRules, runnerRules } from "./hygiene.js";
import { lockingRules } from "./locking.js";

/** Every lint rule, in the order findings of one operation are reported. */
export const lintRules: readonly LintRule[] = [
  ...destructiveRules,
  ...compatibilityRules,
  ...dataDependentRules,
  ...lockingRules,
  ...hygieneRules,
  ...runnerRules,
];
