/**
 * The `pchat-kit` command line. Each command lives in its own module and registers itself here;
 * this file only owns the conventions every command shares:
 * exit codes 0 ok, 1 blocking findings or mismatches, 2 bad usage or input (3: an unexpected failure);
 * user errors print as "error: <where>: <problem>" plus the fix, never a stack trace;
 * nothing secret is printed (messages of unexpected errors are redacted too).
 */
import { Command, CommanderError } from "commander";
import { isUserError } from "../../migration-jobs/common/errors";
import { Io, processIo, ExitCode } from "../../migration-jobs/common/io";
import { redactConnectionString } from "../../migration-jobs/common/secrets";
import { COMMANDS } from "./commands";

/** What a command's action receives besides its options. It sets `exitCode` (default 0). */
export interface CommandContext {
  io: Io;
  exitCode: number;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const INTERNAL_ERROR_EXIT = 3;

export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  const ctx: CommandContext = { io, exitCode: ExitCode.ok };
  const program = new Command("pchat-kit")
    .description("Lync Server 2013 Persistent Chat on Azure: topology, migration from Group Chat, and contact lists.")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? ExitCode.ok : ExitCode.usage;
    }
    if (isUserError(e)) {
      io.stderr(`error: ${e.describe()}\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`unexpected error: ${redactConnectionString(err.message)}\n`);
    if (process.env.PCHAT_KIT_DEBUG) io.stderr(`${redactConnectionString(err.stack ?? "")}\n`);
    else io.stderr("  (set PCHAT_KIT_DEBUG=1 for the stack trace, and report it)\n");
    return INTERNAL_ERROR_EXIT;
  }
}
