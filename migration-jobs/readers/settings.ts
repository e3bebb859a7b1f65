/**
 * How the kit reaches a SQL Server: settings given one by one, or parsed from an ADO.NET-style
 * connection string (`Server=sql01\RTC;Database=mgc;User Id=...;Password=...;Encrypt=true`), the form
 * Lync administrators already have (ChatUpgradeVerifier and ChatUsageReport take the same strings).
 * Pure: no I/O. Errors name the key, never its value, because values include passwords.
 */
import { UserError } from "../common/errors";
import { rememberSecret } from "../common/secrets";
import { DEFAULT_RETRY, RetryPolicy } from "./retry";

/** SQL authentication, or Windows authentication over NTLM (what tedious can do without SSPI). */
export type SqlAuth =
  | { kind: "sql"; user: string; password: string }
  | { kind: "ntlm"; domain: string; user: string; password: string };

export interface SqlSettings {
  /**
   * Host name or address, without instance or port.
   * @example "sql01.contoso.local"
   */
  host: string;
  /**
   * Named instance, resolved through the SQL Browser service (UDP 1434). Ignored when `port` is set.
   * @default null (the default instance)
   * @example "RTC"
   */
  instance: string | null;
  /**
   * TCP port; wins over `instance`, as in ADO.NET.
   * @default null (1433, or the instance's port from SQL Browser)
   */
  port: number | null;
  /**
   * Database to read.
   * @example "mgc"
   */
  database: string;
  auth: SqlAuth;
  /**
   * TLS for the connection. `"strict"` is TDS 8 (SQL Server 2022 only; Lync's SQL 2008 R2/2012 cannot).
   * @default true
   */
  encrypt: boolean | "strict";
  /**
   * Accept the server's certificate without validating it: only for lab servers with self-signed
   * certificates. The name says what it does on purpose.
   * @default false
   */
  trustServerCertificate: boolean;
  /**
   * The name the server's certificate must carry, when it is not the host connected to: through a
   * tunnel the host is `127.0.0.1`, the certificate names the server's FQDN. ADO.NET's
   * `HostNameInCertificate` (Microsoft.Data.SqlClient 5.0+); tedious checks it as `serverName`.
   * @default null (the host)
   * @example "labsql101.contoso.local"
   */
  hostNameInCertificate: string | null;
  /** @default 15000 (ADO.NET's 15 s) */
  connectTimeoutMs: number;
  /**
   * Per statement. The message histogram scans all of tblChat: give it minutes on large stores.
   * 0 = no limit.
   * @default 1800000 (30 min)
   */
  requestTimeoutMs: number;
  /**
   * `ApplicationIntent=ReadOnly`: lets an availability-group listener route to a readable secondary.
   * @default false
   */
  readOnlyIntent: boolean;
  /** @default "pchat-kit" */
  applicationName: string;
  /** Retries on transient errors only (see retry.ts). */
  retry: RetryPolicy;
}

export const SETTINGS_DEFAULTS = {
  instance: null,
  port: null,
  encrypt: true,
  trustServerCertificate: false,
  hostNameInCertificate: null,
  connectTimeoutMs: 15_000,
  requestTimeoutMs: 1_800_000,
  readOnlyIntent: false,
  applicationName: "pchat-kit",
  retry: DEFAULT_RETRY,
} as const;

/** `host\instance`, `host,port` or `host`: how the server is named in messages. Never credentials. */
export function serverLabel(s: Pick<SqlSettings, "host" | "instance" | "port">): string {
  if (s.port !== null) return `${s.host},${s.port}`;
  return s.instance ? `${s.host}\\${s.instance}` : s.host;
}

type Field = "server" | "database" | "user" | "password" | "integrated" | "encrypt" | "trust" | "hostName" | "connectTimeout" | "commandTimeout" | "appName" | "intent" | "domain" | "retryCount" | "retryInterval";

const KEYS: Record<string, Field> = {
  server: "server",
  datasource: "server",
  address: "server",
  addr: "server",
  networkaddress: "server",
  database: "database",
  initialcatalog: "database",
  userid: "user",
  uid: "user",
  user: "user",
  username: "user",
  password: "password",
  pwd: "password",
  integratedsecurity: "integrated",
  trustedconnection: "integrated",
  encrypt: "encrypt",
  trustservercertificate: "trust",
  hostnameincertificate: "hostName",
  connecttimeout: "connectTimeout",
  connectiontimeout: "connectTimeout",
  timeout: "connectTimeout",
  commandtimeout: "commandTimeout",
  applicationname: "appName",
  app: "appName",
  applicationintent: "intent",
  // ADO.NET's reconnection keys drive the kit's retries: count = retries after the first try.
  connectretrycount: "retryCount",
  connectretryinterval: "retryInterval",
  // Not ADO.NET: NTLM needs the domain apart when User Id is not written DOMAIN\user.
  domain: "domain",
};

