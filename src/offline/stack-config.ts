/**
 * Reading a stack's config the way `pulumi up` would see it, without the Pulumi CLI: the stack file
 * (`stacks/Pulumi.<stack>.yaml` or a given file), its `config:` map, and the values as the Pulumi
 * runtime receives them (strings; objects and arrays as JSON). Encrypted (`secure:`) values cannot
 * be read offline and count as missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { keyProblems } from "../../migration-jobs/common/validation";
import { isMisspeltNamespace } from "../config/namespace";
import { parseKitConfig } from "../config/parse";
import { CONFIG_KEYS, type KitConfig } from "../config/schema";

export interface StackConfig {
  file: string;
  /** Every key with its namespace (`pchat-kit:pool`) -> decoded value. */
  values: Record<string, unknown>;
  /** Keys whose value is encrypted in the file (`secure:`); offline they are unreadable. */
  encrypted: string[];
  /**
   * What the file holds that would silently be ignored or defaulted (a key set to null, a misspelt
   * namespace, a setting outside `config:`): reported together with the config's own problems.
   */
  problems: UserError[];
}

/** Top-level settings of a Pulumi stack file. */
export const STACK_FILE_SETTINGS = ["config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment"];

const EMPTY_FIX = "Write `config:` followed by the stack's `pchat-kit:<key>: <value>` lines (see stacks/Pulumi.lab.yaml), or `config: {}` to take every default on purpose.";

/**
 * The stack file's text, refusing what is not UTF-8 text (Pulumi reads stack files as UTF-8): an empty
 * file, UTF-16 (with or without its byte order mark), or binary content. Read as UTF-8 any of them
 * would parse as nothing, or as a string, and give the default topology without a word.
 */
export function decodeStackFile(file: string, bytes: Uint8Array): string {
  const utf16 = "Save it as UTF-8 (your editor's Save As > UTF-8, or `iconv -f UTF-16 -t UTF-8`); Pulumi reads stack files as UTF-8.";
  if (bytes.length === 0) throw new UserError(file, "is empty, so every key would silently take its default", EMPTY_FIX);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UserError(file, "is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8", utf16);
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) i % 2 === 0 ? nulEven++ : nulOdd++;
  if (nulEven + nulOdd > 0) {
    // ASCII text in UTF-16 has a zero in every other byte: one parity holds nearly all of them.
    const half = Math.floor(bytes.length / 2);
    if (Math.max(nulEven, nulOdd) >= half * 0.6 && Math.min(nulEven, nulOdd) <= half * 0.1) throw new UserError(file, "looks like UTF-16 without a byte order mark (every other byte is zero), not UTF-8", utf16);
    throw new UserError(file, "is not a text file (it holds NUL bytes)", "Give the stack's YAML file (stacks/Pulumi.<stack>.yaml), not a binary file.");
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new UserError(file, "is not UTF-8 text (binary content, or another encoding)", "Give the stack's YAML file, saved as UTF-8.");
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw new UserError(file, "is not a text file (it holds control characters)", "Give the stack's YAML file (stacks/Pulumi.<stack>.yaml), not a binary file.");
  if (text.trim() === "") throw new UserError(file, "is empty, so every key would silently take its default", EMPTY_FIX);
  return text;
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
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new UserError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`, "Check the file's permissions.");
  }
  const text = decodeStackFile(file, bytes);
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
  if (root === null || root === undefined) throw new UserError(file, "holds nothing but comments, so every key would silently take its default", EMPTY_FIX);
  if (typeof root !== "object" || Array.isArray(root)) throw new UserError(file, `is not a stack file: its top level is ${Array.isArray(root) ? "a list" : `a ${typeof root}`}, not a map with config:`, EMPTY_FIX);

  const problems: UserError[] = [];
  const top = root as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (STACK_FILE_SETTINGS.includes(key)) continue;
    const looksLikeConfig = key.includes(":") || key === project;
    problems.push(
      new UserError(`${file}: ${key}`, "is not a stack file setting, so it is ignored", looksLikeConfig ? `Indent it under config: (config keys such as ${project}:pool live there).` : `A stack file holds ${STACK_FILE_SETTINGS.join(":, ")}: only; remove it or move it under config:.`),
    );
  }
  if (!("config" in top)) {
    problems.push(new UserError(`${file}: config`, "is missing, so every key would silently take its default", EMPTY_FIX));
    return { file, values: {}, encrypted: [], problems };
  }
  const config = top.config;
  if (config === null) {
    problems.push(new UserError(`${file}: config`, "is empty (nothing after `config:`), so every key would silently take its default", EMPTY_FIX));
    return { file, values: {}, encrypted: [], problems };
  }
  if (typeof config !== "object" || Array.isArray(config)) throw new UserError(`${file}: config`, "`config` is not a map of keys to values", "Write `config:` followed by indented `pchat-kit:<key>: <value>` lines.");
  const values: Record<string, unknown> = {};
  const encrypted: string[] = [];
  for (const [rawKey, value] of Object.entries(config as Record<string, unknown>)) {
    // A key without a namespace belongs to the project, as with `pulumi config set`.
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const ns = key.slice(0, key.indexOf(":"));
    if (isMisspeltNamespace(ns, project)) {
      const rest = key.slice(ns.length + 1);
      problems.push(new UserError(`${file}: ${key}`, `the namespace "${ns}" is not "${project}": the kit would never read this key`, `Write it as ${project}:${rest}.`));
      continue;
    }
    if (ns === project && value === null) {
      problems.push(new UserError(`${file}: ${key}`, "is set to null (nothing after the colon), so its default would silently apply", "Give it a value, or remove the line to use its default (README, Configuration)."));
      continue;
    }
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) encrypted.push(key);
    else values[key] = value;
  }
  return { file, values, encrypted, problems };
}

/** The string Pulumi's runtime holds for a config value (what `pulumi config set` would store). */
export function runtimeConfigValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Every secret written in clear and every unknown key of the kit's namespace, by name (never by value). */
export function stackFileProblems(values: Record<string, unknown>, ns: string, file: string): UserError[] {
  // `values` holds no encrypted value (readStackConfig set those apart), so a secret key here is in clear.
  const ours = Object.keys(values).filter((k) => k.startsWith(ns)).map((k) => k.slice(ns.length));
  return keyProblems(ours, { known: CONFIG_KEYS.map((k) => k.name), secrets: CONFIG_KEYS.filter((k) => k.secret).map((k) => k.name), where: (k) => `${file}: ${ns}${k}` });
}

/**
 * The stack's validated config, or UserErrors listing every problem of the file at once: what the file
 * holds that would be ignored or defaulted (`stackConfig.problems`), secrets in clear and unknown keys,
 * then the config's shape and rules (which still run on the keys that are fine).
 */
export function validateStackConfig(stackConfig: StackConfig, project: string): KitConfig {
  const ns = `${project}:`;
  const problems = [...stackConfig.problems, ...stackFileProblems(stackConfig.values, ns, stackConfig.file)];
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) if (!key.secret) raw[key.name] = stackConfig.values[`${ns}${key.name}`];
  let config: KitConfig | null = null;
  try {
    config = parseKitConfig(raw);
  } catch (e) {
    if (!(e instanceof UserErrors)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0 || config === null) throw new UserErrors(problems);
  return config;
}
