import { z } from "zod";

/**
 * `pulumi config set --path pool.activeServers 2` may store "2" as a string inside an object (the
 * CLI types path values only with --type), so numeric and boolean fields accept their text form.
 */
export function intField(min?: number, max?: number) {
  let n = z.number().int();
  if (min !== undefined) n = n.min(min);
  if (max !== undefined) n = n.max(max);
  return z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), n);
}

export function boolField() {
  return z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());
}
