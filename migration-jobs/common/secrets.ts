/**
 * Keeping secrets out of everything the kit prints or writes: logs, reports, errors, plan output.
 *
 * `redact` is the single gate: the command line's output (`guardedIo` in io.ts, and so every error
 * the CLI prints), the report writers (common/report.ts, the rehearsal's files, the contacts outputs),
 * the snapshot manifest and the Pulumi program's error path all pass their text through it. It hides
 * - the value of every secret key of a connection string (`Password=`, `Pwd=`, `AccountKey=`, ...),
 *   quoted (`"a;b"`, `'a;b'`), braced (`{a;b}`), unclosed (to the end of the text), or bare, where a
 *   bare value runs on over `;` until a part that starts with a known connection-string key: in
 *   `Password=a;b;Database=x` the password may be `a;b`, so both parts are hidden;
 * - the password of URL-form strings (`mssql://user:password@host/db`, `sqlserver://...`);
 * - the signature of a SAS URL (`sig=`);
 * - in a JSON document, each string on its own (so the document stays valid JSON) and the value of
 *   any member whose name is a secret's (`"password": "..."`);
 * - every secret value the kit has been told about (`rememberSecret`: passwords parsed from
 *   connection strings, the program's secret inputs), wherever it appears.
 */
export const REDACTED = "[secret]";

/**
 * Keys whose value is a secret, as written in connection strings (spaces and case do not matter),
 * also at the end of a longer name (`adminPassword=`); a SAS URL's `sig=` only as a whole name.
 */
const SECRET_KEY = String.raw`p(?:ass)?w(?:or)?d|pwd|account\s*key|shared\s*access\s*signature|client\s*secret|access\s*token|sas\s*token`;
const SECRET_AT = new RegExp(String.raw`(?:(?<![A-Za-z0-9])(sig)|(${SECRET_KEY}))\s*=\s*`, "gi");

/** How every SECRET_MEMBER name ends (a cheap first test: most member names fail it). */
const SECRET_MEMBER_TAIL = /(?:d|y|e|t|n|g)$/i;
/** A JSON member name that holds a secret (`password`, `adminPassword`, `AccountKey`, `sas_token`, ...). */
const SECRET_MEMBER = /(?:password|passwd|pwd|accountkey|sharedaccesssignature|clientsecret|accesstoken|sastoken|connectionstring)$/;

/**
 * Whether a key or member name says it holds a secret (`password`, `sqlPassword`, `accountKey`,
 * `connection_string`, ...): the name the JSON gate hides a value by, and the name the config check
 * refuses a plain value under (common/validation.ts).
 */
export function isSecretName(name: string): boolean {
  return SECRET_MEMBER_TAIL.test(name) && SECRET_MEMBER.test(normalizeKey(name));
}

/**
 * Keys that can follow a password in a connection string: ADO.NET's (those the kit reads and those it
 * ignores), ODBC's, JDBC's and Azure Storage's. A `;` followed by one of them ends a bare secret value;
 * anything else after a `;` may still be part of it.
 */
const KNOWN_KEYS = new Set(
  [
    "server", "data source", "address", "addr", "network address", "database", "initial catalog", "user id", "uid", "user", "username", "user name",
    "password", "pwd", "integrated security", "trusted_connection", "encrypt", "trust server certificate", "connect timeout", "connection timeout",
    "timeout", "command timeout", "application name", "app", "application intent", "connect retry count", "connect retry interval", "domain",
    "persist security info", "pooling", "max pool size", "min pool size", "multiple active result sets", "multi subnet failover", "packet size",
    "workstation id", "wsid", "load balance timeout", "transaction binding", "type system version", "current language", "language", "enlist",
    "driver", "dsn", "provider", "failover partner", "attachdbfilename", "authentication", "column encryption setting", "host name in certificate",
    "databasename", "database name", "servername", "server name", "instancename", "instance name", "portnumber", "port", "integratedsecurity",
    "defaultendpointsprotocol", "accountname", "account key", "endpointsuffix", "blobendpoint", "queueendpoint", "tableendpoint", "fileendpoint",
    "shared access signature", "sig", "sv", "se", "sp", "sr", "st", "spr", "ss", "srt",
  ].map(normalizeKey),
);

