/**
 * Keeping secrets out of everything the kit prints or writes: logs, reports, errors, plan output.
 * Connection strings are the usual carrier (`Password=...`), so they are redacted by key; any other
 * known secret value is redacted wherever it appears.
 */
export const REDACTED = "[secret]";

/** Keys whose value is a secret, as written in connection strings (spaces and case do not matter). */
const SECRET_KEY = String.raw`p(?:ass)?w(?:or)?d|pwd|account\s*key|shared\s*access\s*signature|client\s*secret|access\s*token|sas\s*token`;
/** A value: quoted (quotes doubled inside), braced, or up to the next `;` (so a free-text tail is hidden too). */
const VALUE = String.raw`"(?:[^"]|"")*"|'(?:[^']|'')*'|\{[^}]*\}|[^;]*`;
const KEYED = new RegExp(String.raw`(^|[^A-Za-z0-9])(${SECRET_KEY})(\s*=\s*)(${VALUE})`, "gi");

/**
 * `Server=x;User Id=sa;Password=p` -> `Server=x;User Id=sa;Password=[secret]`, wherever the key
 * stands (also in free text such as `login failed: Password=p`), and `mssql://user:pass@host`.
 */
export function redactConnectionString(text: string): string {
  let out = text.replace(KEYED, (_all, lead: string, key: string, eq: string) => `${lead}${key}${eq}${REDACTED}`);
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
