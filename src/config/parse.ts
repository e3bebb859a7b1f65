import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { keyAt, schemaProblems, type SchemaContext } from "../../migration-jobs/common/validation";
import { ALL_RULES, configErrors, severityOf } from "./rules";
import { CONFIG_KEYS, CONFIG_NAMESPACE, kitConfigSchema, type KitConfig } from "./schema";

/** How the kit's keys are named and fixed in errors (the translator is the engine's, shared by every config). */
export const KIT_SCHEMA_CONTEXT: SchemaContext = {
  base: `${CONFIG_NAMESPACE}:`,
  docs: "README, Configuration",
  secrets: CONFIG_KEYS.filter((k) => k.secret).map((k) => k.name),
};

/**
 * The rule errors of a config whose keys in `broken` failed their shape (and stand at their defaults
 * here): a rule that reads any of them is skipped, so nothing is reported about a value the user did
 * not write; every other rule still runs. Which top-level keys a rule reads is recorded as it runs.
 */
function rulesAroundBrokenKeys(config: KitConfig, broken: ReadonlySet<string>): UserError[] {
  const out: UserError[] = [];
  for (const rule of ALL_RULES) {
    const read = new Set<string>();
    const watched = new Proxy(config, {
      get(target, key, receiver) {
        if (typeof key === "string") read.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const problems = rule(watched);
    if ([...read].some((k) => broken.has(k))) continue;
    out.push(...problems.filter((p) => severityOf(p) === "error"));
  }
  return out;
}

/**
 * Parses and validates the config. `raw` maps each key WITHOUT namespace to its decoded value;
 * undefined values mean "not set". Throws UserErrors listing every error (shape first; the rules
 * only run on a well-formed config, since they read it typed); warnings never throw.
 */
export function parseKitConfig(raw: Record<string, unknown>): KitConfig {
  // A key set to null (`pchat-kit:pool:` with nothing after it) would silently take its default: refused,
  // and the rest is still checked, so every problem comes out in one run.
  const nulls = Object.entries(raw)
    .filter(([, v]) => v === null)
    .map(([k]) => new UserError(keyAt(KIT_SCHEMA_CONTEXT.base, [k]), "is set to null (nothing after the colon), so its default would silently apply", "Give it a value, or remove the key to use its default (README, Configuration)."));
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null));
  const parsed = kitConfigSchema.safeParse(defined);
  if (!parsed.success) {
    // Every problem at once: the keys of a wrong shape are reported, and the rules still run on the others.
    const broken = new Set(parsed.error.issues.flatMap((i) => (i.path.length > 0 ? [String(i.path[0])] : i.code === "unrecognized_keys" ? i.keys : [])));
    const rest = kitConfigSchema.safeParse(Object.fromEntries(Object.entries(defined).filter(([k]) => !broken.has(k))));
    const ruleProblems = rest.success ? rulesAroundBrokenKeys(rest.data, broken) : [];
    throw new UserErrors([...nulls, ...schemaProblems(parsed.error.issues, kitConfigSchema, defined, KIT_SCHEMA_CONTEXT), ...ruleProblems]);
  }
  // Warnings do not block; the program and the offline plan report them (configWarnings).
  const problems = [...nulls, ...configErrors(parsed.data)];
  if (problems.length > 0) throw new UserErrors(problems);
  return parsed.data;
}
