/**
 * The .reg parser, against byte-exact inputs as regedit writes them: both headers, UTF-16LE with BOM
 * and CRLF, ANSI (windows-1252), every value type, continuations, deletions and a malformed corpus.
 * No stand-in: the parser is pure and reads bytes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../migration-jobs/common/errors";
import { parseRegBytes, parseRegText, RegFile, RegValue } from "../../migration-jobs/contacts/regfile";

const FIX = path.join(__dirname, "fixtures");
const utf16 = (s: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.replace(/\r?\n/g, "\r\n"), "utf16le")]);
const ansi = (s: string): Uint8Array => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "latin1");
const V5 = "Windows Registry Editor Version 5.00";
const KEY = "HKEY_CURRENT_USER\\Software\\Test";

function value(reg: RegFile, name: string, key = KEY): RegValue | undefined {
  return reg.keys.get(key.toLowerCase())?.values.get(name.toLowerCase())?.value;
}

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("headers and encodings", () => {
  it.each([
    ["v5 in UTF-16LE with BOM and CRLF", utf16(`${V5}\n\n[${KEY}]\n"name"="Jos\u00e9 \u5f20"\n`), "utf-16le", V5],
    ["REGEDIT4 in ANSI", ansi(`REGEDIT4\n\n[${KEY}]\n"name"="Jos\u00e9 \u00a4"\n`), "windows-1252", "REGEDIT4"],
    ["REGEDIT4 with LF only", Buffer.from(`REGEDIT4\n[${KEY}]\n"name"="x"\n`, "latin1"), "windows-1252", "REGEDIT4"],
  ])("%s", (_name, bytes, encoding, header) => {
    const reg = parseRegBytes(bytes, "t.reg");
    expect(reg.encoding).toBe(encoding);
    expect(reg.header).toBe(header);
    expect(value(reg, "name")?.type).toBe("REG_SZ");
  });

  it("decodes windows-1252 bytes above 0x7f (0x80 is the euro sign)", () => {
    const reg = parseRegBytes(Buffer.concat([ansi(`REGEDIT4\n[${KEY}]\n"n"="`), Buffer.from([0x80, 0xe9]), ansi(`"\n`)]), "t.reg");
    expect(value(reg, "n")).toEqual({ type: "REG_SZ", data: "\u20ac\u00e9" });
  });

  it("reads the fixture files of both kinds", () => {
    const alice = parseRegBytes(fs.readFileSync(path.join(FIX, "regs/alice-pc.reg")), "alice-pc.reg");
    const bob = parseRegBytes(fs.readFileSync(path.join(FIX, "regs/bob-pc.reg")), "bob-pc.reg");
    expect(alice.encoding).toBe("utf-16le");
    expect(bob.encoding).toBe("windows-1252");
    expect([...bob.keys.values()].flatMap((k) => [...k.values.values()].map((v) => v.value))).toContainEqual({ type: "REG_SZ", data: "Dav\u00e9" });
  });
});

describe("value types", () => {
  const text = `${V5}

[${KEY}]
@="default"
"sz"="a \\"quoted\\" C:\\\\path"
"dword"=dword:0000002a
"bin"=hex:de,ad,be,ef
"none"=hex(0):
"expand"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,00,00
"multi"=hex(7):61,00,00,00,62,00,63,00,00,00,00,00
"be"=hex(5):00,00,01,00
"le"=hex(4):01,00,00,00
"qword"=hex(b):ff,ff,ff,ff,ff,ff,ff,ff
"link"=hex(6):41,00
"sz1"=hex(1):68,00,69,00,00,00
`;
  const reg = parseRegText(text, "t.reg");
  it.each<[string, RegValue]>([
    ["", { type: "REG_SZ", data: "default" }],
    ["sz", { type: "REG_SZ", data: 'a "quoted" C:\\path' }],
    ["dword", { type: "REG_DWORD", data: 42 }],
    ["expand", { type: "REG_EXPAND_SZ", data: "%TEMP%" }],
    ["multi", { type: "REG_MULTI_SZ", data: ["a", "bc"] }],
    ["be", { type: "REG_DWORD_BIG_ENDIAN", data: 256 }],
    ["le", { type: "REG_DWORD", data: 1 }],
    ["qword", { type: "REG_QWORD", data: 18446744073709551615n }],
    ["sz1", { type: "REG_SZ", data: "hi" }],
  ])("value %j", (name, expected) => {
    expect(value(reg, name)).toEqual(expected);
  });
  it.each([
    ["bin", "REG_BINARY", 3, [0xde, 0xad, 0xbe, 0xef]],
    ["none", "REG_NONE", 0, []],
    ["link", "REG_LINK", 6, [0x41, 0x00]],
  ])("raw value %s is %s", (name, type, kind, bytes) => {
    const v = value(reg, name);
    expect(v?.type).toBe(type);
    expect(v && "kind" in v ? [v.kind, [...v.data]] : null).toEqual([kind, bytes]);
  });

  it("REGEDIT4 stores hex(2) and hex(7) strings as ANSI bytes", () => {
    const r4 = parseRegText(`REGEDIT4\n[${KEY}]\n"e"=hex(2):25,54,25,00\n"m"=hex(7):61,00,62,00,00\n`, "t.reg");
    expect(value(r4, "e")).toEqual({ type: "REG_EXPAND_SZ", data: "%T%" });
    expect(value(r4, "m")).toEqual({ type: "REG_MULTI_SZ", data: ["a", "b"] });
  });

  it("joins backslash continuations of long hex values, and keeps a string ending in an escaped backslash", () => {
    const r = parseRegText(`${V5}\n[${KEY}]\n"bin"=hex:01,02,\\\n  03,04,\\\n  05\n"path"="C:\\\\"\n`, "t.reg");
    expect(value(r, "bin")).toMatchObject({ type: "REG_BINARY" });
    const bin = value(r, "bin");
    expect(bin && "kind" in bin ? [...bin.data] : null).toEqual([1, 2, 3, 4, 5]);
    expect(value(r, "path")).toEqual({ type: "REG_SZ", data: "C:\\" });
  });
});

describe("deletions", () => {
  it("[-key] removes the key and its subkeys, later lines re-create; \"v\"=- removes a value", () => {
    const r = parseRegText(
      `${V5}
[${KEY}\\A]
"keep"="1"
"drop"="2"
[${KEY}\\A\\Sub]
"x"="y"
[${KEY}\\AB]
"other"="z"
[-${KEY}\\A]
[${KEY}\\AB]
"drop"=-
"other"=-
[${KEY}\\A]
"new"="3"
`,
      "t.reg",
    );
    expect([...r.keys.keys()]).toEqual([`${KEY}\\AB`.toLowerCase(), `${KEY}\\A`.toLowerCase()]);
    expect([...(r.keys.get(`${KEY}\\a`.toLowerCase())?.values.keys() ?? [])]).toEqual(["new"]);
    expect(r.keys.get(`${KEY}\\ab`.toLowerCase())?.values.size).toBe(0);
  });

  it("key paths are case-insensitive", () => {
    const r = parseRegText(`${V5}\n[${KEY}]\n"a"="1"\n[${KEY.toUpperCase()}]\n"A"="2"\n`, "t.reg");
    expect(r.keys.size).toBe(1);
    expect(value(r, "a")).toEqual({ type: "REG_SZ", data: "2" });
  });
});

describe("malformed corpus: every file is a UserError naming file:line with a fix", () => {
  const expected: Record<string, [number, RegExp]> = {
    "no-header.reg": [1, /not a registry export header/],
    "unclosed-key.reg": [3, /no closing "\]"/],
    "bad-hive.reg": [3, /does not start with a registry hive/],
    "value-before-key.reg": [3, /before any \[key\]/],
    "unterminated-string.reg": [4, /not closed/],
    "bad-escape.reg": [4, /unknown escape \\t/],
    "bad-dword.reg": [4, /1 to 8 hexadecimal digits/],
    "bad-hex-byte.reg": [4, /byte 2 of the hex list/],
    "bad-hex-kind.reg": [4, /hex\(1f\) is not a registry value type/],
    "odd-utf16.reg": [4, /odd number of bytes/],
    "qword-short.reg": [4, /8/],
    "dangling-continuation.reg": [4, /past the end of the file/],
    "unknown-type.reg": [4, /no known type/],
    "garbage-line.reg": [4, /neither a \[key\]/],
  };
  const files = fs.readdirSync(path.join(FIX, "malformed")).sort();
  it("covers every file of the corpus", () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });
  it.each(files)("%s", (file) => {
    const [line, problem] = expected[file] as [number, RegExp];
    const e = errorOf(() => parseRegBytes(fs.readFileSync(path.join(FIX, "malformed", file)), file));
    expect(e.where).toBe(`${file}:${line}`);
    expect(e.message).toMatch(problem);
    expect(e.fix.length).toBeGreaterThan(10);
  });

  it.each([
    ["UTF-16 big-endian", Buffer.from([0xfe, 0xff, 0x00, 0x52]), "x.reg:1"],
    ["truncated UTF-16LE", Buffer.from([0xff, 0xfe, 0x52, 0x00, 0x45]), "x.reg:1"],
    ["empty file", Buffer.alloc(0), "x.reg:1"],
  ])("%s", (_n, bytes, where) => {
    expect(errorOf(() => parseRegBytes(bytes, "x.reg")).where).toBe(where);
  });

  it("reports the line of a continued value at its first line", () => {
    const e = errorOf(() => parseRegText(`REGEDIT4\n[${KEY}]\n"a"=hex:01,\\\n  zz\n`, "c.reg"));
    expect(e.where).toBe("c.reg:3");
  });
});
