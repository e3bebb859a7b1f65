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

export const processIo: Io = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
};

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
