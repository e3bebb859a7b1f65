/**
 * A small, strict parser for registry export files (`.reg`), as written by regedit: no package on
 * npm reads them. It is strict on purpose: a contact list read half-right is worse than a clear
 * error, so anything regedit would not have written is a UserError with `file:line` and a fix.
 *
 * The result is the registry state the file would leave behind if imported into an empty hive:
 * `[-key]` removes a key and its subkeys, `"v"=-` removes a value, later lines win.
 */
import { UserError } from "../common/errors";

export type RegValue =
  | { type: "REG_SZ"; data: string }
  | { type: "REG_EXPAND_SZ"; data: string }
  | { type: "REG_MULTI_SZ"; data: string[] }
  | { type: "REG_DWORD"; data: number }
  | { type: "REG_DWORD_BIG_ENDIAN"; data: number }
  | { type: "REG_QWORD"; data: bigint }
  /** Every other kind (REG_NONE, REG_BINARY, REG_LINK, resource lists): the raw bytes and the hex(N) kind. */
  | { type: "REG_BINARY" | "REG_NONE" | "REG_LINK" | "REG_RESOURCE_LIST" | "REG_FULL_RESOURCE_DESCRIPTOR" | "REG_RESOURCE_REQUIREMENTS_LIST"; data: Uint8Array; kind: number };

export interface RegKey {
  /** The path as last written in the file, e.g. `HKEY_CURRENT_USER\Software\Microsoft`. */
  path: string;
  /** By lower-cased value name; the default value (`@`) has the name "". */
  values: Map<string, { name: string; value: RegValue; line: number }>;
  /** Line of the key's `[...]` header that created it. */
  line: number;
}

export interface RegFile {
  file: string;
  header: "REGEDIT4" | "Windows Registry Editor Version 5.00";
  encoding: "utf-16le" | "windows-1252";
  /** By lower-cased full path (registry paths are case-insensitive), in the order first created. */
  keys: Map<string, RegKey>;
}

const HIVES = ["HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE", "HKEY_USERS", "HKEY_CLASSES_ROOT", "HKEY_CURRENT_CONFIG"];

const HEX_KINDS: Record<number, RegValue["type"]> = {
  0: "REG_NONE",
  1: "REG_SZ",
  2: "REG_EXPAND_SZ",
  3: "REG_BINARY",
  4: "REG_DWORD",
  5: "REG_DWORD_BIG_ENDIAN",
  6: "REG_LINK",
  7: "REG_MULTI_SZ",
  8: "REG_RESOURCE_LIST",
  9: "REG_FULL_RESOURCE_DESCRIPTOR",
  10: "REG_RESOURCE_REQUIREMENTS_LIST",
  11: "REG_QWORD",
};

const LATIN1 = new TextDecoder("latin1");
// Node's TextDecoder may decode "windows-1252" as ISO-8859-1; 0x80-0x9f differ, so map them here.
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const ANSI = {
  decode(bytes: Uint8Array): string {
    return LATIN1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
  },
};
const UTF16 = new TextDecoder("utf-16le", { fatal: true });

/** Decodes the bytes of a `.reg` file: UTF-16LE when it starts with the BOM regedit writes, else ANSI. */
export function decodeRegBytes(bytes: Uint8Array, file: string): { text: string; encoding: RegFile["encoding"] } {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new UserError(`${file}:1`, "the file is UTF-16 big-endian, which regedit never writes", "Re-export the key with regedit (File > Export) or save the file as UTF-16LE (\"Unicode\") or ANSI.");
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    if ((bytes.length - 2) % 2 !== 0) {
      throw new UserError(`${file}:1`, "the file starts with a UTF-16LE byte order mark but has an odd number of bytes (truncated?)", "Collect the export again from the client; do not edit it with a tool that changes the encoding.");
    }
    try {
      return { text: UTF16.decode(bytes.subarray(2)), encoding: "utf-16le" };
    } catch {
      throw new UserError(`${file}:1`, "the file is not valid UTF-16LE", "Collect the export again from the client with regedit.");
    }
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // A UTF-8 BOM means an editor re-saved the file; regedit itself never writes UTF-8.
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "windows-1252" };
  }
  return { text: ANSI.decode(bytes), encoding: "windows-1252" };
}

