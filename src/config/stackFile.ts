/**
 * Stack files (`stacks/Pulumi.<stack>.yaml`) hold `config:` keyed `pchat-kit:<key>`. This turns that
 * map into parseKitConfig's input for the tests and the offline plan, without the Pulumi engine.
 */
import { secretInClear } from "../../migration-jobs/common/validation";
import { CONFIG_KEYS, CONFIG_NAMESPACE } from "./schema";

/**
 * `config` is the decoded `config:` map of a stack file. Keys of other namespaces (e.g.
 * `azure-native:location`) are ignored; secret keys are skipped (they are encrypted `{secure: ...}`
 * values the program reads with requireSecret), and a secret written in clear is refused by name.
 */
export function stackConfigToRaw(config: Record<string, unknown>, file = "stack file"): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const secretNames = new Set(CONFIG_KEYS.filter((k) => k.secret).map((k) => k.name));
  for (const [fullKey, value] of Object.entries(config)) {
    if (!fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
    const key = fullKey.slice(CONFIG_NAMESPACE.length + 1);
    if (secretNames.has(key)) {
      const encrypted = typeof value === "object" && value !== null && "secure" in value;
      if (!encrypted) throw secretInClear(`${file}: ${fullKey}`, key);
      continue;
    }
    raw[key] = value;
  }
  return raw;
}
