import type { UserError } from "../../../migration-jobs/common/errors";
import type { KitConfig } from "../schema";
import { DOMAIN_RULES } from "./domain";
import { NETWORK_RULES } from "./network";
import { PLATFORM_RULES } from "./platform";
import { POOL_RULES } from "./pool";
import { severityOf, type ConfigWarning, type Rule } from "./problem";
import { SQL_RULES } from "./sql";

export type { Rule, Severity } from "./problem";
export { ConfigWarning, severityOf } from "./problem";
export * from "./domain";
export * from "./network";
export * from "./platform";
export * from "./pool";
export * from "./sql";

export const ALL_RULES: readonly Rule[] = [...POOL_RULES, ...SQL_RULES, ...PLATFORM_RULES, ...NETWORK_RULES, ...DOMAIN_RULES];

/** Every problem of every rule, errors and warnings, so the user fixes them in one round. */
export function runRules(config: KitConfig): UserError[] {
  return ALL_RULES.flatMap((rule) => rule(config));
}

/** The problems that block the config. */
export function configErrors(config: KitConfig): UserError[] {
  return runRules(config).filter((p) => severityOf(p) === "error");
}

/** The warnings of a valid config: supported choices the user should know are not recommended. */
export function configWarnings(config: KitConfig): ConfigWarning[] {
  return runRules(config).filter((p): p is ConfigWarning => severityOf(p) === "warning");
}
