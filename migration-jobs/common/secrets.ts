/**
 * Keeping secrets out of everything the kit prints or writes: logs, reports, errors, plan output.
 * Connection strings are the usual carrier (`Password=...`), so they are redacted by key; any other
 * known secret value is redacted wherever it appears.
 */
export const REDACTED = "[secret]";

const SECRET_KEYS = ["password", "pwd", "accountkey", "sharedaccesssignature", "clientsecret", "token"];

/** `Server=x;User Id=sa;Password=p` -> `Server=x;User Id=sa;Password=[secret]`; also `mssql://user:pass@host`. */
export function redactConnectionString(text: string): string {
  let out = text.replace(/([;\s"']|^)([A-Za-z ]+?)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{[^}]*\}|[^;]*)/g, (all, lead: string, key: string, _value: string) => {
    const k = key.replace(/\s+/g, "").toLowerCase();
    return SECRET_KEYS.includes(k) ? `${lead}${key}=${REDACTED}` : all;
  });
  out = out.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)([^@\s]+)(@)/gi, `$1${REDACTED}$3`);
  return out;
}

/** Replaces every occurrence of each known secret value (ignoring empty ones) in `text`. */
export function redactValues(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  const values = [...secrets].filter((s): s is string => typeof s === "string" && s.length > 0);
  // Longest first, so a secret that contains another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}