// ADO.NET keys that mean nothing to a read-only, single-connection reader: accepted, not used.
const IGNORED = new Set(["persistsecurityinfo", "pooling", "maxpoolsize", "minpoolsize", "multipleactiveresultsets", "multisubnetfailover", "packetsize", "workstationid", "wsid", "loadbalancetimeout", "transactionbinding", "typesystemversion", "currentlanguage", "language", "enlist"]);

function isPasswordKey(key: string | undefined): boolean {
  return key !== undefined && ["password", "pwd"].includes(key.replace(/[\s_]+/g, "").toLowerCase());
}

/**
 * What follows an unquoted password up to the next `;` may be the rest of it (`Password=a;b`): such a
 * part is never named, and the fix is to quote the password.
 */
function afterPassword(where: string): UserError {
  return new UserError(where, "the part after the password is not a Key=Value pair the kit knows (it is not shown: it may be part of the password)", 'if the password contains ";", put it in double quotes (doubling any quote inside it) or in braces');
}

/** Splits `k=v;k="v;v";k={v}` into pairs; quoted values may double their quote to escape it. */
export function splitConnectionString(text: string, where: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ";" || /\s/.test(text[i]!))) i++;
    if (i >= n) break;
    const eq = text.indexOf("=", i);
    if (eq < 0) {
      if (isPasswordKey(pairs[pairs.length - 1]?.[0])) throw afterPassword(where);
      throw new UserError(where, `connection string has a part without "=" (after ${pairs.length} key${pairs.length === 1 ? "" : "s"})`, "write it as Key=Value pairs separated by semicolons, e.g. Server=sql01\\RTC;Database=mgc;Integrated Security=true");
    }
    const key = text.slice(i, eq).trim();
    i = eq + 1;
    while (i < n && text[i] === " ") i++;
    let value = "";
    const q = text[i];
    if (q === '"' || q === "'" || q === "{") {
      const close = q === "{" ? "}" : q;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === close) {
          if (close !== "}" && text[i + 1] === close) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) throw new UserError(where, `the value of connection string key "${key}" opens a quote that is never closed`, `close the quote, or double a quote character inside the value`);
      while (i < n && text[i] !== ";") {
        if (!/\s/.test(text[i]!)) throw new UserError(where, `unexpected text after the quoted value of key "${key}"`, "end each quoted value with its quote and a semicolon");
        i++;
      }
    } else {
      const end = text.indexOf(";", i);
      value = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      i = end < 0 ? n : end;
    }
    pairs.push([key, value]);
  }
  return pairs;
}

/**
 * The inverse of splitConnectionString: `[["Server","x"],["Password","a;b"]]` -> `Server=x;Password="a;b"`.
 * A value is double-quoted (its quotes doubled) whenever it holds a separator, a quote, a brace or
 * edge spaces, so any password survives the round trip.
 */
export function formatConnectionString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([key, value]) => {
      const needsQuotes = /[;"'{}=]/.test(value) || value !== value.trim() || value === "";
      return `${key}=${needsQuotes ? `"${value.replace(/"/g, '""')}"` : value}`;
    })
    .join(";");
}

function bool(key: string, v: string, where: string, extra: Record<string, boolean> = {}): boolean {
  const k = v.trim().toLowerCase();
  if (k in extra) return extra[k]!;
  if (["true", "yes", "1"].includes(k)) return true;
  if (["false", "no", "0"].includes(k)) return false;
  throw new UserError(where, `connection string key "${key}" is not true or false`, `set ${key}=true or ${key}=false`);
}

function seconds(key: string, v: string, where: string): number {
  if (!/^\d+$/.test(v.trim())) throw new UserError(where, `connection string key "${key}" is not a whole number of seconds`, `set ${key} to seconds, e.g. ${key}=30`);
  return Number(v.trim()) * 1000;
}