function normalizeKey(key: string): string {
  return key.replace(/[\s_-]+/g, "").toLowerCase();
}

/** Where the value that starts at `i` ends (exclusive). `sig` values are URL query values. */
function valueEnd(text: string, i: number, key: string): number {
  if (normalizeKey(key) === "sig") {
    let j = i;
    while (j < text.length && !/[&;\s"'<>]/.test(text[j]!)) j++;
    return j;
  }
  const stop = (from: number): number => {
    let j = from;
    while (j < text.length && text[j] !== ";" && text[j] !== "\n" && text[j] !== "\r") j++;
    return j;
  };
  // A bare value, or what follows a closing quote before the next `;` (`"a\"b"` is no ADO.NET quoting).
  const bare = (from: number): number => {
    let end = stop(from);
    // `Password=a;b;Database=x`: `b` cannot be a key (no `=`, or not a known one), so it is the password's.
    while (text[end] === ";") {
      const next = stop(end + 1);
      const part = text.slice(end + 1, next);
      const key = /^\s*([A-Za-z][A-Za-z0-9 _-]*?)\s*=/.exec(part);
      if (key && KNOWN_KEYS.has(normalizeKey(key[1]!))) break;
      end = next;
    }
    return end;
  };
  const afterQuoted = (j: number): number => (j >= text.length || /[;\s]/.test(text[j]!) ? j : bare(j));
  const c = text[i];
  if (c === '"' || c === "'") {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] !== c) continue;
      if (text[j + 1] === c) {
        j++;
        continue;
      }
      return afterQuoted(j + 1);
    }
    // A quote never closed: everything after it may be the secret.
    return text.length;
  }
  if (c === "{") {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] !== "}") continue;
      if (text[j + 1] === "}") {
        j++;
        continue;
      }
      return afterQuoted(j + 1);
    }
    return text.length;
  }
  return bare(i);
}

/**
 * Already hidden (the gate runs again on text built from redacted parts), or a placeholder in a fix
 * or help text (`Password=...`, `Password=<password>`): the length to keep as it is, else 0.
 */
function placeholderAt(text: string, i: number): number {
  const m = /^(?:\[secret\]|\.\.\.|<[A-Za-z .-]{1,40}>)(?=$|[\s;,")'\]])/.exec(text.slice(i, i + 48));
  return m ? m[0].length : 0;
}

function redactKeyed(text: string): string {
  if (!text.includes("=")) return text;
  let out = "";
  let last = 0;
  SECRET_AT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SECRET_AT.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const kept = placeholderAt(text, start);
    if (kept > 0) {
      SECRET_AT.lastIndex = start + kept;
      continue;
    }
    const end = valueEnd(text, start, m[1] ?? m[2]!);
    out += text.slice(last, start) + REDACTED;
    last = end;
    SECRET_AT.lastIndex = Math.max(end, start);
  }
  return out + text.slice(last);
}

/**
 * `scheme://user:password@host`: the password runs to the last `@` of the line, so a password that
 * holds `@`, `/` or `:` is hidden whole.
 */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]*:)([^\r\n]{0,512})@/gi;

function redactUrls(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(URL_USERINFO, (all: string, head: string, password: string) => (placeholderAt(password, 0) === password.length ? all : `${head}${REDACTED}@`));
}

// Shorter values would shred ordinary text and are not credentials anyone would choose.
const MIN_REMEMBERED = 4;
const remembered = new Set<string>();

/** Tells the gate about a secret value, so it is hidden wherever it appears from now on (this process). */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value === "string" && value.length >= MIN_REMEMBERED) remembered.add(value);
}

/** Replaces every occurrence of each known secret value (ignoring empty ones) in `text`. */
export function redactValues(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  const values = [...secrets].filter((s): s is string => typeof s === "string" && s.length > 0);
  // Longest first, so a secret that contains another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
}

/**
 * Connection-string passwords (keyed, in every quoting) and URL-form passwords, wherever they stand
 * (also in free text such as `login failed: Password=p`). Plain text only: `redact` is the gate.
 */
