/**
 * Config files that silently gave the default topology (issue 9), and the values validated only
 * loosely before: each is refused with exit 2 naming the file or the key. The stack files run through
 * the real command line (`runCli plan`, in-process); every one fails before Pulumi's mock runtime is
 * started, except the last case of the first table (an explicit `config: {}`), which runs the offline
 * plan under it (the stand-in for the Pulumi engine), once in this file. The value tables run the
 * config parser and its rules directly (pure functions).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { UserErrors } from "../../migration-jobs/common/errors";
import { parseKitConfig } from "../../src/config";
import { unknownKeys } from "../../src/config/read";
import { isMisspeltNamespace } from "../../src/config/namespace";
import { WINDOWS_TIME_ZONES } from "../../src/config/timezones";
import { runCli } from "../../src/cli/main";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-config-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
}

async function plan(configFile: string): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await runCli(["plan", "--stack", "lab", "--config-file", configFile, "--json"], io);
  return { code, out: io.out, err: io.err };
}

function problemsOf(raw: Record<string, unknown>): UserErrors {
  try {
    parseKitConfig(raw);
  } catch (e) {
    if (e instanceof UserErrors) return e;
    throw e;
  }
  throw new Error("expected UserErrors");
}

const LAB_LINE = "  pchat-kit:location: westeurope\n";
const utf16 = (text: string, le: boolean, bom: boolean): Buffer => {
  const body = Buffer.from(text, "utf16le");
  if (!le) for (let i = 0; i < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1]!, body[i]!];
  return Buffer.concat([bom ? Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), body]);
};

describe("class: a stack file that silently gave the default topology", () => {
  // [case, content, what the error names (a file, or "<file>: <key>"), problem]
  const cases: Array<[string, string | Buffer, string, RegExp]> = [
    ["an empty file", "", "", /is empty, so every key would silently take its default/],
    ["a file of blank lines", "\n  \n\n", "", /is empty/],
    ["a file of comments only", "# lab\n# nothing here\n", "", /holds nothing but comments/],
    ["a binary file (NUL bytes)", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0x3e, 0x00, 0x01]), "", /is not a text file \(it holds NUL bytes\)/],
    ["a binary file (not UTF-8)", Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), "", /is not UTF-8 text/],
    ["UTF-16LE with its BOM", utf16(`config:\n${LAB_LINE}`, true, true), "", /is UTF-16 \(it starts with a UTF-16 byte order mark\)/],
    ["UTF-16BE with its BOM", utf16(`config:\n${LAB_LINE}`, false, true), "", /is UTF-16/],
    ["UTF-16LE without a BOM", utf16(`config:\n${LAB_LINE}`, true, false), "", /looks like UTF-16 without a byte order mark/],
    ["UTF-16BE without a BOM", utf16(`config:\n${LAB_LINE}`, false, false), "", /looks like UTF-16 without a byte order mark/],
    ["the namespace misspelt pchatkit:", `config:\n  pchatkit:pool:\n    activeServers: 2\n`, ": pchatkit:pool", /the namespace "pchatkit" is not "pchat-kit"/],
    ["the namespace misspelt pchat_kit:", `config:\n  pchat_kit:pool:\n    activeServers: 2\n`, ": pchat_kit:pool", /the namespace "pchat_kit" is not "pchat-kit"/],
    ["the namespace in other case", `config:\n  Pchat-Kit:prefix: lab\n`, ": Pchat-Kit:prefix", /is not "pchat-kit"/],
    ["the namespace with letters swapped", `config:\n  pchat-kti:prefix: lab\n`, ": pchat-kti:prefix", /is not "pchat-kit"/],
    ["a key set to null (nothing after the colon)", `config:\n${LAB_LINE}  pchat-kit:pool:\n`, ": pchat-kit:pool", /is set to null/],
    ["a key set to null (null)", `config:\n${LAB_LINE}  pchat-kit:frontEnd: null\n`, ": pchat-kit:frontEnd", /is set to null/],
    ["a key set to null (~)", `config:\n${LAB_LINE}  pchat-kit:prefix: ~\n`, ": pchat-kit:prefix", /is set to null/],
    ["a bare key set to null", `config:\n${LAB_LINE}  pool:\n`, ": pchat-kit:pool", /is set to null/],
    ["no config: at all (a fresh stack file)", "encryptionsalt: v1:abc:def\n", ": config", /is missing, so every key would silently take its default/],
    ["config: with nothing under it", "config:\n", ": config", /is empty \(nothing after `config:`\)/],
    ["a config key outside config:", `pchat-kit:pool:\n  activeServers: 2\nconfig:\n${LAB_LINE}`, ": pchat-kit:pool", /is not a stack file setting, so it is ignored/],
  ];

  it.each(cases)("%s: exit 2 naming it", async (name, content, where, problem) => {
    const f = file(`${name.replace(/\W+/g, "-")}.yaml`, content);
    const r = await plan(f);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`${f}${where}: `);
    expect(r.err).toMatch(problem);
    expect(r.err).not.toMatch(/unexpected error/);
  });

  it("`pulumi up` refuses a misspelt namespace too (the program's reader)", () => {
    expect(unknownKeys({ "pchatkit:pool": "{}", "pchat_kit:prefix": "lab", "azure-native:location": "westeurope", "pchat-kit:pool": "{}" }).map((p) => p.where)).toEqual(["pchatkit:pool", "pchat_kit:prefix"]);
  });

  it.each([
    ["pchatkit", true],
    ["pchat_kit", true],
    ["PCHAT-KIT", true],
    ["pchat-kt", true],
    ["pchat-kit", false],
    ["azure-native", false],
    ["azure", false],
    ["pulumi", false],
  ])("isMisspeltNamespace(%j)", (ns, misspelt) => expect(isMisspeltNamespace(ns, "pchat-kit")).toBe(misspelt));

  it("an explicit `config: {}` takes every default on purpose: accepted", async () => {
    const r = await plan(file("explicit-defaults.yaml", "# every default, on purpose\nconfig: {}\n"));
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
  }, 60_000);
});

describe("class: IPv4 octets 0-255 (address spaces, CIDRs, static IPs)", () => {
  it.each([
    ["a DNS server octet above 255", { domain: { mode: "existing", dnsServers: ["10.1.0.256"] }, legacy: { mode: "none" } }, "pchat-kit:domain.dnsServers[0]", /has an octet above 255/],
    ["a DNS server with a leading zero", { domain: { mode: "existing", dnsServers: ["10.01.0.4"] } }, "pchat-kit:domain.dnsServers[0]", /leading zero/],
    ["a DNS server of three octets", { domain: { mode: "existing", dnsServers: ["10.1.4"] } }, "pchat-kit:domain.dnsServers[0]", /is not an IPv4 address/],
    ["an address space octet above 255", { network: { primary: { addressSpace: "10.400.0.0/16" } } }, "pchat-kit:network.primary.addressSpace", /octet above 255/],
    ["an address space with a leading zero", { network: { primary: { addressSpace: "010.40.0.0/16" } } }, "pchat-kit:network.primary.addressSpace", /leading zero/],
    ["a subnet octet above 255", { network: { primary: { subnets: { lync: "10.40.256.0/24" } } } }, "pchat-kit:network.primary.subnets.lync", /octet above 255/],
    ["a subnet of a site not in use", { network: { secondary: { subnets: { sql: "10.41.2.300/24" } } } }, "pchat-kit:network.secondary.subnets.sql", /octet above 255/],
    ["an unused subnet of the primary site", { network: { primary: { subnets: { legacy: "10.40.3.0/33" } } } }, "pchat-kit:network.primary.subnets.legacy", /prefix length above 32/],
    ["an operator CIDR octet above 255", { access: { sqlOperatorCidrs: ["10.99.0.0/24", "10.256.0.0/24"] } }, "pchat-kit:access.sqlOperatorCidrs[1]", /octet above 255/],
  ])("%s: refused naming the key", (_name, raw, where, problem) => {
    const e = problemsOf(raw);
    const p = e.problems.find((x) => x.where === where);
    expect(p?.message).toMatch(problem);
  });

  it.each([["10.1.0.4"], ["0.0.0.0"], ["255.255.255.255"], ["192.168.10.1"]])("accepts the DNS server %s", (ip) => {
    expect(parseKitConfig({ domain: { mode: "existing", dnsServers: [ip] } }).domain.dnsServers).toEqual([ip]);
  });
});

describe("class: Windows time zone ids (allow-list in src/config/timezones.ts)", () => {
  it.each([
    ["an IANA name", { frontEnd: { timeZone: "Europe/Berlin" } }, "pchat-kit:frontEnd.timeZone", /IANA time zone name/],
    ["a missing dot", { frontEnd: { timeZone: "W Europe Standard Time" } }, "pchat-kit:frontEnd.timeZone", /did you mean "W\. Europe Standard Time"/],
    ["the wrong case", { frontEnd: { timeZone: "w. europe standard time" } }, "pchat-kit:frontEnd.timeZone", /did you mean "W\. Europe Standard Time"/],
    ["an offset", { frontEnd: { timeZone: "UTC+1" } }, "pchat-kit:frontEnd.timeZone", /is not a Windows time zone id/],
    ["empty", { frontEnd: { timeZone: "" } }, "pchat-kit:frontEnd.timeZone", /is not a Windows time zone id/],
    ["the pool's own", { pool: { timeZone: "Central Europe Time" } }, "pchat-kit:pool.timeZone", /is not a Windows time zone id/],
  ])("%s: refused naming the key", (_name, raw, where, problem) => {
    const e = problemsOf(raw);
    expect(e.problems.map((p) => p.where)).toEqual([where]);
    expect(e.problems[0]!.message).toMatch(problem);
  });

  it.each([["W. Europe Standard Time"], ["Eastern Standard Time"], ["UTC"], ["Pacific Standard Time (Mexico)"], ["Kamchatka Standard Time"]])("accepts %s", (tz) => {
    expect(parseKitConfig({ frontEnd: { timeZone: tz } }).frontEnd.timeZone).toBe(tz);
  });

  it("holds every id once", () => expect(new Set(WINDOWS_TIME_ZONES).size).toBe(WINDOWS_TIME_ZONES.length));
});

describe("class: FQDN clashes, on the planned values (defaults included)", () => {
  it.each([
    ["pool FQDN = the Standard Edition Front End's default pool FQDN", { pool: { fqdn: "pckfe101.contoso.local" } }, "pchat-kit:pool.fqdn", /would both be pckfe101\.contoso\.local \(pool\.fqdn is pckfe101\.contoso\.local; frontEnd\.fqdn is not set, so it defaults to pckfe101\.contoso\.local\)/],
    ["pool FQDN = the Enterprise pool's default", { frontEnd: { edition: "Enterprise", servers: 2 }, pool: { fqdn: "lyncpool.contoso.local" } }, "pchat-kit:pool.fqdn", /would both be lyncpool\.contoso\.local/],
    ["Front End FQDN = the Persistent Chat pool's default", { frontEnd: { edition: "Enterprise", servers: 2, fqdn: "pchatpool.contoso.local" } }, "pchat-kit:frontEnd.fqdn", /would both be pchatpool\.contoso\.local \(pool\.fqdn is not set, so it defaults/],
    ["both written, in different case", { pool: { fqdn: "Lync.Contoso.Local" }, frontEnd: { fqdn: "lync.contoso.local" } }, "pchat-kit:pool.fqdn", /would both be lync\.contoso\.local/],
    ["pool FQDN = a Persistent Chat server's name", { pool: { fqdn: "pckpc101.contoso.local" } }, "pchat-kit:pool.fqdn", /is the name of a server of this topology \(pckpc101\)/],
    ["pool FQDN = another server's name (the prefix's)", { prefix: "lab", pool: { fqdn: "labsqlpc101.contoso.local" } }, "pchat-kit:pool.fqdn", /is the name of a server/],
    ["Enterprise pool FQDN = a Front End server's name", { frontEnd: { edition: "Enterprise", servers: 2, fqdn: "pckfe102.contoso.local" } }, "pchat-kit:frontEnd.fqdn", /is the name of a server/],
  ])("%s: refused naming the key", (_name, raw, where, problem) => {
    const e = problemsOf(raw);
    const p = e.problems.find((x) => x.where === where);
    expect(p?.message).toMatch(problem);
  });

  it.each([
    ["the defaults", {}],
    ["a pool FQDN of its own", { pool: { fqdn: "pchat.contoso.local" } }],
    ["a collocated pool (the server's FQDN by design)", { pool: { collocatedWithFrontEnd: true } }],
    ["a name in another domain that looks like a server's", { pool: { fqdn: "pckpc101.fabrikam.com" } }],
  ])("accepts %s", (_name, raw) => expect(() => parseKitConfig(raw)).not.toThrow());
});

describe("every problem at once, when one stack file has several kinds of problem", () => {
  it.each([
    [
      "a null key, a bad IPv4 and an unknown key",
      "config:\n  pchat-kit:pool:\n  pchat-kit:domain:\n    mode: existing\n    dnsServers: [10.1.0.256]\n  pchat-kit:poool:\n    activeServers: 2\n",
      [": pchat-kit:pool: is set to null", ": pchat-kit:poool: unknown key", "pchat-kit:domain.dnsServers[0]: \"10.1.0.256\" has an octet above 255"],
    ],
    [
      "every kind at once (file, namespace, secret, shape, rules)",
      [
        "config:",
        "  pchat-kit:pool:",
        "  pchatkit:prefix: lab",
        "  pchat-kit:adminPassword: S3ntinel-PW-clear",
        "  pchat-kit:poool: {}",
        "  pchat-kit:legacy:",
        '    database: "Group Chat"',
        "  pchat-kit:domain:",
        "    mode: existing",
        "    dnsServers: [10.01.0.4]",
        "  pchat-kit:frontEnd:",
        "    timeZone: Europe/Berlin",
        "  pchat-kit:network:",
        "    primary:",
        "      addressSpace: 10.400.0.0/16",
        "stray: 1",
        "",
      ].join("\n"),
      [
        ": stray: is not a stack file setting",
        ": pchatkit:prefix: the namespace",
        ": pchat-kit:pool: is set to null",
        ": pchat-kit:adminPassword: a secret is set in clear text",
        ": pchat-kit:poool: unknown key",
        "pchat-kit:legacy.database: must be a plain database name",
        "pchat-kit:domain.dnsServers[0]: \"10.01.0.4\" has an octet with a leading zero",
        "pchat-kit:frontEnd.timeZone: \"Europe/Berlin\" is an IANA time zone name",
        "pchat-kit:network.primary.addressSpace: \"10.400.0.0/16\" has an octet above 255",
      ],
    ],
  ])("%s: all reported in one run, exit 2", async (name, text, expected) => {
    const f = file(`all-${name.replace(/\W+/g, "-")}.yaml`, text);
    const r = await plan(f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${expected.length} problems:`);
    for (const e of expected) expect(r.err).toContain(e);
    expect(r.err).not.toMatch(/S3ntinel/);
  });

  it("rehearse reports them all too, before anything slow", async () => {
    const f = file("all-rehearse.yaml", "config:\n  pchat-kit:pool:\n  pchat-kit:domain:\n    mode: existing\n    dnsServers: [10.1.0.256]\n  pchat-kit:poool: {}\n");
    const io = bufferIo();
    const code = await runCli(["rehearse", "--config-file", f, "--out", path.join(tmp, "rehearse-out")], io);
    expect(code).toBe(2);
    expect(io.err).toContain("error: 3 problems:");
    expect(fs.existsSync(path.join(tmp, "rehearse-out"))).toBe(false);
  });
});
