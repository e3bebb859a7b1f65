/**
 * Commands as data. A command is one module exporting one `defineCommand({...})`: its name, its
 * description and its options (plain objects, the shared ones from `./options`), and a handler that
 * receives the parsed options, typed from those declarations, and the `CommandContext`. Nothing else
 * about the command line lives in a command: the runner (`src/cli/main.ts`) turns the list
 * (`src/cli/commands.ts`) into commander commands with `addCommand`, owns the error conventions and
 * the exit code, and is the only place that touches commander.
 *
 * It lives in the engine so that the engine's commands (this folder) are complete without `src/`.
 */
import { Command as Commander, Option as CommanderOption } from "commander";
import { ExitCode, type Io } from "../common/io";
import { redact } from "../common/secrets";

/** Exit codes every command shares; `internal` is the runner's own, for an unexpected failure (a bug). */
export const EXIT = { ...ExitCode, internal: 3 } as const;
export type ExitCodes = typeof EXIT;

/** What a handler receives besides its options. */
export interface CommandContext {
  /**
   * Where the command writes, behind the secrets gate when the runner calls: stdout carries only the
   * result (one JSON document with --json), everything for people goes to stderr.
   */
  readonly io: Io;
  /**
   * The kit's folder (where Pulumi.yaml and stacks/ are). Found on first use: commands that never read
   * it (the engine's) work wherever the kit is.
   */
  readonly root: string;
  /** The secrets gate (common/secrets.ts), for text a command keeps or hands on rather than prints. */
  readonly redact: (text: string) => string;
  /** 0 ok, 1 blocked (the job ran and the answer is no), 2 bad usage or input; the handler returns one. */
  readonly exit: ExitCodes;
}

/**
 * A context around `io`, as given: the runner passes it `guardedIo(...)`; tests pass a bare buffer to
 * see what a command itself writes. `root` may be a function, called on first use.
 */
export function commandContext(io: Io, root: string | (() => string)): CommandContext {
  let found: string | undefined = typeof root === "string" ? root : undefined;
  return {
    io,
    get root() {
      found ??= (root as () => string)();
      return found;
    },
    redact,
    exit: EXIT,
  };
}

/**
 * One option, as data. `flag` is the long flag; the handler reads it under commander's camelCase
 * name (`--config-file` -> `configFile`). Without `value` it is a switch (true or absent). Values
 * arrive as the strings typed; checking and parsing them is the handler's work, so that every message
 * names the option (`UserError("--seed", ...)`).
 */
export interface OptionDef {
  readonly flag: `--${string}`;
  /** The value's placeholder in --help, e.g. `<YYYY-MM-DD>`. */
  readonly value?: `<${string}>`;
  readonly description: string;
  /** Commander refuses the command without it ("required option '--stack <name>' not specified"). */
  readonly required?: boolean;
  /** Shown in --help as `(default: "1")`. */
  readonly default?: string;
  /** Refused by commander when the value is not one of them; shown in --help. */
  readonly choices?: readonly string[];
  /** The shared option (`./options`) this one is a variant of, see `variant`. */
  readonly shared?: OptionDef;
}

/** Declares an option, keeping its literal types (the flag names the handler's argument). */
export function defineOption<const O extends OptionDef>(option: O): O {
  return option;
}

/**
 * A shared option as one command words or requires it, e.g. `variant(CUTOFF, { description: ... })`.
 * The flag and the value stay the shared option's; `shared` points at it, so the definition stays one.
 */
export function variant<const B extends OptionDef, const C extends Partial<Omit<OptionDef, "flag" | "value" | "shared">>>(base: B, changes: C): Omit<B, keyof C | "shared"> & C & { readonly shared: B } {
  return { ...base, ...changes, shared: base };
}

/** The shared option an option is, or is a variant of; itself for an option of one command. */
export function sharedOf(option: OptionDef): OptionDef {
  return option.shared ?? option;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** The name a handler reads an option under: commander's camelCase of the long flag. */
export type OptionKey<O extends OptionDef> = O["flag"] extends `--${infer Name}` ? CamelCase<Name> : never;
type Choice<O extends OptionDef> = O extends { readonly choices: readonly (infer C)[] } ? C : string;
/** A switch is true or absent; a value is present when required or defaulted. */
export type OptionValue<O extends OptionDef> = O extends { readonly value: string }
  ? O extends { readonly required: true } | { readonly default: string }
    ? Choice<O>
    : Choice<O> | undefined
  : true | undefined;
/** What a handler receives: each declared option under its camelCase name, typed from its declaration. */
export type Args<Os extends readonly OptionDef[]> = { -readonly [O in Os[number] as OptionKey<O>]: OptionValue<O> };

/** `pchat-kit <name>`: one command, as data, and its handler. */
export interface CommandDef<Os extends readonly OptionDef[] = readonly OptionDef[]> {
  readonly name: string;
  /** The first line of `pchat-kit <name> --help`, and the command's line in `pchat-kit --help`. */
  readonly description: string;
  /** In the order --help lists them. */
  readonly options: Os;
  /** Does the work; returns the exit code (EXIT.ok when it returns nothing). Throws UserError for bad input. */
  handler(args: Args<Os>, ctx: CommandContext): Promise<number | void>;
}

/** `pchat-kit <name> <command>`: a name that groups commands (`contacts plan`). */
export interface CommandGroup {
  readonly name: string;
  readonly description: string;
  readonly commands: readonly CommandDef[];
}

export type CommandEntry = CommandDef | CommandGroup;

/** Declares a command; the options' declarations type the handler's `args`. */
export function defineCommand<const Os extends readonly OptionDef[]>(command: CommandDef<Os>): CommandDef<Os> {
  return command;
}

export function defineGroup(group: CommandGroup): CommandGroup {
  return group;
}

export function isGroup(entry: CommandEntry): entry is CommandGroup {
  return "commands" in entry;
}

/** Every command of a list, groups opened, with the words that call it (`["contacts", "plan"]`). */
export function commandPaths(entries: readonly CommandEntry[]): Array<{ path: string[]; command: CommandDef }> {
  return entries.flatMap((e) => (isGroup(e) ? e.commands.map((c) => ({ path: [e.name, c.name], command: c })) : [{ path: [e.name], command: e }]));
}

/** Commander's attribute name for a flag (`--config-file` -> `configFile`), as `OptionKey` types it. */
export function optionKey(option: OptionDef): string {
  return option.flag.slice(2).replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function commanderOption(o: OptionDef): CommanderOption {
  const option = new CommanderOption(o.value === undefined ? o.flag : `${o.flag} ${o.value}`, o.description);
  if (o.choices !== undefined) option.choices(o.choices);
  if (o.default !== undefined) option.default(o.default);
  if (o.required === true) option.makeOptionMandatory();
  return option;
}

/**
 * Adds a command (or a group and its commands) to a commander program. `exit` receives the handler's
 * exit code; errors the handler throws propagate to the runner's `parseAsync`.
 */
export function addCommand(program: Commander, entry: CommandEntry, ctx: CommandContext, exit: (code: number) => void): void {
  const command = program.command(entry.name).description(entry.description);
  if (isGroup(entry)) {
    for (const c of entry.commands) addCommand(command, c, ctx, exit);
    return;
  }
  for (const o of entry.options) command.addOption(commanderOption(o));
  command.action(async (args: Args<readonly OptionDef[]>) => {
    exit((await entry.handler(args, ctx)) ?? EXIT.ok);
  });
}
