// Pure parsing of ADO.NET-style connection strings and the mssql configuration they produce; no
// server involved (mssqlConfig is what tedious would receive instead of SQL Server).
import { UserError } from "../../migration-jobs/common/errors";
import { SqlSettingsInput, parseConnectionString, parseServer, serverLabel, splitConnectionString, sqlSettings } from "../../migration-jobs/readers/settings";
import { mssqlConfig } from "../../migration-jobs/readers/connection";

const PW = "S3cr;et=\"pw'";
const where = "--from";

describe("splitConnectionString", () => {
  it.each([
    ["Server=a;Database=b", [["Server", "a"], ["Database", "b"]]],
    [" Server = a ; Database = b ;", [["Server", "a"], ["Database", "b"]]],
    ['Password="x;y=""z"""', [["Password", 'x;y="z"']]],
    ["Password='it''s'", [["Password", "it's"]]],
    ["Password={a;b}", [["Password", "a;b"]]],
    [";;Server=a;;", [["Server", "a"]]],
  ])("%s", (text, pairs) => expect(splitConnectionString(text, where)).toEqual(pairs));
});

describe("parseServer", () => {
  it.each([
    ["sql01", { host: "sql01", instance: null, port: null }, "sql01"],
    ["sql01\\RTC", { host: "sql01", instance: "RTC", port: null }, "sql01\\RTC"],
    ["tcp:sql01.contoso.local,14330", { host: "sql01.contoso.local", instance: null, port: 14330 }, "sql01.contoso.local,14330"],
    ["sql01\\RTC,1433", { host: "sql01", instance: "RTC", port: 1433 }, "sql01,1433"],
    [".", { host: "localhost", instance: null, port: null }, "localhost"],
    ["(local)\\SQLEXPRESS", { host: "localhost", instance: "SQLEXPRESS", port: null }, "localhost\\SQLEXPRESS"],
  ])("%s", (raw, parsed, label) => {
    expect(parseServer(raw, where)).toEqual(parsed);
    expect(serverLabel(parseServer(raw, where))).toBe(label);
  });
  it.each([["np:\\\\sql01\\pipe\\sql\\query"], ["sql01,99999"], ["sql01,abc"], [",1433"]])("refuses %s", (raw) => {
    expect(() => parseServer(raw, where)).toThrow(UserError);
  });
});

