import type { UserError } from "../../../migration-jobs/common/errors";
import type { KitConfig } from "../schema";
import { DOMAIN_RULES } from "./domain";
import { NETWORK_RULES } from "./network";
import { PLATFORM_RULES } from "./platform";
import { POOL_RULES } from "./pool";
import type { Rule } from "./problem";
import { SQL_RULES } from "./sql";

export type { Rule } from "./problem";
export * from "./domain";
export * from "./network";
export * from "./platform";
export * from "./pool";
export * from "./sql";

export const ALL_RULES: readonly Rule[] = [...POOL_RULES, ...SQL_RULES, ...PLATFORM_RULES, ...NETWORK_RULES, ...DOMAIN_RULES];

/** Every problem of every rule, so the user fixes them in one round. */
export function runRules(config: KitConfig): UserError[] {
  return ALL_RULES.flatMap((rule) => rule(config));
}
