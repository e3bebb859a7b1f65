/**
 * Validation in one place, for every config the kit reads (`pchat-kit:*` in src/config, the runbook's
 * `pchat-kit:migration`, the contacts job's `pchat-kit:migration.contacts`) and every option that
 * takes a date:
 * - `schemaProblems`: the one translator from zod's issues to UserErrors, each naming the key by its
 *   full path (as `pulumi config set --path` writes it) and the fix;
 * - `keyProblems`: the one check for unknown keys and secrets in clear, whether the keys come from a
 *   stack file, Pulumi's runtime config or a strict zod object;
 * - `isCalendarDate` / `calendarDate`: the one date validator (YYYY-MM-DD, a real calendar date).
 * No value is ever repeated in an error: a mistyped key may hold a password pasted in the wrong place.
 */
import { z } from "zod";
import { UserError } from "./errors";
import { isSecretName } from "./secrets";

// ---------------------------------------------------------------------------------------------------
// Where: a key's full path

/**
 * A key's full path: `keyAt("pchat-kit:migration", ["batches", 0, "name"])` is
 * `pchat-kit:migration.batches[0].name`, the syntax `pulumi config set --path` takes. After a
 * namespace (`pchat-kit:`) or a file (`layout.json: `) the first key follows the colon; with no path
 * the base names the whole (`pchat-kit`, `layout.json`).
 */
