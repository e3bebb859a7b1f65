import { redact, redactConnectionString, redactJson, redactValues, rememberSecret, REDACTED } from "../../migration-jobs/common/secrets";

describe("redactConnectionString", () => {
  it.each([
    ["Server=sql01;Database=mgc;User Id=sa;Password=p4ss;Encrypt=true", "p4ss", "Server=sql01;Database=mgc;User Id=sa;Password=[secret];Encrypt=true"],
    ["server=x;PWD=p4ss", "p4ss", "server=x;PWD=[secret]"],
    ['Server=x;Password="a;b""c";Database=mgc', 'a;b""c', "Server=x;Password=[secret];Database=mgc"],
    ["Server=x;Password={a;b};Database=mgc", "a;b", "Server=x;Password=[secret];Database=mgc"],
    ["Server=x;Password='a;b';Database=mgc", "a;b", "Server=x;Password=[secret];Database=mgc"],
    ["login failed for x Password=p4ss and more", "p4ss", "login failed for x Password=[secret]"],
    ["AccountName=a;Account Key=k3y==;EndpointSuffix=core.windows.net", "k3y==", "AccountName=a;Account Key=[secret];EndpointSuffix=core.windows.net"],
    ["mssql://sa:p4ss@sql01/mgc", "p4ss", `mssql://sa:${REDACTED}@sql01/mgc`],
  ])("hides the secret of %s", (text, secret, expected) => {
    const out = redactConnectionString(text);
    expect(out).toBe(expected);
    expect(out).not.toContain(secret);
  });
  it("leaves text without secrets alone", () => {
    expect(redactConnectionString("Server=sql01;Database=mgc;Integrated Security=true")).toBe("Server=sql01;Database=mgc;Integrated Security=true");
  });
});

