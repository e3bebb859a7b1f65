/**
 * The one door to SQL Server. Readers talk to a `SqlConnection`; production opens it with `mssql`
 * (tedious), tests pass a stand-in. Rows stream: mssql's `request.stream = true` emits `row` events,
 * which are buffered up to a high-water mark and then paused until the consumer catches up, so memory
 * stays flat however large tblChat is. Every statement is a SELECT: the engine never writes (domain §7.1).
 */
import * as mssql from "mssql";
import { SqlSettings, serverLabel, settingsSecrets } from "./settings";
import { RetryHooks, isTransient, withRetry, backoffDelay } from "./retry";
import { toUserError } from "./sql-errors";

export type SqlParam = string | number | boolean | Date | null;
/** A row as mssql returns it: Date for datetime, string for bigint, boolean for bit, upper-case GUID strings. */
export type SqlRow = Record<string, unknown>;

export interface SqlConnection {
  /** `server/database`, for messages; never credentials. */
  readonly server: string;
  readonly database: string;
  /** Streams the rows of one statement. A fresh iteration runs the statement again. */
  query(sql: string, params?: Record<string, SqlParam>): AsyncIterable<SqlRow>;
  close(): Promise<void>;
}

/** What `streamRows` needs of an mssql Request (in streaming mode); tests drive it with an emitter. */
export interface StreamingRequest {
  on(event: "row", cb: (row: SqlRow) => void): unknown;
  on(event: "error", cb: (e: unknown) => void): unknown;
  on(event: "done", cb: () => void): unknown;
  pause(): boolean;
  resume(): boolean;
  cancel(): void;
  query(sql: string): unknown;
}

export interface StreamOptions {
  /** Rows buffered before the request is paused. @default 1000 */
  highWater?: number;
}

/**
 * Turns one streaming request into an async iterable with backpressure: pause above `highWater`
 * buffered rows, resume below half of it. Stopping early (break) cancels the request.
 */
export async function* streamRows(request: StreamingRequest, sql: string, opts: StreamOptions = {}): AsyncGenerator<SqlRow> {
  const highWater = opts.highWater ?? 1000;
  const lowWater = Math.floor(highWater / 2);
  // A ring would avoid shift(), but the buffer is bounded by highWater, so shift stays cheap.
  const buffer: SqlRow[] = [];
  let done = false;
  let failed = false;
  let failure: unknown;
  let paused = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  request.on("row", (row) => {
    buffer.push(row);
    if (!paused && buffer.length >= highWater) {
      paused = true;
      request.pause();
    }
    notify();
  });
  request.on("error", (e) => {
    if (!failed) {
      failed = true;
      failure = e;
    }
    notify();
  });
  request.on("done", () => {
    done = true;
    notify();
  });
  request.query(sql);
  try {
    for (;;) {
      if (buffer.length > 0) {
        const row = buffer.shift()!;
        if (paused && buffer.length <= lowWater && !failed) {
          paused = false;
          request.resume();
        }
        yield row;
        continue;
      }
      if (failed) throw failure;
      if (done) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    if (!done && !failed) request.cancel();
  }
}

/**
 * Retries a streamed statement on transient errors, but only while no row has been handed on:
 * after that a retry would repeat rows, so the error goes to the caller.
 */
export async function* retryingRows(start: () => AsyncIterable<SqlRow>, policy: SqlSettings["retry"], hooks: RetryHooks = {}): AsyncGenerator<SqlRow> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of start()) {
        yielded = true;
        yield row;
      }
      return;
    } catch (e) {
      if (yielded || attempt >= policy.attempts || !isTransient(e)) throw e;
      const delay = backoffDelay(attempt - 1, policy, hooks.random);
      hooks.onRetry?.(e, attempt, delay);
      await sleep(delay);
    }
  }
}

/** The mssql configuration of a settings object. Pure, so tests check TLS and NTLM without a server. */
export function mssqlConfig(s: SqlSettings): mssql.config {
  const authentication: mssql.config["authentication"] =
    s.auth.kind === "ntlm"
      ? { type: "ntlm", options: { domain: s.auth.domain, userName: s.auth.user, password: s.auth.password } }
      : { type: "default", options: { userName: s.auth.user, password: s.auth.password } };
  return {
    server: s.host,
    ...(s.port !== null ? { port: s.port } : {}),
    database: s.database,
    authentication,
    connectionTimeout: s.connectTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    // One statement at a time per reader; a second connection only while a retry overlaps a close.
    pool: { min: 0, max: 2, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: s.encrypt as boolean,
      trustServerCertificate: s.trustServerCertificate,
      // The name the certificate is checked against (and sent as SNI), when it is not the host: a tunnel.
      ...(s.hostNameInCertificate ? { serverName: s.hostNameInCertificate } : {}),
      ...(s.port === null && s.instance ? { instanceName: s.instance } : {}),
      appName: s.applicationName,
      readOnlyIntent: s.readOnlyIntent,
      // Dates come back as UTC instants; the kit's days are UTC days.
      useUTC: true,
      enableArithAbort: true,
    },
  };
}

/** Opens a pooled mssql connection, retrying transient connect failures. Errors are UserErrors, redacted. */
export async function openMssql(settings: SqlSettings, hooks: RetryHooks = {}): Promise<SqlConnection> {
  const server = serverLabel(settings);
  const where = `${server}/${settings.database}`;
  const secrets = settingsSecrets(settings);
  let pool: mssql.ConnectionPool;
  try {
    pool = await withRetry(
      async () => {
        const p = new mssql.ConnectionPool(mssqlConfig(settings));
        // An unhandled pool 'error' event would crash the process with the raw driver text.
        p.on("error", () => undefined);
        try {
          return await p.connect();
        } catch (e) {
          await p.close().catch(() => undefined);
          throw e;
        }
      },
      settings.retry,
      hooks,
    );
  } catch (e) {
    throw toUserError(e, where, secrets, "connecting");
  }
  return {
    server,
    database: settings.database,
    query(sql: string, params: Record<string, SqlParam> = {}): AsyncIterable<SqlRow> {
      const start = () => {
        const request = new mssql.Request(pool);
        request.stream = true;
        for (const [k, v] of Object.entries(params)) request.input(k, v);
        return streamRows(request as unknown as StreamingRequest, sql);
      };
      return {
        async *[Symbol.asyncIterator]() {
          try {
            yield* retryingRows(start, settings.retry, hooks);
          } catch (e) {
            throw toUserError(e, where, secrets, `reading (${firstLine(sql)})`);
          }
        },
      };
    },
    close: () => pool.close(),
  };
}

/** Names a statement in errors by its first line (the statements are named constants; this is enough). */
function firstLine(sql: string): string {
  const line = sql.trim().split(/\r?\n/, 1)[0] ?? "";
  return line.length > 80 ? line.slice(0, 77) + "..." : line;
}