/** Parses a `.reg` file from its bytes. Throws a UserError naming `file:line` at the first problem. */
export function parseRegBytes(bytes: Uint8Array, file: string): RegFile {
  const { text, encoding } = decodeRegBytes(bytes, file);
  return parseRegText(text, file, encoding);
}

interface LogicalLine {
  text: string;
  line: number;
}

/** Joins `\` continuations (regedit wraps long hex values at 80 columns) into logical lines. */
function logicalLines(text: string, file: string): LogicalLine[] {
  // Split on LF and drop the CR of CRLF: regedit writes CRLF, hand-edited files may have LF only.
  const raw = text.split("\n");
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i] as string;
    if (l.endsWith("\r")) raw[i] = l.slice(0, -1);
  }
  const out: LogicalLine[] = [];
  let pending: LogicalLine | null = null;
  for (let i = 0; i < raw.length; i++) {
    const physical = raw[i] ?? "";
    const lineNo = i + 1;
    if (pending) {
      const piece = physical.trimStart();
      if (piece.trim() === "") {
        throw new UserError(`${file}:${pending.line}`, i === raw.length - 1 ? "the hex value continues with `\\` past the end of the file" : "the hex value continues with `\\` onto an empty line", "The file is truncated or edited: collect the export again from the client.");
      }
      if (piece.endsWith("\\")) {
        pending.text += piece.slice(0, -1);
        continue;
      }
      pending.text += piece;
      out.push(pending);
      pending = null;
      continue;
    }
    // Only hex values continue across lines; a string value ending in `\` is an escaped backslash.
    if (physical.trimEnd().endsWith("\\") && /^\s*("(?:[^"\\]|\\.)*"|@)\s*=\s*hex(\([0-9a-fA-F]+\))?:/.test(physical)) {
      pending = { text: physical.trimEnd().slice(0, -1), line: lineNo };
      continue;
    }
    out.push({ text: physical, line: lineNo });
  }
  if (pending) {
    throw new UserError(`${file}:${pending.line}`, "the hex value continues with `\\` past the end of the file", "The file is truncated: collect the export again from the client.");
  }
  return out;
}

/** Parses the decoded text of a `.reg` file. */
export function parseRegText(text: string, file: string, encoding: RegFile["encoding"] = "windows-1252"): RegFile {
  const lines = logicalLines(text.startsWith("\uFEFF") ? text.slice(1) : text, file);
  let headerIndex = lines.findIndex((l) => l.text.trim() !== "");
  const headerLine = lines[headerIndex];
  const header = headerLine?.text.trim();
  if (header !== "REGEDIT4" && header !== "Windows Registry Editor Version 5.00") {
    throw new UserError(
      `${file}:${headerLine?.line ?? 1}`,
      `the first line is ${header === undefined ? "missing" : JSON.stringify(header.slice(0, 60))}, not a registry export header`,
      'Give only files exported by regedit: they start with "Windows Registry Editor Version 5.00" or "REGEDIT4".',
    );
  }
  // REGEDIT4 files store hex(1)/hex(2)/hex(7) strings as single-byte ANSI; version 5 as UTF-16LE.
  const wide = header !== "REGEDIT4";
  const keys = new Map<string, RegKey>();
  let current: RegKey | null = null;
  let currentDeleted = false;

  for (let i = headerIndex + 1; i < lines.length; i++) {
    const { text: rawText, line } = lines[i] as LogicalLine;
    const where = `${file}:${line}`;
    const t = rawText.trim();
    if (t === "" || t.startsWith(";")) continue;
    if (t.startsWith("[")) {
      if (!t.endsWith("]")) {
        throw new UserError(where, `the key line ${JSON.stringify(t.slice(0, 80))} has no closing "]"`, "Close the key name with ] on the same line, as regedit writes it.");
      }
      const deletion = t.startsWith("[-");
      const path = t.slice(deletion ? 2 : 1, -1);
      checkKeyPath(path, where);
      const lower = path.toLowerCase();
      if (deletion) {
        for (const k of [...keys.keys()]) if (k === lower || k.startsWith(lower + "\\")) keys.delete(k);
        current = null;
        currentDeleted = true;
        continue;
      }
      currentDeleted = false;
      current = keys.get(lower) ?? null;
      if (!current) {
        current = { path, values: new Map(), line };
        keys.set(lower, current);
      }
      continue;
    }
    const { name, rest } = parseValueName(t, where);
    if (name.includes("\0")) throw new UserError(where, `the value name ${JSON.stringify(name.slice(0, 60))} holds a NUL character (U+0000)`, NUL_FIX);
    if (!current) {
      throw new UserError(
        where,
        currentDeleted ? `the value ${JSON.stringify(name)} follows a [-key] deletion, so it belongs to no key` : `the value ${JSON.stringify(name)} comes before any [key] line`,
        "Put a [HKEY_...\\path] line before the values of that key.",
      );
    }
    if (rest === "-") {
      current.values.delete(name.toLowerCase());
      continue;
    }
    current.values.set(name.toLowerCase(), { name, value: parseValueData(rest, where, wide), line });
  }
  return { file, header, encoding, keys };
}

