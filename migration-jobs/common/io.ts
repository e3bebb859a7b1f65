import { redact } from "./secrets";

/**
 * Where a command writes. The command line passes the process streams; tests pass buffers. stdout
 * carries only the command's result (one JSON document with --json); everything for people
 * (progress, warnings, errors) goes to stderr.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress then redraws one line instead of printing many. */
  readonly interactive: boolean;
}

const guarded = new WeakSet<Io>();

/**
 * `io` with every write passed through the secrets gate (`redact`, common/secrets.ts): what the
 * command line prints, results and errors alike, can never carry a password, whatever a command or a
 * library put into the text. Guarding twice is guarding once.
 */
export function guardedIo(io: Io): Io {
  if (guarded.has(io)) return io;
  const g: Io = {
    stdout: (t) => io.stdout(redact(t)),
    stderr: (t) => io.stderr(redact(t)),
    get interactive() {
      return io.interactive;
    },
  };
  guarded.add(g);
  return g;
}

export const processIo: Io = guardedIo({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
});

/** An Io that keeps what was written, for tests and for commands that call other commands. */
export function bufferIo(): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    interactive: false,
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** Blocking findings or mismatches: the job ran and the answer is "no". */
  blocked: 1,
  /** Bad usage or input: the job did not run. */
  usage: 2,
} as const;
