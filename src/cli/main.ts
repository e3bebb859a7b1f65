/**
 * The `pchat-kit` command line. Commands are data (`migration-jobs/cli/command.ts`): each lives in its
 * own module as one `defineCommand({...})` and is listed in `commands.ts`; this file only owns the
 * conventions every command shares:
 * exit codes 0 ok, 1 blocking findings or mismatches, 2 bad usage or input (3: an unexpected failure);
 * user errors print as "error: <where>: <problem>" plus the fix, never a stack trace;
 * nothing secret is printed: every write, result or error, passes the secrets gate (`guardedIo`).
 */
import { Command, CommanderError } from "commander";
import { UserError, isUserError } from "../../migration-jobs/common/errors";
import { Io, processIo, ExitCode, guardedIo } from "../../migration-jobs/common/io";
import { redact } from "../../migration-jobs/common/secrets";
import { addCommand, commandContext, EXIT, type CommandContext, type CommandEntry } from "../../migration-jobs/cli/command";
import { COMMANDS } from "./commands";

export type { CommandContext };

export const INTERNAL_ERROR_EXIT = EXIT.internal;

/** The context the command line gives every handler: `io` behind the secrets gate, the kit's folder. */
export function cliContext(io: Io = processIo): CommandContext {
  return commandContext(guardedIo(io), () => {
    // Loaded on first use: reading stack files is for the commands that need the kit's folder.
    const { findProjectRoot } = require("../offline/stack-config") as typeof import("../offline/stack-config");
    return findProjectRoot(__dirname);
  });
}

/** The options that take a connection string; no other option may carry one. */
export const CONNECTION_OPTIONS = ["--legacy", "--target", "--from"] as const;

/**
 * A connection string (or any text holding a password) given to an option that does not take one is
 * refused before any command runs, naming the option and never the value: an option's own error
 * would otherwise repeat it (`--cutoff "Server=...;Password=..." is not a date`), and a path option
 * would create a folder named after it.
 */
export function misplacedSecret(argv: readonly string[]): UserError | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (redact(arg) === arg) continue;
    const inline = /^(--[A-Za-z0-9-]+)=/.exec(arg);
    const option = inline ? inline[1]! : i > 0 && argv[i - 1]!.startsWith("--") && !argv[i - 1]!.includes("=") ? argv[i - 1]! : null;
    if (option !== null && (CONNECTION_OPTIONS as readonly string[]).includes(option)) continue;
    return new UserError(
      option ?? "argument",
      "holds a connection string or a password, which this option does not take (the value is not shown)",
      `Pass connection strings only to ${CONNECTION_OPTIONS.join(", ")}; give ${option ?? "this argument"} the value its --help describes.`,
    );
  }
  return null;
}

/** Runs `argv` (without the node and script words); `commands` is the list, `COMMANDS` but in tests. */
export async function runCli(argv: string[], rawIo: Io = processIo, commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const ctx = cliContext(rawIo);
  const io = ctx.io;
  let exitCode: number = ExitCode.ok;
  const program = new Command("pchat-kit")
    .description("Lync Server 2013 Persistent Chat on Azure: topology, migration from Group Chat, and contact lists.")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const entry of commands) addCommand(program, entry, ctx, (code) => (exitCode = code));
  try {
    const misplaced = misplacedSecret(argv);
    if (misplaced) throw misplaced;
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? ExitCode.ok : ExitCode.usage;
    }
    if (isUserError(e)) {
      io.stderr(`error: ${e.describe()}\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`unexpected error: ${err.message}\n`);
    if (process.env.PCHAT_KIT_DEBUG) io.stderr(`${err.stack ?? ""}\n`);
    else io.stderr("  (set PCHAT_KIT_DEBUG=1 for the stack trace, and report it)\n");
    return EXIT.internal;
  }
}