/** `tcp:sql01\RTC,1433` -> host, instance, port. */
export function parseServer(raw: string, where: string): Pick<SqlSettings, "host" | "instance" | "port"> {
  let s = raw.trim();
  if (/^(np|lpc|admin):/i.test(s)) {
    throw new UserError(where, "the server uses a protocol prefix other than tcp: (named pipes and shared memory are not available from Node)", "name the server as host, host\\instance or host,port over TCP");
  }
  s = s.replace(/^tcp:/i, "");
  let port: number | null = null;
  const comma = s.lastIndexOf(",");
  if (comma >= 0) {
    const p = s.slice(comma + 1).trim();
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) throw new UserError(where, `the server's port "${p}" is not a TCP port`, "write the server as host,port with a port from 1 to 65535");
    port = Number(p);
    s = s.slice(0, comma).trim();
  }
  let instance: string | null = null;
  const slash = s.indexOf("\\");
  if (slash >= 0) {
    instance = s.slice(slash + 1).trim() || null;
    s = s.slice(0, slash).trim();
  }
  if (s === "." || s.toLowerCase() === "(local)" || s.toLowerCase() === "(localdb)") s = "localhost";
  if (!s) throw new UserError(where, "the server name is empty", "set Server=host, Server=host\\instance or Server=host,port");
  // Named in messages and manifests: a value that is no host name (say, a whole connection string
  // pasted into Server=) must not travel that far. Never repeated: it may hold a password.
  if (!/^[A-Za-z0-9._:[\]-]+$/.test(s) || (instance !== null && !/^[A-Za-z0-9_$#-]+$/.test(instance))) {
    throw new UserError(where, "the server name has characters a host or instance name cannot have", "set Server=host, Server=host\\instance or Server=host,port (letters, digits, '.', '-')");
  }
  return { host: s, instance, port };
}

/** Per-command overrides the command line offers (e.g. --trust-server-certificate). */
export interface SettingsOverrides {
  trustServerCertificate?: boolean;
  requestTimeoutMs?: number;
  retry?: RetryPolicy;
}

/**
 * Parses an ADO.NET-style connection string. `where` names where it came from (e.g. `--from`), for
 * errors; errors name keys and never repeat values.
 */
export function parseConnectionString(text: string, where: string, overrides: SettingsOverrides = {}): SqlSettings {
  const got: Partial<Record<Field, { key: string; value: string }>> = {};
  const pairs = splitConnectionString(text, where);
  for (const [index, [key, value]] of pairs.entries()) {
    const norm = key.replace(/[\s_]+/g, "").toLowerCase();
    // From here on the secrets gate hides this value wherever a driver or a mistake repeats it.
    if (norm === "password" || norm === "pwd") rememberSecret(value);
    const field = KEYS[norm];
    if (!field) {
      if (IGNORED.has(norm)) continue;
      if (isPasswordKey(pairs[index - 1]?.[0])) throw afterPassword(where);
      throw new UserError(where, `connection string key "${key}" is not supported`, "use Server, Database, User Id, Password, Integrated Security, Domain, Encrypt, TrustServerCertificate, HostNameInCertificate, Connect Timeout, Command Timeout, ConnectRetryCount, ConnectRetryInterval, Application Name or ApplicationIntent");
    }
    got[field] = { key, value };
  }
  if (!got.server?.value) throw new UserError(where, "connection string has no Server (or Data Source)", "add Server=host\\instance or Server=host,port");
  if (!got.database?.value) throw new UserError(where, "connection string has no Database (or Initial Catalog)", "add Database=<name>, e.g. Database=mgc for Lync 2013 or the Group Chat database's name");
  const server = parseServer(got.server.value, where);
  const integrated = got.integrated ? bool(got.integrated.key, got.integrated.value, where, { sspi: true }) : false;
  const user = got.user?.value ?? "";
  const password = got.password?.value ?? "";
  let auth: SqlAuth;
  if (integrated) {
    // tedious has no SSPI/Kerberos for the current Windows user: NTLM needs explicit credentials.
    let domain = got.domain?.value ?? "";
    let name = user;
    const slash = user.indexOf("\\");
    if (slash >= 0) {
      domain = domain || user.slice(0, slash);
      name = user.slice(slash + 1);
    }
    if (!name || !password || !domain) {
      throw new UserError(where, "Integrated Security needs explicit Windows credentials here: Node's SQL driver speaks NTLM, not the current user's Kerberos ticket", "add User Id=DOMAIN\\user and Password=..., or Domain=... with User Id=user, or use SQL authentication");
    }
    auth = { kind: "ntlm", domain, user: name, password };
  } else {
    if (!user) throw new UserError(where, "connection string has neither User Id nor Integrated Security", "add User Id=...;Password=... for SQL authentication, or Integrated Security=true with User Id=DOMAIN\\user;Password=... for Windows (NTLM)");
    if (!got.password) throw new UserError(where, `connection string has User Id but no Password`, "add Password=... (pass the whole string from a secret store, not a file in the repository)");
    auth = { kind: "sql", user, password };
  }
  let encrypt: boolean | "strict" = SETTINGS_DEFAULTS.encrypt;
  if (got.encrypt) {
    const v = got.encrypt.value.trim().toLowerCase();
    encrypt = v === "strict" ? "strict" : bool(got.encrypt.key, v, where, { mandatory: true, optional: false });
  }
  const hostName = got.hostName?.value.trim() || null;
  if (hostName !== null && !/^[A-Za-z0-9.-]+$/.test(hostName)) {
    throw new UserError(where, `connection string key "${got.hostName!.key}" is not a host name`, `set ${got.hostName!.key} to the name the server's certificate carries, e.g. sql01.contoso.local`);
  }
  let readOnlyIntent: boolean = SETTINGS_DEFAULTS.readOnlyIntent;
  if (got.intent) {
    const v = got.intent.value.trim().toLowerCase();
    if (v !== "readonly" && v !== "readwrite") throw new UserError(where, `connection string key "${got.intent.key}" is neither ReadOnly nor ReadWrite`, `set ${got.intent.key}=ReadOnly or remove it`);
    readOnlyIntent = v === "readonly";
  }
  return {
    ...server,
    database: got.database.value,
    auth,
    encrypt,
    trustServerCertificate: overrides.trustServerCertificate || (got.trust ? bool(got.trust.key, got.trust.value, where) : SETTINGS_DEFAULTS.trustServerCertificate),
    hostNameInCertificate: hostName,
    connectTimeoutMs: got.connectTimeout ? seconds(got.connectTimeout.key, got.connectTimeout.value, where) : SETTINGS_DEFAULTS.connectTimeoutMs,
    requestTimeoutMs: overrides.requestTimeoutMs ?? (got.commandTimeout ? seconds(got.commandTimeout.key, got.commandTimeout.value, where) : SETTINGS_DEFAULTS.requestTimeoutMs),
    readOnlyIntent,
    applicationName: got.appName?.value || SETTINGS_DEFAULTS.applicationName,
    retry: overrides.retry ?? retryPolicy(got.retryCount, got.retryInterval, where),
  };
}

function retryPolicy(count: { key: string; value: string } | undefined, interval: { key: string; value: string } | undefined, where: string): RetryPolicy {
  const base = SETTINGS_DEFAULTS.retry;
  if (count && !/^\d{1,3}$/.test(count.value.trim())) throw new UserError(where, `connection string key "${count.key}" is not a whole number`, `set ${count.key} to the number of retries, e.g. ${count.key}=4 (0 = no retries)`);
  return {
    attempts: count ? Number(count.value.trim()) + 1 : base.attempts,
    baseDelayMs: interval ? seconds(interval.key, interval.value, where) : base.baseDelayMs,
    maxDelayMs: base.maxDelayMs,
  };
}

/** Discrete settings as a program gives them (e.g. from Pulumi config): the required three, the rest optional. */
export type SqlSettingsInput = Pick<SqlSettings, "host" | "database" | "auth"> & Partial<Omit<SqlSettings, "host" | "database" | "auth">>;

/**
 * Validates discrete settings and fills the defaults. `where` names their origin (a config key), for
 * errors; like the parser, it names fields and never repeats a credential.
 */
export function sqlSettings(input: SqlSettingsInput, where: string): SqlSettings {
  const s: SqlSettings = { ...SETTINGS_DEFAULTS, ...input };
  rememberSecret(s.auth.password);
  const problems: Array<[string, string]> = [];
  if (!s.host.trim()) problems.push(["host is empty", "set host to the SQL Server's name or address"]);
  if (!s.database.trim()) problems.push(["database is empty", "set database, e.g. mgc or the Group Chat database's name"]);
  if (s.port !== null && (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) problems.push([`port ${s.port} is not a TCP port`, "set port from 1 to 65535, or leave it out"]);
  if (!s.auth.user || !s.auth.password) problems.push(["auth needs user and password", "set auth.user and auth.password (from a secret)"]);
  if (s.auth.kind === "ntlm" && !s.auth.domain) problems.push(["NTLM auth needs a domain", "set auth.domain to the NetBIOS or DNS domain name"]);
  if (s.connectTimeoutMs <= 0 || s.requestTimeoutMs < 0) problems.push(["timeouts must be positive (requestTimeoutMs may be 0 = none)", "set connectTimeoutMs > 0 and requestTimeoutMs >= 0"]);
  if (!Number.isInteger(s.retry.attempts) || s.retry.attempts < 1 || s.retry.baseDelayMs < 0 || s.retry.maxDelayMs < s.retry.baseDelayMs) problems.push(["retry policy is inconsistent", "set retry.attempts >= 1 and 0 <= retry.baseDelayMs <= retry.maxDelayMs"]);
  const first = problems[0];
  if (first) throw new UserError(where, problems.map((p) => p[0]).join("; "), first[1]);
  return s;
}

/** The secrets of a settings object, for the secrets gate (`redact`) at every edge. */
export function settingsSecrets(s: SqlSettings): string[] {
  return [s.auth.password];
}
