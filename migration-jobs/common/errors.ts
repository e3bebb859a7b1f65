/**
 * Errors a user can act on. Every one names where the problem is (a config key, a file and line, a
 * CSV row, a snapshot file) and the fix; the command line prints them without a stack trace and exits 2.
 * Never put a secret into one: they end up in terminals and CI logs.
 */
export class UserError extends Error {
  /** e.g. `pchat-kit:pool.activeServers`, `users.csv:12`, `snapshot/rooms.ndjson` */
  readonly where: string;
  /** What the user should do, as an imperative sentence. */
  readonly fix: string;
  /** Exit code the command line uses: 2 = bad usage or input. */
  readonly exitCode: number;

  constructor(where: string, problem: string, fix: string, exitCode = 2) {
    super(`${where}: ${problem}`);
    this.name = "UserError";
    this.where = where;
    this.fix = fix;
    this.exitCode = exitCode;
  }

  /** The text shown to the user: the problem, then the fix on its own line. */
  describe(): string {
    return `${this.message}\n  fix: ${this.fix}`;
  }
}

/** Several problems found at once (config validation reports them all, not one per run). */
export class UserErrors extends Error {
  readonly problems: UserError[];
  readonly exitCode = 2;

  constructor(problems: UserError[]) {
    super(problems.map((p) => p.message).join("\n"));
    this.name = "UserErrors";
    this.problems = problems;
  }

  describe(): string {
    const head = this.problems.length === 1 ? "1 problem" : `${this.problems.length} problems`;
    return `${head}:\n` + this.problems.map((p) => "- " + p.describe().replace(/\n/g, "\n  ")).join("\n");
  }
}

export function isUserError(e: unknown): e is UserError | UserErrors {
  return e instanceof UserError || e instanceof UserErrors;
}
