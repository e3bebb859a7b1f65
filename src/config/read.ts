/** The thin Pulumi edge: read every declared non-secret key, then validate. Secrets stay with the components. */
import * as pulumi from "@pulumi/pulumi";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { keyProblems, type KeyCheck } from "../../migration-jobs/common/validation";
import type { ConfigKeyDescriptor } from "./keys/descriptor";
import { isMisspeltNamespace } from "./namespace";
import { parseKitConfig } from "./parse";
import { CONFIG_KEYS, CONFIG_NAMESPACE, type KitConfig } from "./schema";

function readOne(config: pulumi.Config, key: ConfigKeyDescriptor): unknown {
  switch (key.type) {
    case "object":
    case "array":
      // getObject decodes the JSON string the engine passes for structured values.
      return config.getObject<unknown>(key.name);
    case "boolean":
      return config.getBoolean(key.name);
    case "integer":
      return config.getNumber(key.name);
    default:
      return config.get(key.name);
  }
}

/**
 * Keys of the namespace the kit does not know, and keys of a misspelt namespace (`pchatkit:pool`): a
 * typo would otherwise silently fall back to a default.
 */
export function unknownKeys(all: Record<string, string>): UserError[] {
  const prefix = `${CONFIG_NAMESPACE}:`;
  // Secrets set in clear are missingSecrets' (src/components/secrets.ts): only Pulumi's runtime knows which are encrypted.
  const check: KeyCheck = { known: CONFIG_KEYS.map((k) => k.name), where: (k) => prefix + k, remove: (k) => `pulumi config rm ${prefix}${k}` };
  return Object.keys(all).flatMap((k) => {
    const colon = k.indexOf(":");
    const ns = colon < 0 ? "" : k.slice(0, colon);
    if (ns === CONFIG_NAMESPACE) return keyProblems([k.slice(colon + 1)], check);
    if (colon > 0 && isMisspeltNamespace(ns, CONFIG_NAMESPACE)) {
      return [new UserError(k, `the namespace "${ns}" is not "${CONFIG_NAMESPACE}": the kit would never read this key`, `Set it as ${CONFIG_NAMESPACE}:${k.slice(colon + 1)} (pulumi config rm ${k}; pulumi config set ${CONFIG_NAMESPACE}:${k.slice(colon + 1)} ...).`)];
    }
    return [];
  });
}

export function readKitConfig(): KitConfig {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const raw: Record<string, unknown> = {};
  const problems: UserError[] = unknownKeys(pulumi.runtime.allConfig());
  for (const key of CONFIG_KEYS) {
    if (key.secret) continue;
    try {
      raw[key.name] = readOne(config, key);
    } catch {
      // Pulumi's own error is a stack trace about JSON or booleans; say which key and what to write.
      problems.push(new UserError(`${CONFIG_NAMESPACE}:${key.name}`, `cannot be read as ${key.type === "object" ? "a YAML/JSON object" : `a ${key.type}`}`, `Write it like: ${key.example}`));
    }
  }
  if (problems.length > 0) throw new UserErrors(problems);
  return parseKitConfig(raw);
}
