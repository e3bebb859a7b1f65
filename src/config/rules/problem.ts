import { UserError } from "../../../migration-jobs/common/errors";
import type { KitConfig } from "../schema";

/**
 * A rule reads the whole parsed config and returns every problem it finds (empty when fine). Each
 * problem has a severity (`severityOf`): errors block the config; warnings (`ConfigWarning`) name a
 * supported but not recommended choice, and reach the user as notes of `pchat-kit plan`/`rehearse`
 * and as `pulumi.log.warn` in the program.
 */
export type Rule = (config: KitConfig) => UserError[];

export type Severity = "error" | "warning";

/** A problem that does not block: the configuration is supported, but the user should know why it is not recommended. */
export class ConfigWarning extends UserError {
  readonly severity = "warning" as const;

  constructor(where: string, problem: string, fix: string) {
    super(where, problem, fix);
    this.name = "ConfigWarning";
  }
}

export function severityOf(p: UserError): Severity {
  return p instanceof ConfigWarning ? "warning" : "error";
}

/** `path` is relative to the namespace, e.g. `pool.activeServers`, `domain.dnsServers[0]` (as `pulumi config set --path` writes it). */
export function problem(path: string, text: string, fix: string): UserError {
  return new UserError(`pchat-kit:${path}`, text, fix);
}

/** A warning about `path` (relative to the namespace): reported, never blocking. */
export function warning(path: string, text: string, fix: string): ConfigWarning {
  return new ConfigWarning(`pchat-kit:${path}`, text, fix);
}