export function redactConnectionString(text: string): string {
  return redactUrls(redactKeyed(text));
}

function redactPlain(text: string, also: readonly string[]): string {
  let out = text.includes("=") || text.includes("://") ? redactConnectionString(text) : text;
  if (remembered.size > 0) out = redactValues(out, remembered);
  if (also.length > 0) out = redactValues(out, also);
  return out;
}

const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\.)*"/g;

/** The index of the first character at or after `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  return i;
}

/**
 * A JSON text with each string redacted on its own and secret members' values hidden; formatting kept.
 * Only changed strings are rebuilt: a large document with nothing to hide is returned as it is.
 */
function redactJsonText(text: string, also: readonly string[]): string {
  const values = [...remembered, ...also];
  const parts: string[] = [];
  let last = 0;
  let secretValueAt = -1;
  JSON_STRING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = JSON_STRING.exec(text)) !== null) {
    const literal = m[0];
    const at = m.index;
    const after = at + literal.length;
    const next = skipSpace(text, after);
    let replacement = literal;
    if (text[next] === ":") {
      // A member name: its value is hidden whole when the name is a secret's.
      const name = literal.includes("\\") ? (JSON.parse(literal) as string) : literal.slice(1, -1);
      secretValueAt = isSecretName(name) ? skipSpace(text, next + 1) : -1;
      replacement = redactLiteral(literal, values, also);
    } else {
      replacement = secretValueAt === at ? JSON.stringify(REDACTED) : redactLiteral(literal, values, also);
      secretValueAt = -1;
    }
    if (replacement !== literal) {
      parts.push(text.slice(last, at), replacement);
      last = after;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(last));
  return parts.join("");
}

/** One JSON string literal through the gate; most (names, counts) hold nothing worth decoding. */
function redactLiteral(literal: string, values: readonly string[], also: readonly string[]): string {
  const raw = literal.slice(1, -1);
  const worth = raw.includes("=") || raw.includes("://") || raw.includes("\\") || values.some((s) => raw.includes(s));
  if (!worth) return literal;
  const value = JSON.parse(literal) as string;
  const clean = redactPlain(value, also);
  return clean === value ? literal : JSON.stringify(clean);
}

/** A secret member name anywhere in a JSON text (`"password":`, `"sqlAdminPassword" :`). */
const SECRET_MEMBER_NAME = /(?:password|passwd|pwd|accountkey|sharedaccesssignature|clientsecret|accesstoken|sastoken|connectionstring)"\s*:/i;

/** Whether a JSON text can hold anything to hide: most large documents (analyses, plans) cannot. */
function mayHoldSecrets(text: string, values: readonly string[]): boolean {
  // The same URL shape URL_USERINFO hides, so nothing it would catch passes here unexamined.
  return text.includes("=") || /:\/\/[^\s:/@?#]*:[^\r\n]{0,512}@/.test(text) || SECRET_MEMBER_NAME.test(text) || values.some((v) => text.includes(v));
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]")))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * THE gate: every text that leaves the kit passes here. A JSON document stays valid JSON (each of its
 * strings is redacted on its own); any other text is redacted as a whole. `also` adds secret values
 * known only to the caller.
 */
export function redact(text: string, also: Iterable<string | null | undefined> = []): string {
  const extra = [...also].filter((s): s is string => typeof s === "string" && s.length > 0);
  // Nothing that could be a secret: the text leaves as it is, without the cost of parsing it.
  if (!mayHoldSecrets(text, [...remembered, ...extra])) return text;
  return looksLikeJson(text) ? redactJsonText(text, extra) : redactPlain(text, extra);
}

/** `value` as JSON text (`indent` as JSON.stringify's), through the gate: what the kit writes as JSON. */
export function redactJson(value: unknown, indent?: number, also: Iterable<string | null | undefined> = []): string {
  const extra = [...also].filter((s): s is string => typeof s === "string" && s.length > 0);
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) return "";
  return mayHoldSecrets(text, [...remembered, ...extra]) ? redactJsonText(text, extra) : text;
}
