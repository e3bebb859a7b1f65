import { kitConfigSchema, type KitConfig } from "../../src/config/schema";

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as Plain, v) : v;
  return out;
}

/** A config with every default, shape-checked but NOT rule-checked, so one rule can be tested alone. */
export function shaped(overrides: Plain = {}): KitConfig {
  return kitConfigSchema.parse(overrides);
}
