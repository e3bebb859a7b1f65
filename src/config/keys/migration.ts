import { z } from "zod";
import { UserError, UserErrors } from "../../../migration-jobs/common/errors";
import { parseMigrationConfig, type MigrationConfig } from "../../../migration-jobs/plan/config";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The migration runbook (`pchat-kit:migration`). Its fields, defaults and errors belong to the
 * engine (`migration-jobs/plan/config.ts`, usable without the program), so the command line and
 * the program accept exactly the same thing; here its problems join the other keys' problems.
 * @example { enabled: true, runId: "lab-1", strategy: "immediate", cutoff: "2025-01-01" }
 */
export const migrationSchema = z.unknown().optional().transform((raw, ctx): MigrationConfig => {
  try {
    return parseMigrationConfig(raw);
  } catch (e) {
    const problems = e instanceof UserErrors ? e.problems : e instanceof UserError ? [e] : null;
    if (!problems) throw e;
    for (const p of problems) {
      ctx.addIssue({ code: "custom", message: p.message.slice(p.where.length + 2), params: { where: p.where, fix: p.fix } });
    }
    return z.NEVER;
  }
});

export const MIGRATION_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "migration",
    type: "object",
    description:
      "Migration runbook run by pulumi up after the topology: enabled, runId, strategy (immediate or batched with batches), cutoff, exportLevel, acceptWarnings, legacyLookupSipUri, legacyFileStore, newFileStore, decommission, persistentChatPolicy, sqlLogin, timeouts, gates (legacyServer/targetServer: servers the gates connect to as they are; without them the gates open Bastion tunnels to the SQL VMs themselves), contacts.",
    default: undefined,
    secret: false,
    example: '{ enabled: true, runId: "lab-1", strategy: "immediate", cutoff: "2025-01-01" }',
    schema: migrationSchema,
  },
];