const NUL_FIX = "Collect the export again with regedit: it never writes a NUL character in a key or value name, and a name cut at one would name another contact.";

function checkKeyPath(path: string, where: string): void {
  if (path.includes("\0")) throw new UserError(where, `the key name holds a NUL character (U+0000) at column ${path.indexOf("\0") + 2}`, NUL_FIX);
  const hive = path.split("\\")[0] ?? "";
  if (!HIVES.includes(hive.toUpperCase())) {
    throw new UserError(where, `the key ${JSON.stringify(path.slice(0, 80))} does not start with a registry hive`, `Start the key with one of ${HIVES.join(", ")} (regedit writes full hive names, not HKCU).`);
  }
  if (path.endsWith("\\") || path.includes("\\\\")) {
    throw new UserError(where, `the key ${JSON.stringify(path.slice(0, 80))} has an empty path segment`, "Remove the doubled or trailing backslash from the key name.");
  }
}

/** Reads `"name"` (with `\\` and `\"` escapes) or `@`, then `=`; returns the name and what follows. */
function parseValueName(t: string, where: string): { name: string; rest: string } {
  if (t.startsWith("@")) {
    const after = t.slice(1).trimStart();
    if (!after.startsWith("=")) throw new UserError(where, "the default value @ is not followed by =", 'Write the default value as @="text" (or another value type).');
    return { name: "", rest: after.slice(1).trim() };
  }
  if (!t.startsWith('"')) {
    throw new UserError(where, `the line ${JSON.stringify(t.slice(0, 80))} is neither a [key], a "value"=data line nor a comment`, 'Fix or remove the line: values are written "name"=data, comments start with ;.');
  }
  const { value: name, end } = readQuoted(t, 0, where);
  const after = t.slice(end).trimStart();
  if (!after.startsWith("=")) throw new UserError(where, `the value name ${JSON.stringify(name)} is not followed by =`, 'Write values as "name"=data.');
  return { name, rest: after.slice(1).trim() };
}

/** Reads a quoted string starting at `start` (a `"`); regedit escapes only `\` and `"`. */
function readQuoted(t: string, start: number, where: string): { value: string; end: number } {
  // Fast path: no escape before the closing quote (almost every line regedit writes).
  const close = t.indexOf('"', start + 1);
  const slash = t.indexOf("\\", start + 1);
  if (close >= 0 && (slash < 0 || slash > close)) return { value: t.slice(start + 1, close), end: close + 1 };
  let out = "";
  for (let i = start + 1; i < t.length; i++) {
    const c = t[i] as string;
    if (c === "\\") {
      const n = t[i + 1];
      if (n === "\\" || n === '"') {
        out += n;
        i++;
        continue;
      }
      throw new UserError(where, `the string has an unknown escape \\${n ?? "(end of line)"} at column ${i + 1}`, 'Inside quotes write a backslash as \\\\ and a quote as \\"; regedit knows no other escapes.');
    }
    if (c === '"') return { value: out, end: i + 1 };
    out += c;
  }
  throw new UserError(where, "a quoted string is not closed on its line", 'Close the string with " (regedit writes each string value on one line).');
}

