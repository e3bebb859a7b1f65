/**
 * The secrets the components need, read from the stack's config (namespace `pchat-kit:`) under the
 * names the plan gives. They stay Pulumi secret outputs from here to the resource inputs that carry
 * them (osProfile, extension protectedSettings, Run Command protectedParameters, SQL auth).
 */
import * as pulumi from "@pulumi/pulumi";
import type { SecretRefs } from "../topology/plan";
import { UserError } from "../../migration-jobs/common/errors";
import { secretInClear } from "../../migration-jobs/common/validation";

export interface KitSecrets {
  adminPassword: pulumi.Output<string>;
  sqlAdminPassword: pulumi.Output<string>;
  /** Directory Services Restore Mode password; null when the domain is not created here. */
  safeModePassword: pulumi.Output<string> | null;
  /** The legacy backup URL (may hold a SAS); null without a provisioned legacy side. */
  legacyBackupUrl: pulumi.Output<string> | null;
  /** The Lync media and update URLs (may hold a SAS); null unless lync.install. */
  lyncMediaUrl: pulumi.Output<string> | null;
  lyncUpdateUrl: pulumi.Output<string> | null;
}

export const CONFIG_NAMESPACE = "pchat-kit";

/**
 * Pulumi's own test of whether a config key holds a secret: internal in its typings, present in its
 * runtime (`runtime/config.js`). Where it is missing, a value is taken as secret: better to miss the
 * check than to refuse a correct stack.
 */
function isConfigSecret(fullKey: string): boolean {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret ? runtimeConfig.isConfigSecret(fullKey) : true;
}

/** `requireSecret` fails with Pulumi's own message naming the key when one is missing. */
export function readSecrets(refs: SecretRefs, config: pulumi.Config = new pulumi.Config(CONFIG_NAMESPACE)): KitSecrets {
  return {
    adminPassword: config.requireSecret(refs.adminPassword),
    sqlAdminPassword: config.requireSecret(refs.sqlAdminPassword),
    safeModePassword: refs.safeModePassword ? config.requireSecret(refs.safeModePassword) : null,
    legacyBackupUrl: refs.legacyBackupUrl ? config.requireSecret(refs.legacyBackupUrl) : null,
    lyncMediaUrl: refs.lyncMediaUrl ? config.requireSecret(refs.lyncMediaUrl) : null,
    lyncUpdateUrl: refs.lyncUpdateUrl ? config.requireSecret(refs.lyncUpdateUrl) : null,
  };
}

/** The config key names of every secret the plan needs (for the offline plan's placeholders). */
export function secretKeys(refs: SecretRefs): string[] {
  return [refs.adminPassword, refs.sqlAdminPassword, refs.safeModePassword, refs.legacyBackupUrl, refs.lyncMediaUrl, refs.lyncUpdateUrl].filter((k): k is string => typeof k === "string");
}

/**
 * One error per secret the plan needs but the stack lacks, checked before any resource is declared
 * so that `pulumi up` stops with every missing key and its command, not at the first resource.
 */
export function missingSecrets(
  refs: SecretRefs,
  config: Pick<pulumi.Config, "getSecret"> = new pulumi.Config(CONFIG_NAMESPACE),
  isSecret: (fullKey: string) => boolean = isConfigSecret,
): UserError[] {
  return secretKeys(refs).flatMap((name) => {
    if (config.getSecret(name) === undefined) return [new UserError(`${CONFIG_NAMESPACE}:${name}`, "secret is not set", `Run \`pulumi config set --secret ${name}\` (README, Deploying the lab).`)];
    // Set with a plain `pulumi config set`, it sits in clear in the stack file (and in git).
    if (!isSecret(`${CONFIG_NAMESPACE}:${name}`)) return [secretInClear(`${CONFIG_NAMESPACE}:${name}`, name)];
    return [];
  });
}
