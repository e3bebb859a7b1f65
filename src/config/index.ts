/** pchat-kit configuration: keys, schema, Lync rules, and reading them from Pulumi. */
export type { KitConfig, KitConfigInput } from "./schema";
export { CONFIG_KEYS, CONFIG_NAMESPACE, kitConfigSchema } from "./schema";
export type { ConfigKeyDescriptor, ConfigKeyType } from "./keys/descriptor";
export { parseKitConfig } from "./parse";
export { readKitConfig } from "./read";
export { ALL_RULES, configErrors, configWarnings, ConfigWarning, runRules, severityOf } from "./rules";
export { stackConfigToRaw } from "./stackFile";
