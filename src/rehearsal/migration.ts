/**
 * Which migration config the rehearsal plans the runbook from: the stack's `pchat-kit:migration`
 * when it is enabled, or configured (it has a runId) but kept off until Lync is installed, which is
 * how the lab ships; else the default config (immediate strategy, runId `rehearsal`, the stack's
 * cutoff if it gives one), so that a stack that has not turned the migration on can still see its runbook. `--cutoff` wins over the stack's
 * cutoff in both the analysis and the runbook, so the two always describe the same run.
 */
import { MigrationConfig, parseMigrationConfig } from "../../migration-jobs/plan/config";

/** The runId the rehearsal uses when the stack declares no enabled migration. */
export const REHEARSAL_RUN_ID = "rehearsal";

export interface RehearsalMigration {
  config: MigrationConfig;
  /** `stack`: the stack's own enabled migration; `default`: the rehearsal's stand-in. */
  origin: "stack" | "default";
  /** For people (stderr and the summary), never a secret: migration config holds none. */
  notes: string[];
}

/**
 * From the stack's raw `pchat-kit:migration` value (as written in the stack file, undefined when
 * absent), through the same parser the program uses.
 * @throws UserErrors naming `pchat-kit:migration.<field>` when the value is invalid.
 */
export function rehearsalMigration(raw: unknown, cutoffOverride: string | null, fallbackCutoff: string | null): RehearsalMigration {
  return resolveRehearsalMigration(parseMigrationConfig(raw), cutoffOverride, fallbackCutoff);
}

/**
 * @param stack the stack's validated migration config (the program's `KitConfig.migration`).
 * @param cutoffOverride `--cutoff`, already validated.
 * @param fallbackCutoff the cutoff when neither `--cutoff` nor the stack gives one (the sample's).
 */
export function resolveRehearsalMigration(stack: MigrationConfig, cutoffOverride: string | null, fallbackCutoff: string | null): RehearsalMigration {
  const notes: string[] = [];
  if (!stack.enabled && stack.runId !== "") {
    notes.push(`the stack configures pchat-kit:migration (runId "${stack.runId}") but keeps it off (enabled: false): the rehearsal runs it as configured, as \`pulumi up\` will once it is turned on.`);
    stack = { ...stack, enabled: true };
  }
  if (stack.enabled) {
    // domain §2.3.8: one cutoff decides what migrates; the analysis and the export's -StartDate must agree.
    const cutoff = cutoffOverride ?? stack.cutoff;
    if (cutoffOverride !== null && cutoffOverride !== stack.cutoff) {
      notes.push(`--cutoff ${cutoffOverride} replaces the stack's pchat-kit:migration.cutoff (${stack.cutoff ?? "none"}) in this rehearsal's analysis and runbook.`);
    }
    return { config: { ...stack, cutoff }, origin: "stack", notes };
  }
  const cutoff = cutoffOverride ?? stack.cutoff ?? fallbackCutoff;
  notes.push(
    `the stack does not enable pchat-kit:migration: the rehearsal plans the runbook with the default config (immediate strategy), runId "${REHEARSAL_RUN_ID}" and cutoff ${cutoff ?? "none"}; set migration.enabled: true and a runId in the stack to rehearse its own.`,
  );
  // A disabled config may be half-written: only its cutoff is taken (domain §2.3.8), everything else is the default.
  return { config: { ...parseMigrationConfig({ enabled: true, runId: REHEARSAL_RUN_ID }), cutoff }, origin: "default", notes };
}
