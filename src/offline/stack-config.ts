/**
 * Reading a stack's config the way `pulumi up` would see it, without the Pulumi CLI: the stack file
 * (`stacks/Pulumi.<stack>.yaml` or a given file), its `config:` map, and the values as the Pulumi
 * runtime receives them (strings; objects and arrays as JSON). Encrypted (`secure:`) values cannot
 * be read offline and count as missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { UserError } from "../../migration-jobs/common/errors";

export interface StackConfig {
  file: string;
  /** Every key with its namespace (`pchat-kit:pool`) -> decoded value. */
  values: Record<string, unknown>;
  /** Keys whose value is encrypted in the file (`secure:`); offline they are unreadable. */
  encrypted: string[];
}

/** The folder holding Pulumi.yaml, searched upwards from `start`. */
export function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new UserError(start, "no Pulumi.yaml in this folder or above", "Run the command inside the pchat-kit folder.");
    dir = up;
  }
}

export function projectName(projectRoot: string): string {
  const file = path.join(projectRoot, "Pulumi.yaml");
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const name = doc.get("name");
  if (typeof name !== "string" || !name) throw new UserError(file, "the project has no name", "Set `name: pchat-kit` in Pulumi.yaml.");
  return name;
}

export function stackFile(projectRoot: string, stack: string): string {
  return path.join(projectRoot, "stacks", `Pulumi.${stack}.yaml`);
}

/** The `yaml` parser's alias budget (its own default): an alias bomb stops here, as a user error. */
export const MAX_YAML_ALIASES = 100;
/** No config value nests deeper; a deeper one is a mistake or an attack on the reader. */
export const MAX_CONFIG_DEPTH = 32;

const LIMITS_FIX = "A stack file needs no YAML aliases (*name) and no deep nesting: write each value out (see stacks/Pulumi.lab.yaml).";

function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_CONFIG_DEPTH) break;
    if (v && typeof v === "object") for (const x of Object.values(v as Record<string, unknown>)) stack.push([x, d + 1]);
  }
  return max;
}

export function readStackConfig(file: string, project: string): StackConfig {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError(file, "stack file not found", "Name a shipped stack (lab, staging, dr) or give --config-file <path>.");
  }
  if (!stat.isFile()) throw new UserError(file, `is a ${stat.isDirectory() ? "folder" : "special file"}, not a stack file`, "Give --config-file the path of a stack file such as stacks/Pulumi.lab.yaml, or name a shipped stack with --stack.");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`, "Check the file's permissions.");
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    const where = line ? `${file}:${line}` : file;
    if (/call stack/i.test(e.message)) throw new UserError(where, "nests too deeply for the YAML reader's safety limits", LIMITS_FIX);
    throw new UserError(where, `not valid YAML: ${e.message.split("\n")[0]}`, "Fix the YAML syntax (indentation, quotes) at that line.");
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (e) {
    // `yaml` throws a ReferenceError on an alias bomb and may overflow the stack on deep nesting.
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    throw new UserError(file, `trips the YAML reader's safety limits (${e instanceof ReferenceError ? `more than ${MAX_YAML_ALIASES} aliases expanded` : "nesting too deep"})`, LIMITS_FIX);
  }
  if (depthOf(root) > MAX_CONFIG_DEPTH) throw new UserError(file, `nests deeper than ${MAX_CONFIG_DEPTH} levels, beyond the YAML reader's safety limits`, LIMITS_FIX);
  const config = root && typeof root === "object" ? (root as Record<string, unknown>).config : undefined;
  if (config === undefined || config === null) return { file, values: {}, encrypted: [] };
  if (typeof config !== "object" || Array.isArray(config)) throw new UserError(`${file}: config`, "`config` is not a map of keys to values", "Write `config:` followed by indented `pchat-kit:<key>: <value>` lines.");
  const values: Record<string, unknown> = {};
  const encrypted: string[] = [];
  for (const [rawKey, value] of Object.entries(config as Record<string, unknown>)) {
    // A key without a namespace belongs to the project, as with `pulumi config set`.
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) encrypted.push(key);
    else values[key] = value;
  }
  return { file, values, encrypted };
}

/** The string Pulumi's runtime holds for a config value (what `pulumi config set` would store). */
export function runtimeConfigValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