describe("redactValues", () => {
  it("replaces every occurrence of every known secret, longest first", () => {
    expect(redactValues("a abc b ab", ["ab", "abc", undefined, ""])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });
});

// The secrets gate, by class of input (issue 9). Every case holds sentinel pieces `S3ntinel-PW-*`:
// none may survive, and the text around them (keys, other values) stays readable.
const SENTINEL = /S3ntinel/;

describe("redact: a password containing ';' in an ADO connection string", () => {
  it.each([
    ["quoted", 'Server=sql01;Database=mgc;User Id=sa;Password="S3ntinel-PW-1;S3ntinel-PW-2";Encrypt=true', 'Server=sql01;Database=mgc;User Id=sa;Password=[secret];Encrypt=true'],
    ["quoted, quote doubled inside", 'Server=x;Password="S3ntinel-PW-1;""S3ntinel-PW-2";Database=mgc', "Server=x;Password=[secret];Database=mgc"],
    ["single-quoted", "Server=x;Password='S3ntinel-PW-1;S3ntinel-PW-2';Database=mgc", "Server=x;Password=[secret];Database=mgc"],
    ["braced", "Server=x;Pwd={S3ntinel-PW-1;S3ntinel-PW-2};Database=mgc", "Server=x;Pwd=[secret];Database=mgc"],
    ["braced, brace doubled inside", "Server=x;Pwd={S3ntinel-PW-1}};S3ntinel-PW-2};Database=mgc", "Server=x;Pwd=[secret];Database=mgc"],
    ["bare, at the end", "Server=x;Password=S3ntinel-PW-1;S3ntinel-PW-2", "Server=x;Password=[secret]"],
    ["bare, before a known key", "Server=x;Password=S3ntinel-PW-1;S3ntinel-PW-2;Database=mgc", "Server=x;Password=[secret];Database=mgc"],
    ["bare, a part that looks like a key but is none", "Server=x;Password=S3ntinel-PW-1;x=S3ntinel-PW-2;Initial Catalog=mgc", "Server=x;Password=[secret];Initial Catalog=mgc"],
    ["bare, spaces around =", "Server=x; Password = S3ntinel-PW-1;S3ntinel-PW-2; Encrypt=true", "Server=x; Password = [secret]; Encrypt=true"],
    ["quote never closed", 'Server=x;Password="S3ntinel-PW-1;S3ntinel-PW-2;Database=mgc', "Server=x;Password=[secret]"],
    ["inside an error line", 'error: --cutoff: "Server=x;Password=S3ntinel-PW-1;S3ntinel-PW-2" is not a date\n  fix: pass a day', 'error: --cutoff: "Server=x;Password=[secret]\n  fix: pass a day'],
    ["inside a Node error", "ENOENT: no such file or directory, open 'Server=x;PWD=S3ntinel-PW-1;S3ntinel-PW-2'", "ENOENT: no such file or directory, open 'Server=x;PWD=[secret]"],
    ["a longer key name", "sqlAdminPassword=S3ntinel-PW-1;S3ntinel-PW-2", "sqlAdminPassword=[secret]"],
  ])("%s", (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
    expect(redact(text)).not.toMatch(SENTINEL);
  });
});

describe("redact: URL-form connection strings", () => {
  it.each([
    ["mssql://", "mssql://sa:S3ntinel-PW@sql01/GroupChat", `mssql://sa:${REDACTED}@sql01/GroupChat`],
    ["sqlserver://", "sqlserver://sa:S3ntinel-PW@sql01:1433/mgc", `sqlserver://sa:${REDACTED}@sql01:1433/mgc`],
    ["password with @ / and :", "mssql://sa:S3ntinel@PW/x:y@sql01/db", `mssql://sa:${REDACTED}@sql01/db`],
    ["password with a space", "mssql://sa:S3ntinel PW@sql01/db", `mssql://sa:${REDACTED}@sql01/db`],
    ["no user", "mssql://:S3ntinel-PW@sql01/db", `mssql://:${REDACTED}@sql01/db`],
    ["password in the query", "sqlserver://sql01;user=sa;password=S3ntinel-PW;databaseName=mgc", "sqlserver://sql01;user=sa;password=[secret];databaseName=mgc"],
    ["a SAS URL's signature", "https://a.blob.core.windows.net/c/GroupChat.bak?sv=2024-08-04&sig=S3ntinel-SIG%2B&se=2030", "https://a.blob.core.windows.net/c/GroupChat.bak?sv=2024-08-04&sig=[secret]&se=2030"],
  ])("%s", (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe("redact: JSON documents stay JSON, each string redacted on its own", () => {
  it.each([
    ["a manifest's source", { source: { server: "Server=h;Password=S3ntinel-PW-1;S3ntinel-PW-2", database: "mssql://sa:S3ntinel-PW@h/db", schemaEvidence: ["Pwd={S3ntinel-PW-1;S3ntinel-PW-2}"] }, rows: 3 }],
    ["a secret member", { password: "S3ntinel-PW", nested: { sqlAdminPassword: "S3ntinel-PW", AccountKey: "S3ntinel-PW" }, list: ["S3ntinel-PW".replace("S3ntinel", "ok")] }],
    ["escaped text", { a: 'Password="S3ntinel-PW-1;\\"S3ntinel-PW-2"' }],
  ])("%s", (_name, value) => {
    for (const indent of [undefined, 2]) {
      const out = redact(JSON.stringify(value, null, indent) + "\n");
      expect(out).not.toMatch(SENTINEL);
      expect(() => JSON.parse(out)).not.toThrow();
      expect(redactJson(value, indent)).toBe(out.trimEnd());
    }
  });

  it("keeps the layout of the document", () => {
    const text = JSON.stringify({ a: 1, b: "Server=x;Password=S3ntinel-PW", c: ["x"] }, null, 2);
    expect(redact(text)).toBe(text.replace("S3ntinel-PW", REDACTED));
  });
});

describe("redact: values the kit was told about", () => {
  it("hides a remembered secret wherever it stands, in text and in JSON", () => {
    rememberSecret("S3ntinel-Remembered-9");
    expect(redact("login failed (S3ntinel-Remembered-9)")).toBe(`login failed (${REDACTED})`);
    expect(redact(JSON.stringify({ m: "x S3ntinel-Remembered-9 y" }))).toBe(JSON.stringify({ m: `x ${REDACTED} y` }));
  });

  it("hides values given by the caller", () => {
    expect(redact("a S3ntinel-Caller b", ["S3ntinel-Caller"])).toBe(`a ${REDACTED} b`);
  });

  it("is idempotent: text built from redacted parts keeps what follows a hidden value", () => {
    const once = redact("x/y: transient error (reset Password=S3ntinel-PW)");
    const line = `${once}; retry 1 of 4 in 1.5 s`;
    expect(redact(line)).toBe(line);
  });

  it.each(["Server=sql01;Database=mgc;Integrated Security=true", "room a=b; c", "10.40.0.0/16", '{"a": "b"}'])("leaves %j alone", (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("redact: placeholders in help and fix texts stay readable", () => {
  it.each([
    "add User Id=...;Password=... for SQL authentication",
    "e.g. Server=sql01\\RTC;Database=mgc;User Id=CONTOSO\\svc;Password=...",
    "set Password=<password> from a secret store",
  ])("%s", (text) => expect(redact(text)).toBe(text));
});

it("keeps a URL placeholder", () => expect(redact("mssql://user:<password>@host/db")).toBe("mssql://user:<password>@host/db"));