function parseValueData(rest: string, where: string, wide: boolean): RegValue {
  if (rest.startsWith('"')) {
    const { value, end } = readQuoted(rest, 0, where);
    const trailing = rest.slice(end).trim();
    if (trailing !== "") throw new UserError(where, `unexpected text ${JSON.stringify(trailing.slice(0, 40))} after the string value`, "Remove the text after the closing quote.");
    // A string value ends at its first NUL in the registry: text after one is not what the client shows.
    if (value.includes("\0")) throw new UserError(where, "the string data holds a NUL character (U+0000)", NUL_FIX);
    return { type: "REG_SZ", data: value };
  }
  const dword = /^dword:(.*)$/i.exec(rest);
  if (dword) {
    const digits = (dword[1] ?? "").trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(digits)) {
      throw new UserError(where, `dword:${digits.slice(0, 20)} is not 1 to 8 hexadecimal digits`, "Write a DWORD as dword:0000002a (hexadecimal, at most 8 digits).");
    }
    return { type: "REG_DWORD", data: parseInt(digits, 16) };
  }
  const hex = /^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$/i.exec(rest);
  if (hex) {
    const kind = hex[1] === undefined ? 3 : parseInt(hex[1], 16);
    const bytes = parseHexBytes(hex[2] ?? "", where);
    return decodeHex(kind, bytes, where, wide);
  }
  throw new UserError(where, `the value data ${JSON.stringify(rest.slice(0, 40))} has no known type`, 'Use "text", dword:XXXXXXXX, hex:.., hex(N):.. or - (delete the value).');
}

function parseHexBytes(list: string, where: string): Uint8Array {
  const body = list.trim();
  if (body === "") return new Uint8Array(0);
  const parts = body.split(",");
  const out = new Uint8Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = (parts[i] as string).trim();
    if (!/^[0-9a-fA-F]{2}$/.test(p)) {
      throw new UserError(where, `byte ${i + 1} of the hex list is ${JSON.stringify(p.slice(0, 10))}, not two hexadecimal digits`, "Write hex data as comma-separated pairs (hex:01,ff,...), continued on the next line with a trailing backslash.");
    }
    out[i] = parseInt(p, 16);
  }
  return out;
}

function decodeString(bytes: Uint8Array, where: string, wide: boolean, what: string): string {
  if (!wide) return ANSI.decode(bytes);
  if (bytes.length % 2 !== 0) {
    throw new UserError(where, `the ${what} data has an odd number of bytes (${bytes.length}), so it is not UTF-16LE`, "Re-export the key with regedit; in a version 5.00 file string data in hex is UTF-16LE (two bytes per character).");
  }
  try {
    return UTF16.decode(bytes);
  } catch {
    throw new UserError(where, `the ${what} data is not valid UTF-16LE`, "Re-export the key with regedit.");
  }
}

function stripTrailingNul(s: string): string {
  return s.endsWith("\0") ? s.slice(0, -1) : s;
}

function decodeHex(kind: number, bytes: Uint8Array, where: string, wide: boolean): RegValue {
  const type = HEX_KINDS[kind];
  if (!type) throw new UserError(where, `hex(${kind.toString(16)}) is not a registry value type`, "Use hex(0) to hex(b); anything else was not written by regedit.");
  switch (type) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      return { type, data: stripTrailingNul(decodeString(bytes, where, wide, type)) };
    case "REG_MULTI_SZ": {
      const s = decodeString(bytes, where, wide, type);
      // Strings end with NUL and the list with one more; an empty list is a single NUL (or nothing).
      const items = s.split("\0");
      while (items.length > 0 && items[items.length - 1] === "") items.pop();
      return { type, data: items };
    }
    case "REG_DWORD":
    case "REG_DWORD_BIG_ENDIAN": {
      if (bytes.length !== 4) throw new UserError(where, `${type} data has ${bytes.length} bytes instead of 4`, "Write a DWORD as exactly four bytes (or as dword:XXXXXXXX).");
      const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
      return { type, data: view.getUint32(0, type === "REG_DWORD") };
    }
    case "REG_QWORD": {
      if (bytes.length !== 8) throw new UserError(where, `REG_QWORD data has ${bytes.length} bytes instead of 8`, "Write a QWORD as hex(b): with exactly eight bytes, least significant first.");
      return { type, data: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true) };
    }
    default:
      return { type, data: bytes, kind };
  }
}

/** The value's data as text when it is a string type; null otherwise (callers report the mismatch). */
export function valueAsString(v: RegValue): string | null {
  return v.type === "REG_SZ" || v.type === "REG_EXPAND_SZ" ? v.data : null;
}