export function keyAt(base: string, path: readonly PropertyKey[]): string {
  if (path.length === 0) return base.replace(/:\s*$/, "");
  let out = base;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += /(^|:\s*)$/.test(out) ? String(p) : `.${String(p)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Dates

/** The problem of a text that is not a date, after the key or option that holds it. */
export const NOT_A_CALENDAR_DATE = "is not a calendar date written YYYY-MM-DD";

/** `YYYY-MM-DD` and a day that exists (2024-02-29 yes, 2025-02-29 and 2025-13-01 no); nothing around it. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  // Date rolls 2025-02-30 over to March 2: only a day that reads back unchanged exists.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A config field holding a calendar date; its error is NOT_A_CALENDAR_DATE. */
export function calendarDate() {
  return z.string().refine(isCalendarDate, { message: NOT_A_CALENDAR_DATE });
}

// ---------------------------------------------------------------------------------------------------
// Unknown keys and secrets in clear

export interface KeyCheck {
  /** The keys accepted here, in the order the fix lists them (secret keys included). */
  known: readonly string[];
  /** Keys that hold secrets: known, but only ever set encrypted (`pulumi config set --secret`). */
  secrets?: readonly string[];
  /** Whether a secret key is set encrypted (default: never, for a map of plain values). */
  encrypted?: (key: string) => boolean;
  /** The full name of a key for the error, e.g. `Pulumi.lab.yaml: pchat-kit:poool`. */
  where: (key: string) => string;
  /** How a key is removed, when there is a command for it, e.g. `pulumi config rm pchat-kit:poool`. */
  remove?: (key: string) => string;
}

/** A declared secret set without `--secret`: named, never shown. */
export function secretInClear(where: string, name: string): UserError {
  return new UserError(where, "a secret is set in clear text, not encrypted (the value is not shown)", `Set it as a secret: pulumi config set --secret ${name} <value> (this replaces the clear value in the stack file; README, Secrets).`);
}

/**
 * Every unknown key and every secret in clear among `keys`, by name (never by value): a typo would
 * otherwise fall back to a default, and a password under a key nobody reads still sits in the file.
 * A declared secret set in clear is refused with its `--secret` command; an unknown key whose name
 * says it holds a secret (`sqlPassword`) is refused as one.
 */
export function keyProblems(keys: Iterable<string>, check: KeyCheck): UserError[] {
  const known = new Set(check.known);
  const secrets = new Set(check.secrets ?? []);
  const out: UserError[] = [];
  for (const key of keys) {
    if (secrets.has(key)) {
      if (!(check.encrypted?.(key) ?? false)) out.push(secretInClear(check.where(key), key));
      continue;
    }
    if (known.has(key)) continue;
    const remove = check.remove ? ` (${check.remove(key)})` : "";
    const list = check.known.length > 0 ? `; the keys here are ${check.known.join(", ")}` : "";
    if (isSecretName(key)) {
      const which = secrets.size > 0 ? `the secrets here are ${[...secrets].join(", ")}` : "no key here holds one";
      out.push(new UserError(check.where(key), "unknown key, named as a secret and set in clear text (the value is not shown)", `Remove it${remove}: secrets are set only with pulumi config set --secret, and ${which} (README, Secrets).`));
    } else {
      out.push(new UserError(check.where(key), "unknown key", `Remove it${remove} or correct its spelling${list}.`));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Zod issues -> UserErrors

type Path = readonly PropertyKey[];

export interface SchemaContext {
  /** The config's full name before the path: `pchat-kit:` or `pchat-kit:migration`. */
  base: string;
  /** Where the fixes point to, e.g. `README, Configuration`. */
  docs: string;
  /** A fix of the config's own for the field at `path`; the issue kind's fix otherwise. */
  fixFor?: (path: Path) => string | undefined;
  /** Keys of the top level that hold secrets (never read from plain config). */
  secrets?: readonly string[];
}

export type Checked<T> = { ok: true; data: T } | { ok: false; problems: UserError[] };

/**
 * Parses `input` with `schema`; on failure, every issue as a UserError (all at once). The input is
 * read only to tell a missing key from a wrong one, and the schema only to list the keys an unknown
 * one could have been.
 */
export function checkSchema<S extends z.ZodType>(schema: S, input: unknown, ctx: SchemaContext): Checked<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: schemaProblems(parsed.error.issues, schema, input, ctx) };
}

/** The one translator: each zod issue kind to where, problem and fix. */
export function schemaProblems(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown, ctx: SchemaContext): UserError[] {
  return issues.flatMap((issue) => issueProblems(issue, schema, input, ctx));
}

function issueProblems(issue: z.core.$ZodIssue, schema: z.ZodType, input: unknown, ctx: SchemaContext): UserError[] {
  const where = keyAt(ctx.base, issue.path);
  const fix = (byKind: string): string => ctx.fixFor?.(issue.path) ?? byKind;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = keysAt(schema, issue.path);
      const atTop = issue.path.length === 0;
      const secrets = atTop ? (ctx.secrets ?? []) : [];
      return keyProblems(issue.keys, { known: [...known, ...secrets], secrets, where: (k) => keyAt(ctx.base, [...issue.path, k]) });
    }
    case "invalid_type": {
      const missing = valueAt(input, issue.path) === undefined;
      const problem = missing ? `is required (expected ${issue.expected})` : `expected ${issue.expected}`;
      return [new UserError(where, problem, fix(`Set it to ${typeName(issue.expected)} (see ${ctx.docs}).`))];
    }
    case "invalid_value":
      return [new UserError(where, issue.message, fix(`Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`))];
    case "too_small":
    case "too_big":
      return [new UserError(where, issue.message, fix(`${boundFix(issue)} (${ctx.docs}).`))];
    case "invalid_union": {
      const expected = unionExpected(issue);
      const problem = expected ? `expected ${expected}` : issue.message;
      return [new UserError(where, problem, fix(`Correct the value as shown in ${ctx.docs}.`))];
    }
    case "custom": {
      // Keys validated by a parser of their own (the migration runbook's) carry its exact key and fix.
      const own = issue.params as { where?: string; fix?: string } | undefined;
      if (own?.where && own.fix) return [new UserError(own.where, issue.message, own.fix)];
      return [new UserError(where, issue.message, fix(`Correct the value as shown in ${ctx.docs}.`))];
    }
    default:
      return [new UserError(where, issue.message, fix(`Correct the value as shown in ${ctx.docs}.`))];
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
    case "object":
      return `an ${expected}`;
    default:
      return `a ${expected}`;
  }
}

function boundFix(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const side = small ? (issue.inclusive === false ? "more than" : "at least") : issue.inclusive === false ? "less than" : "at most";
  switch (issue.origin) {
    case "string":
      return small && bound === 1 ? "Give it a value; it cannot be empty" : `Write ${side} ${bound} character(s)`;
    case "array":
    case "set":
      return small && bound === 1 ? "Give it at least one item" : `Give ${side} ${bound} item(s)`;
    default:
      return `Choose a value of ${side} ${bound}`;
  }
}

/** `string or number` when every branch of a union failed on the type alone. */
function unionExpected(issue: z.core.$ZodIssueInvalidUnion): string | null {
  const types: string[] = [];
  for (const branch of issue.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== "invalid_type" || only.path.length > 0) return null;
    types.push(only.expected);
  }
  return types.length > 0 ? [...new Set(types)].join(" or ") : null;
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** zod's own definitions, as far as walking to the keys of a path needs them. */
interface Def {
  type: string;
  shape?: Record<string, Walkable>;
  innerType?: Walkable;
  in?: Walkable;
  out?: Walkable;
  element?: Walkable;
  keyType?: Walkable;
  valueType?: Walkable;
}
interface Walkable {
  _zod: { def: Def; values?: ReadonlySet<unknown> };
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** Strips the wrappers (optional, default, preprocess, ...) off the schema that holds the keys. */
function unwrap(s: Walkable): Walkable {
  for (let i = 0; i < 32; i++) {
    const def = s._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in && def.out) s = def.out._zod.def.type === "transform" ? def.in : def.out;
    else break;
  }
  return s;
}

/** The keys the object (or record of an enum) at `path` accepts, in declaration order; none when unknown. */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let s: Walkable | undefined = unwrap(schema as unknown as Walkable);
  for (const p of path) {
    const def: Def = s._zod.def;
    const next: Walkable | undefined = typeof p === "number" ? def.element : def.type === "object" ? def.shape?.[String(p)] : def.type === "record" ? def.valueType : undefined;
    if (next === undefined) return [];
    s = unwrap(next);
  }
  const def = s._zod.def;
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.type === "record" && def.keyType) return [...(unwrap(def.keyType)._zod.values ?? [])].map(String);
  return [];
}
