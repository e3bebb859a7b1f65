/**
 * One way in for every engine command: `--legacy`/`--target`/`--from` take either a snapshot directory
 * or a connection string, and the command never needs to know which.
 */
import * as fs from "node:fs/promises";
import { UserError } from "../common/errors";
import { redact } from "../common/secrets";
import type { InventorySource } from "../inventory/inventory";
import { openSnapshot } from "../snapshot";
import { SqlConnection, openMssql } from "./connection";
import { LiveInventorySource, openLiveSource } from "./live-source";
import { RetryPolicy } from "./retry";
import { SqlSettings, parseConnectionString, serverLabel, settingsSecrets } from "./settings";

export interface OpenInventoryOptions {
  /**
   * Names the argument in errors.
   * @default "inventory"
   * @example "--legacy"
   */
  where?: string;
  /** Accept a lab server's self-signed certificate (see SqlSettings.trustServerCertificate). @default false */
  trustServerCertificate?: boolean;
  /** Overrides the connection string's Command Timeout. */
  requestTimeoutMs?: number;
  retry?: RetryPolicy;
  /** Told about each retry, already redacted, e.g. to print on stderr. */
  onRetry?: (message: string) => void;
  /** Opens the connection; tests replace it. @default openMssql */
  connect?: (settings: SqlSettings, onRetry: (e: unknown, retry: number, delayMs: number) => void) => Promise<SqlConnection>;
}

async function isDirectory(p: string): Promise<boolean | null> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return null;
  }
}

/** A snapshot directory -> the snapshot; otherwise a connection string -> the live database. */
export async function openInventory(spec: string, opts: OpenInventoryOptions = {}): Promise<InventorySource> {
  const where = opts.where ?? "inventory";
  const s = spec.trim();
  if (!s) throw new UserError(where, "is empty", "pass a snapshot directory or a connection string such as \"Server=sql01\\RTC;Database=mgc;Integrated Security=true;User Id=CONTOSO\\svc;Password=...\"");
  const dir = await isDirectory(s);
  if (dir === true) return openSnapshot(s);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    // mssql://user:password@host/db, sqlserver://...: never repeated, it holds the password.
    throw new UserError(where, "is a URL-form connection string (scheme://user:<password>@host/db), which the kit does not read", "pass an ADO.NET connection string instead, e.g. \"Server=sql01\\RTC;Database=mgc;User Id=...;Password=...\", or a snapshot directory");
  }
  if (!s.includes("=")) {
    // No "=": a path, never a connection string, so naming it is safe.
    const problem = dir === false ? `"${s}" is a file, not a snapshot directory` : `"${s}" is neither an existing snapshot directory nor a connection string`;
    throw new UserError(where, problem, "pass the directory `pchat-kit snapshot --to` wrote, or a connection string with Server=...;Database=...");
  }
  const settings = parseConnectionString(s, where, {
    ...(opts.trustServerCertificate ? { trustServerCertificate: true } : {}),
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  return openLiveInventory(settings, opts);
}

/** The live reader from discrete settings (see `sqlSettings`), e.g. from a Pulumi program's config. */
export async function openLiveInventory(settings: SqlSettings, opts: Pick<OpenInventoryOptions, "onRetry" | "connect"> = {}): Promise<LiveInventorySource> {
  const secrets = settingsSecrets(settings);
  const label = `${serverLabel(settings)}/${settings.database}`;
  const onRetry = (e: unknown, retry: number, delayMs: number) => {
    const why = e instanceof Error ? e.message : String(e);
    // The driver's text alone: a bare password in it would otherwise hide the rest of the line too.
    opts.onRetry?.(`${label}: transient error (${redact(why, secrets)}); retry ${retry} of ${settings.retry.attempts - 1} in ${(delayMs / 1000).toFixed(1)} s`);
  };
  const connect = opts.connect ?? ((st, r) => openMssql(st, { onRetry: r }));
  const conn = await connect(settings, onRetry);
  return openLiveSource(conn);
}
