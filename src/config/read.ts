/** The thin Pulumi edge: read every declared non-secret key, then validate. Secrets stay with the components. */
import * as pulumi from "@pulumi/pulumi";
import { parseKitConfig } from "./parse";
import { CONFIG_KEYS, CONFIG_NAMESPACE, type KitConfig } from "./schema";

export function readKitConfig(): KitConfig {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    if (key.secret) continue;
    switch (key.type) {
      case "object":
      case "array":
        raw[key.name] = config.getObject<unknown>(key.name);
        break;
      case "boolean":
        raw[key.name] = config.getBoolean(key.name);
        break;
      case "integer":
        raw[key.name] = config.getNumber(key.name);
        break;
      default:
        raw[key.name] = config.get(key.name);
    }
  }
  return parseKitConfig(raw);
}
