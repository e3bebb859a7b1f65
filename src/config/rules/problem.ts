import { UserError } from "../../../migration-jobs/common/errors";
import type { KitConfig } from "../schema";

/** A rule reads the whole parsed config and returns every problem it finds (empty when fine). */
export type Rule = (config: KitConfig) => UserError[];

/** `path` is relative to the namespace, e.g. `pool.activeServers`. */
export function problem(path: string, text: string, fix: string): UserError {
  return new UserError(`pchat-kit:${path}`, text, fix);
}
