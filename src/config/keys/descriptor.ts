import type { z } from "zod";

/** How a key is declared in `Pulumi.yaml` and read with `pulumi.Config`. */
export type ConfigKeyType = "string" | "integer" | "boolean" | "array" | "object";

/** One config key of the namespace `pchat-kit:`; CONFIG_KEYS lists them all. */
export interface ConfigKeyDescriptor {
  /** Name without the namespace, e.g. `pool`. */
  name: string;
  type: ConfigKeyType;
  /** One sentence for `Pulumi.yaml` and the README table. */
  description: string;
  /** The default as the user would write it, or undefined when the key has none. */
  default: string | number | boolean | null | undefined;
  /** Secrets are set with `pulumi config set --secret` and never enter KitConfig. */
  secret: boolean;
  /** A value, as written in a stack file (YAML flow style). */
  example: string;
  /** For keys needed only in some topologies: when they are required. */
  requiredWhen?: string;
  /** Shape of the value (absent for secrets, which the planner never reads). */
  schema?: z.ZodType;
}