describe("parseConnectionString", () => {
  it("reads SQL authentication with every option", () => {
    const s = parseConnectionString(`Data Source=tcp:sql01\\RTC;Initial Catalog=mgc;User ID=pchat;Password="${PW.replace(/"/g, '""')}";Encrypt=yes;TrustServerCertificate=True;Connect Timeout=30;Command Timeout=120;Application Name=lab;ApplicationIntent=ReadOnly;ConnectRetryCount=2;ConnectRetryInterval=3;Pooling=false`, where);
    expect(s).toMatchObject({ host: "sql01", instance: "RTC", port: null, database: "mgc", encrypt: true, trustServerCertificate: true, connectTimeoutMs: 30000, requestTimeoutMs: 120000, applicationName: "lab", readOnlyIntent: true });
    expect(s.auth).toEqual({ kind: "sql", user: "pchat", password: PW });
    expect(s.retry).toEqual({ attempts: 3, baseDelayMs: 3000, maxDelayMs: 15000 });
  });
  it("defaults to TLS with certificate validation, 15 s connect, 30 min per statement, 5 tries", () => {
    const s = parseConnectionString("Server=sql01;Database=GroupChat;User Id=sa;Password=x", where);
    expect(s).toMatchObject({ encrypt: true, trustServerCertificate: false, connectTimeoutMs: 15000, requestTimeoutMs: 1800000, readOnlyIntent: false, applicationName: "pchat-kit" });
    expect(s.retry.attempts).toBe(5);
  });
  it.each([
    ["User Id=CONTOSO\\svc;Password=p;Integrated Security=SSPI", { kind: "ntlm", domain: "CONTOSO", user: "svc", password: "p" }],
    ["User Id=svc;Domain=CONTOSO;Password=p;Trusted_Connection=yes", { kind: "ntlm", domain: "CONTOSO", user: "svc", password: "p" }],
    ["UID=sa;PWD=p", { kind: "sql", user: "sa", password: "p" }],
  ])("authentication from %s", (auth, expected) => {
    expect(parseConnectionString(`Server=s;Database=d;${auth}`, where).auth).toEqual(expected);
  });
  it.each([
    ["Encrypt=false", false],
    ["Encrypt=Mandatory", true],
    ["Encrypt=Optional", false],
    ["Encrypt=Strict", "strict"],
  ])("%s", (kv, encrypt) => expect(parseConnectionString(`Server=s;Database=d;User Id=u;Password=p;${kv}`, where).encrypt).toBe(encrypt));
  it("--trust-server-certificate overrides the string", () => {
    expect(parseConnectionString("Server=s;Database=d;User Id=u;Password=p;TrustServerCertificate=false", where, { trustServerCertificate: true }).trustServerCertificate).toBe(true);
  });

  // Each refusal names the key and never echoes a value: values include passwords.
  it.each([
    ["Database=d;User Id=u;Password=PWSECRET", /no Server/],
    ["Server=s;User Id=u;Password=PWSECRET", /no Database/],
    ["Server=s;Database=d", /neither User Id nor Integrated Security/],
    ["Server=s;Database=d;User Id=u", /User Id but no Password/],
    ["Server=s;Database=d;Integrated Security=true", /explicit Windows credentials/],
    ["Server=s;Database=d;Integrated Security=true;User Id=svc;Password=PWSECRET", /explicit Windows credentials/],
    ["Server=s;Database=d;Colour=PWSECRET;User Id=u;Password=PWSECRET", /key "Colour" is not supported/],
    // After an unquoted password the next part may be the password's own (Password=a;b=c): never named.
    ["Server=s;Database=d;User Id=u;Password=PWSECRET;Colour=PWSECRET", /part after the password is not a Key=Value pair/],
    ["Server=s;Database=d;User Id=u;Password=PWSE;CRET", /part after the password is not a Key=Value pair/],
    ["Server=s;Database=d;User Id=u;Password=PWSECRET;Encrypt=PWSECRET", /key "Encrypt" is not true or false/],
    ["Server=s;Database=d;User Id=u;Password=PWSECRET;Connect Timeout=PWSECRET", /key "Connect Timeout" is not a whole number/],
    ["Server=s;Database=d;User Id=u;Password=\"PWSECRET", /never closed/],
    ["Server=s;Database=d;User Id=u;PWSECRET", /without "="/],
    ["Server=s;Database=d;User Id=u;Password=PWSECRET;ApplicationIntent=PWSECRET", /neither ReadOnly nor ReadWrite/],
  ])("refuses %s", (text, problem) => {
    let caught: unknown;
    try {
      parseConnectionString(text, where);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    const err = caught as UserError;
    expect(err.where).toBe("--from");
    expect(err.message).toMatch(problem);
    expect(err.describe()).not.toContain("PWSECRET");
    expect(err.fix.length).toBeGreaterThan(10);
  });
});

describe("mssqlConfig", () => {
  it("SQL authentication, named instance, TLS validated", () => {
    const c = mssqlConfig(parseConnectionString("Server=sql01\\RTC;Database=GroupChat;User Id=sa;Password=p", where));
    expect(c).toMatchObject({ server: "sql01", database: "GroupChat", connectionTimeout: 15000, requestTimeout: 1800000 });
    expect(c.port).toBeUndefined();
    expect(c.authentication).toEqual({ type: "default", options: { userName: "sa", password: "p" } });
    expect(c.options).toMatchObject({ encrypt: true, trustServerCertificate: false, instanceName: "RTC", useUTC: true, appName: "pchat-kit" });
  });
  it("NTLM with domain, port wins over instance, lab certificate trusted", () => {
    const c = mssqlConfig(parseConnectionString("Server=sql01\\RTC,1433;Database=mgc;Integrated Security=true;User Id=CONTOSO\\svc;Password=p;TrustServerCertificate=true", where));
    expect(c.port).toBe(1433);
    expect(c.options?.instanceName).toBeUndefined();
    expect(c.authentication).toEqual({ type: "ntlm", options: { domain: "CONTOSO", userName: "svc", password: "p" } });
    expect(c.options?.trustServerCertificate).toBe(true);
  });
  it("through a tunnel: 127.0.0.1 connected, the certificate checked against HostNameInCertificate", () => {
    const c = mssqlConfig(parseConnectionString("Server=127.0.0.1,50123;Database=mgc;User Id=sa;Password=p;HostNameInCertificate=labsql101.contoso.local", where));
    expect(c).toMatchObject({ server: "127.0.0.1", port: 50123 });
    expect(c.options).toMatchObject({ encrypt: true, trustServerCertificate: false, serverName: "labsql101.contoso.local" });
    expect(mssqlConfig(parseConnectionString("Server=sql01;Database=mgc;User Id=sa;Password=p", where)).options).not.toHaveProperty("serverName");
  });
  it("refuses a HostNameInCertificate that is no host name, without repeating it", () => {
    expect(() => parseConnectionString("Server=s;Database=d;User Id=sa;Password=p;Host Name In Certificate=a b", where)).toThrow(/"Host Name In Certificate" is not a host name/);
  });
});

describe("sqlSettings (discrete settings)", () => {
  const base = { host: "sql01", database: "mgc", auth: { kind: "sql" as const, user: "pchat", password: "PWSECRET" } };
  it("fills the same defaults as a connection string", () => {
    expect(sqlSettings(base, "pchat-kit:migration.target")).toEqual({ ...parseConnectionString("Server=sql01;Database=mgc;User Id=pchat;Password=PWSECRET", where) });
  });
  it.each([
    [{ host: " " }, /host is empty/],
    [{ database: "" }, /database is empty/],
    [{ port: 70000 }, /port 70000 is not a TCP port/],
    [{ auth: { kind: "sql", user: "u", password: "" } }, /auth needs user and password/],
    [{ auth: { kind: "ntlm", domain: "", user: "u", password: "PWSECRET" } }, /NTLM auth needs a domain/],
    [{ connectTimeoutMs: 0 }, /timeouts must be positive/],
    [{ retry: { attempts: 0, baseDelayMs: 1, maxDelayMs: 2 } }, /retry policy is inconsistent/],
  ])("refuses %p", (patch, problem) => {
    let caught: unknown;
    try {
      sqlSettings({ ...base, ...patch } as SqlSettingsInput, "pchat-kit:migration.target");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).where).toBe("pchat-kit:migration.target");
    expect((caught as UserError).message).toMatch(problem);
    expect((caught as UserError).describe()).not.toContain("PWSECRET");
  });
});
