/**
 * Retries with exponential backoff and full jitter, on transient SQL Server errors only. A login
 * failure, a permission denial or a syntax error fails at once: retrying would only delay the answer
 * (and, for logins, can lock the account).
 */

export interface RetryPolicy {
  /**
   * Tries in all, the first included.
   * @default 5
   */
  attempts: number;
  /**
   * Delay before the first retry; doubles each time.
   * @default 500
   */
  baseDelayMs: number;
  /** @default 15000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/**
 * SQL Server error numbers worth another try: 1205 deadlock victim, -2 client timeout, 233/64/121/20
 * and 10053/10054/10060 transport failures, 1222 lock timeout, 4221 readable-secondary wait, and the
 * availability-group and Azure SQL set (40197, 40501, 40613, 10928, 10929, 49918-49920, 41301/41302/
 * 41305/41325/41839) that ADO.NET's retry logic uses. 4060 (cannot open database) is left out: on a
 * Lync back end it means a wrong name or missing rights, not a failover.
 */
export const TRANSIENT_ERROR_NUMBERS: ReadonlySet<number> = new Set([
  1205, -2, 20, 64, 121, 233, 1222, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 41301, 41302, 41305, 41325, 41839, 49918, 49919, 49920,
]);

/** Driver and socket codes of a lost or timed-out connection (mssql, tedious and Node errno codes). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(["ETIMEOUT", "ETIMEDOUT", "ESOCKET", "ECONNCLOSED", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "EINSTLOOKUP", "EHOSTUNREACH", "ENETUNREACH"]);

/** Codes that are never transient whatever else the error says. */
const FATAL_CODES = new Set(["ELOGIN", "EARGS", "EINJECT", "ECANCEL", "EABORT", "ENOTFOUND", "EALREADYCONNECTED", "EALREADYCONNECTING"]);

export interface ErrorLike {
  code?: unknown;
  number?: unknown;
  message?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

/** The error and what it wraps, outermost first (mssql -> tedious -> socket), at most five deep. */
export function errorChain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    out.push(cur as ErrorLike);
    cur = (cur as ErrorLike).originalError ?? (cur as ErrorLike).cause;
  }
  return out;
}

/** A certificate the client refuses will be refused again: say so at once instead of retrying. */
export function isCertificateError(e: unknown): boolean {
  for (const { message: m, code: c } of errorChain(e)) {
    if (typeof m === "string" && /certificate|self[- ]signed|unable to verify|CERT_|hostname\/IP does not match/i.test(m)) return true;
    if (typeof c === "string" && /CERT|SELF_SIGNED/.test(c)) return true;
  }
  return false;
}

/** Whether another try may succeed: looks at the error, then at what it wraps (mssql -> tedious -> socket). */
export function isTransient(e: unknown): boolean {
  if (isCertificateError(e)) return false;
  for (const err of errorChain(e)) {
    if (typeof err.number === "number") return TRANSIENT_ERROR_NUMBERS.has(err.number);
    if (typeof err.code === "string") {
      if (FATAL_CODES.has(err.code)) return false;
      if (TRANSIENT_CODES.has(err.code)) return true;
    }
  }
  return false;
}

/** Full jitter: a random delay in [0, min(max, base * 2^retry)], so many clients do not retry in step. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each retry (e.g. to print "retrying in 2 s" on stderr). */
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` until it succeeds, fails with a non-transient error, or runs out of attempts. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt >= policy.attempts || !isTransient(e)) throw e;
      const delay = backoffDelay(attempt - 1, policy, hooks.random);
      hooks.onRetry?.(e, attempt, delay);
      await sleep(delay);
    }
  }
}
