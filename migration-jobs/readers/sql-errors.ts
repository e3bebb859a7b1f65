/**
 * Turning what mssql/tedious throw into a UserError a Lync engineer can act on: where (server and
 * database), what happened, and the fix. Every message passes through redaction: drivers sometimes
 * echo parts of the connection settings, and a wrapped error is the usual way a password leaks.
 */
import { UserError } from "../common/errors";
import { redact } from "../common/secrets";
import { errorChain as chain, isCertificateError, isTransient } from "./retry";

function first<K extends "code" | "number">(e: unknown, key: K, type: "string" | "number"): string | number | undefined {
  for (const c of chain(e)) if (typeof c[key] === type) return c[key] as string | number;
  return undefined;
}

/** The fix for an error, by SQL error number or driver code. */
export function fixFor(e: unknown): string {
  const num = first(e, "number", "number");
  const code = first(e, "code", "string");
  if (isCertificateError(e)) return "install a server certificate this machine trusts; for a lab server only, pass --trust-server-certificate (TrustServerCertificate=true)";
  if (code === "ELOGIN" || num === 18456) return "check User Id and Password (or the Windows account for Integrated Security); the login needs read access (db_datareader) on the database";
  if (num === 229 || num === 230 || num === 262) return "grant the login SELECT on the dbo.tbl* tables (db_datareader); the kit never writes";
  if (num === 4060) return "check Database= names an existing database and that the login is a user in it";
  if (num === 207 || num === 208) return "the database schema differs from what the kit reads (domain §7); check that Database= is the Group Chat or mgc database and report the missing column";
  if (code === "ENOTFOUND" || code === "EINSTLOOKUP") return "check the server name (DNS) and, for a named instance, that SQL Browser (UDP 1434) is reachable, or give the port as host,port";
  if (isTransient(e)) return "check the server is up and reachable on its port (firewall, NSG, Bastion tunnel), then run again";
  return "check the connection settings and the server's error log; run again with PCHAT_KIT_DEBUG=1 for details";
}

/** Wraps any driver error as a UserError with every secret removed from its text. */
export function toUserError(e: unknown, where: string, secrets: Iterable<string>, doing: string): UserError {
  if (e instanceof UserError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const num = first(e, "number", "number");
  const code = first(e, "code", "string");
  const tag = num !== undefined ? ` (SQL error ${num})` : code !== undefined ? ` (${code})` : "";
  const secretList = [...secrets];
  const clean = (s: string) => redact(s, secretList);
  return new UserError(clean(where), `${doing} failed${tag}: ${clean(raw)}`, clean(fixFor(e)));
}
