/**
 * Validation in one place (migration-jobs/common/validation.ts): the translator from zod issues to
 * UserErrors, the date validator and the unknown-key/secret-in-clear check, each through every config
 * parser that uses it (the kit's, the runbook's, the contacts job's). Pure: no stand-ins needed.
 */
import { z } from "zod";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { calendarDate, checkSchema, isCalendarDate, keyAt, keyProblems, NOT_A_CALENDAR_DATE, type SchemaContext } from "../../migration-jobs/common/validation";
import { parseContactsConfig } from "../../migration-jobs/contacts/config";
import { validateLayout } from "../../migration-jobs/contacts/layout";
import { parseMigrationConfig } from "../../migration-jobs/plan/config";
import { startRun } from "../../migration-jobs/analysis";
import { checkCutoff } from "../../migration-jobs/cli/analyze";
import { parseKitConfig } from "../../src/config";
import { unknownKeys } from "../../src/config/read";
import { stackFileProblems } from "../../src/offline/stack-config";

const SENTINEL = "S3ntinel-Value-Never-Shown";

/** Every problem a parser throws (one UserError or UserErrors), none when it accepts. */
function problemsOf(parse: () => unknown): UserError[] {
  try {
    parse();
  } catch (e) {
    if (e instanceof UserErrors) return e.problems;
    if (e instanceof UserError) return [e];
    throw e;
  }
  return [];
}

describe("keyAt: a key's full path as `pulumi config set --path` writes it", () => {
  it.each([
    ["pchat-kit:", ["pool", "activeServers"], "pchat-kit:pool.activeServers"],
    ["pchat-kit:", ["domain", "dnsServers", 0], "pchat-kit:domain.dnsServers[0]"],
    ["pchat-kit:migration", ["batches", 1, "name"], "pchat-kit:migration.batches[1].name"],
    ["pchat-kit:migration.contacts", [], "pchat-kit:migration.contacts"],
    ["pchat-kit:migration.contacts", ["batchSize"], "pchat-kit:migration.contacts.batchSize"],
  ] as const)("%s + %j = %s", (base, path, where) => expect(keyAt(base, path)).toBe(where));
});

describe("the date validator", () => {
  describe.each([
    ["an ordinary date", "2025-01-01", true],
    ["the last day of a year", "1999-12-31", true],
    ["Feb 29 of a leap year", "2024-02-29", true],
    ["Feb 29 of a leap century", "2000-02-29", true],
    ["Feb 29 of a non-leap year", "2025-02-29", false],
    ["Feb 29 of a non-leap century", "1900-02-29", false],
    ["a thirteenth month", "2025-13-01", false],
    ["a month zero", "2025-00-10", false],
    ["Feb 30", "2025-02-30", false],
    ["April 31", "2025-04-31", false],
    ["not a date", "not a date", false],
    ["another order", "01/02/2024", false],
    ["single digits", "2025-1-1", false],
    ["a time after it", "2025-01-01T00:00:00Z", false],
    ["a space before it", " 2025-01-01", false],
    ["a character after it", "2025-01-01x", false],
    ["a line break after it", "2025-01-01\n", false],
    ["nothing", "", false],
  ])("%s (%j)", (_name, text, ok) => {
    it(ok ? "is a calendar date" : "is not a calendar date", () => expect(isCalendarDate(text)).toBe(ok));
    it(`is ${ok ? "accepted" : "refused"} by the zod field, with the one problem text`, () => {
      const r = calendarDate().safeParse(text);
      expect(r.success).toBe(ok);
      if (!r.success) expect(r.error.issues[0]?.message).toBe(NOT_A_CALENDAR_DATE);
    });
  });

  // Every place that takes a date uses it: a row per user, each given a good date and a bad one.
  describe.each([
    ["the runbook config (pchat-kit:migration.cutoff)", (d: string) => problemsOf(() => parseMigrationConfig({ cutoff: d })), "pchat-kit:migration.cutoff", /YYYY-MM-DD, e\.g\. 2024-01-01/],
    ["the kit config (pchat-kit:migration.cutoff)", (d: string) => problemsOf(() => parseKitConfig({ migration: { cutoff: d } })), "pchat-kit:migration.cutoff", /YYYY-MM-DD, e\.g\. 2024-01-01/],
    ["the --cutoff option (analyze, verify, rehearse)", (d: string) => problemsOf(() => checkCutoff(d)), "--cutoff", /e\.g\. --cutoff 2025-01-01/],
  ])("%s", (_name, check, where, fix) => {
    it("accepts Feb 29 of a leap year", () => expect(check("2024-02-29")).toEqual([]));
    it("refuses Feb 30, naming the key or option and the fix", () => {
      const p = check("2025-02-30").find((x) => x.where === where);
      expect(p?.message.startsWith(`${where}: `)).toBe(true);
      expect(p?.message.endsWith(NOT_A_CALENDAR_DATE)).toBe(true);
      expect(p?.fix).toMatch(fix);
    });
  });

  it("the analysis, called after those checks, refuses Feb 30 with the same text", () => {
    expect(() => startRun({ cutoff: "2024-02-29" })).not.toThrow();
    expect(() => startRun({ cutoff: "2025-02-30" })).toThrow(NOT_A_CALENDAR_DATE);
  });
});

describe("the translator: each zod issue kind -> where, problem, fix", () => {
  const schema = z.strictObject({
    name: z.string().regex(/^[a-z]+$/, "is not a lower-case name"),
    count: z.number().int().min(1).max(10).optional(),
    label: z.string().min(1).optional(),
    items: z.array(z.string()).min(1).optional(),
    mode: z.enum(["fast", "slow"]).optional(),
    flag: z.boolean().optional(),
    when: calendarDate().optional(),
    port: z.union([z.string(), z.number()]).optional(),
    inner: z.strictObject({ depth: z.number(), colour: z.string().optional() }).optional(),
    steps: z.partialRecord(z.enum(["export", "import"]), z.number()).optional(),
    own: z
      .unknown()
      .optional()
      .superRefine((_v, ctx) => {
        ctx.addIssue({ code: "custom", message: "is refused by its own parser", params: { where: "elsewhere:own.key", fix: "Do what its parser says." } });
      }),
  });
  const ctx: SchemaContext = { base: "test:", docs: "README, Testing", secrets: ["adminPassword"] };
  const translate = (input: Record<string, unknown>): UserError[] => {
    const r = checkSchema(schema, { own: undefined, ...input }, ctx);
    return r.ok ? [] : r.problems.filter((p) => p.where !== "elsewhere:own.key" || "own" in input);
  };

  it.each([
    ["invalid_type, a wrong type", { name: "a", flag: "yes" }, "test:flag", /: expected boolean$/, /^Set it to true or false \(see README, Testing\)\.$/],
    ["invalid_type, a missing key", {}, "test:name", /: is required \(expected string\)$/, /Set it to a string/],
    ["invalid_type, a whole number", { name: "a", count: 1.5 }, "test:count", /expected int/, /Set it to a whole number/],
    ["invalid_value", { name: "a", mode: "medium" }, "test:mode", /expected one of/, /^Use one of: "fast", "slow"\.$/],
    ["too_small, a number", { name: "a", count: 0 }, "test:count", /Too small/, /^Choose a value of at least 1 \(README, Testing\)\.$/],
    ["too_big, a number", { name: "a", count: 11 }, "test:count", /Too big/, /^Choose a value of at most 10 /],
    ["too_small, an empty text", { name: "a", label: "" }, "test:label", /Too small/, /cannot be empty/],
    ["too_small, an empty list", { name: "a", items: [] }, "test:items", /Too small/, /at least one item/],
    ["invalid_format", { name: "A" }, "test:name", /is not a lower-case name$/, /^Correct the value as shown in README, Testing\.$/],
    ["custom (a refinement)", { name: "a", when: "2025-02-30" }, "test:when", /is not a calendar date written YYYY-MM-DD$/, /README, Testing/],
    ["custom, from a parser of its own", { name: "a", own: 1 }, "elsewhere:own.key", /is refused by its own parser$/, /^Do what its parser says\.$/],
    ["invalid_union", { name: "a", port: true }, "test:port", /: expected string or number$/, /README, Testing/],
    ["unrecognized_keys, at the top", { name: "a", nmae: "b" }, "test:nmae", /: unknown key$/, /correct its spelling; the keys here are name, count, .*, adminPassword\.$/],
    ["unrecognized_keys, nested", { name: "a", inner: { depth: 1, color: "red" } }, "test:inner.color", /: unknown key$/, /the keys here are depth, colour\.$/],
    ["unrecognized_keys, of a record", { name: "a", steps: { exprot: 1 } }, "test:steps.exprot", /: unknown key$/, /the keys here are export, import\.$/],
    ["unrecognized_keys, a declared secret", { name: "a", adminPassword: SENTINEL }, "test:adminPassword", /a secret is set in clear text/, /pulumi config set --secret adminPassword <value>/],
    ["unrecognized_keys, named as a secret", { name: "a", inner: { depth: 1, sqlPassword: SENTINEL } }, "test:inner.sqlPassword", /named as a secret/, /pulumi config set --secret/],
  ])("%s", (_kind, input, where, problem, fix) => {
    const problems = translate(input);
    const p = problems.find((x) => x.where === where);
    expect(p).toBeDefined();
    expect(p!.message).toMatch(problem);
    expect(p!.fix).toMatch(fix);
    expect(p!.describe()).not.toContain(SENTINEL);
  });

  it("a config's own fix for a field comes before the kind's", () => {
    const r = checkSchema(schema, { name: "a", count: 0 }, { ...ctx, fixFor: (path) => (path[0] === "count" ? "give 1 to 10" : undefined) });
    expect(r.ok ? [] : r.problems.map((p) => p.fix)).toContain("give 1 to 10");
  });

  it("reports every issue at once", () => {
    const problems = translate({ name: "A", count: 0, mode: "x", flag: 1, nmae: 2 });
    expect(problems.map((p) => p.where).sort()).toEqual(["test:count", "test:flag", "test:mode", "test:name", "test:nmae"]);
  });
});

// The same issue kinds through each config parser: the key named by its full path, with a fix.
const contactsOk = { strategy: "gradual-per-user", regDir: "regs", usersFile: "users.csv" };
describe.each([
  ["the kit config", () => parseKitConfig({ pool: { activeServers: "two" } }), "pchat-kit:pool.activeServers", /expected number/, /Set it to a number \(see README, Configuration\)/],
  ["the kit config, a range", () => parseKitConfig({ volumes: { fileStore: { sizeGb: 1 } } }), "pchat-kit:volumes.fileStore.sizeGb", /Too small/, /Choose a value of at least/],
  ["the runbook config", () => parseMigrationConfig({ acceptWarnings: "yes" }), "pchat-kit:migration.acceptWarnings", /expected boolean/, /set it to true or false/],
  ["the runbook config, an index", () => parseMigrationConfig({ strategy: "batched", batches: [{ name: "a", categories: [] }] }), "pchat-kit:migration.batches[0].categories", /Too small/, /categories/],
  ["the contacts config", () => parseContactsConfig({ ...contactsOk, batchSize: 0 }), "pchat-kit:migration.contacts.batchSize", /Too small/, /Choose a value of at least 1 \(README, section "Exchange 2000 IM contact lists"\)/],
  ["the contacts config, a missing key", () => parseContactsConfig({ strategy: "immediate-import", usersFile: "u.csv" }), "pchat-kit:migration.contacts.regDir", /is required \(expected string\)/, /folder of the \.reg exports/],
  ["the contacts config through the kit's", () => parseKitConfig({ migration: { contacts: { ...contactsOk, format: "xml" } } }), "pchat-kit:migration.contacts.format", /expected one of/, /Use one of: "lync2013", "lcs"/],
  ["the contacts layout file", () => validateLayout({ contacts: { encoding: "xml", subkey: "C" } }, "layout.json"), "layout.json: contacts.encoding", /./, /Exchange 2000 IM contact lists/],
  ["the contacts layout file, a refinement", () => validateLayout({ groupsSubkey: "A\\B" }, "layout.json"), "layout.json: groupsSubkey", /without backslashes/, /Exchange 2000 IM contact lists/],
])("the translator in %s", (_name, parse, where, problem, fix) => {
  it("names the key by its full path, the problem and the fix", () => {
    const p = problemsOf(parse).find((x) => x.where === where);
    expect(p).toBeDefined();
    expect(p!.message).toMatch(problem);
    expect(p!.fix).toMatch(fix);
  });
});

describe("the unknown-key and secret-in-clear check", () => {
  it.each([
    ["a known key", ["pool"], []],
    ["an unknown key", ["poool"], ["f: poool: unknown key"]],
    ["a secret encrypted", ["adminPassword"], []],
    ["a secret in clear", ["sqlAdminPassword"], ["f: sqlAdminPassword: a secret is set in clear text, not encrypted (the value is not shown)"]],
    ["an unknown key named as a secret", ["sqlPassword"], ["f: sqlPassword: unknown key, named as a secret and set in clear text (the value is not shown)"]],
    ["several at once", ["poool", "sqlAdminPassword", "pool"], ["f: poool: unknown key", "f: sqlAdminPassword: a secret is set in clear text, not encrypted (the value is not shown)"]],
  ])("%s", (_name, keys, messages) => {
    const problems = keyProblems(keys, { known: ["pool", "adminPassword", "sqlAdminPassword"], secrets: ["adminPassword", "sqlAdminPassword"], encrypted: (k) => k === "adminPassword", where: (k) => `f: ${k}` });
    expect(problems.map((p) => p.message)).toEqual(messages);
    for (const p of problems) expect(p.fix).toBeTruthy();
  });

  // A row per parser (and per way the kit's keys arrive): each names the key, says the fix, never shows the value.
  describe.each([
    ["the kit config, top level", () => problemsOf(() => parseKitConfig({ pooll: SENTINEL })), "pchat-kit:pooll", /: unknown key$/, /the keys here are location, .*pool,/],
    ["the kit config, nested", () => problemsOf(() => parseKitConfig({ pool: { activeServer: SENTINEL } })), "pchat-kit:pool.activeServer", /: unknown key$/, /the keys here are fqdn, displayName, activeServers/],
    ["the kit config, a secret in clear", () => problemsOf(() => parseKitConfig({ adminPassword: SENTINEL })), "pchat-kit:adminPassword", /a secret is set in clear text/, /pulumi config set --secret adminPassword <value>/],
    ["the kit config, a key named as a secret", () => problemsOf(() => parseKitConfig({ sqlPassword: SENTINEL })), "pchat-kit:sqlPassword", /named as a secret/, /the secrets here are adminPassword, sqlAdminPassword/],
    ["the kit's stack file, a secret in clear", () => stackFileProblems({ "pchat-kit:legacyBackupUrl": SENTINEL }, "pchat-kit:", "Pulumi.x.yaml"), "Pulumi.x.yaml: pchat-kit:legacyBackupUrl", /a secret is set in clear text/, /pulumi config set --secret legacyBackupUrl/],
    ["the kit's stack file, an unknown key", () => stackFileProblems({ "pchat-kit:poool": SENTINEL }, "pchat-kit:", "Pulumi.x.yaml"), "Pulumi.x.yaml: pchat-kit:poool", /: unknown key$/, /correct its spelling; the keys here are/],
    ["the kit's runtime config (pulumi up)", () => unknownKeys({ "pchat-kit:poool": SENTINEL }), "pchat-kit:poool", /: unknown key$/, /^Remove it \(pulumi config rm pchat-kit:poool\) or correct its spelling/],
    ["the runbook config", () => problemsOf(() => parseMigrationConfig({ enable: SENTINEL })), "pchat-kit:migration.enable", /: unknown key$/, /the keys here are enabled, runId,/],
    ["the runbook config, nested", () => problemsOf(() => parseMigrationConfig({ gates: { legacyServr: SENTINEL } })), "pchat-kit:migration.gates.legacyServr", /: unknown key$/, /the keys here are legacyServer, targetServer, trustServerCertificate, reportDir\.$/],
    ["the runbook config, a key named as a secret", () => problemsOf(() => parseMigrationConfig({ sqlPassword: SENTINEL })), "pchat-kit:migration.sqlPassword", /named as a secret/, /no key here holds one/],
    ["the contacts config", () => problemsOf(() => parseContactsConfig({ ...contactsOk, colour: SENTINEL })), "pchat-kit:migration.contacts.colour", /: unknown key$/, /the keys here are strategy, regDir, usersFile,/],
    ["the contacts config, a key named as a secret", () => problemsOf(() => parseContactsConfig({ ...contactsOk, password: SENTINEL })), "pchat-kit:migration.contacts.password", /named as a secret/, /pulumi config set --secret/],
    ["the contacts config through the kit's", () => problemsOf(() => parseKitConfig({ migration: { contacts: { ...contactsOk, accountKey: SENTINEL } } })), "pchat-kit:migration.contacts.accountKey", /named as a secret/, /pulumi config set --secret/],
    ["the contacts layout file", () => problemsOf(() => validateLayout({ colour: SENTINEL }, "layout.json")), "layout.json: colour", /: unknown key$/, /the keys here are accountKey, contacts, groupsSubkey, allowSubkey, blockSubkey\.$/],
  ])("%s", (_name, problems, where, problem, fix) => {
    it("names the key by its full path, with the fix, never the value", () => {
      const all = problems();
      const p = all.find((x) => x.where === where);
      expect(p).toBeDefined();
      expect(p!.message).toMatch(problem);
      expect(p!.fix).toMatch(fix);
      for (const x of all) expect(x.describe()).not.toContain(SENTINEL);
    });
  });
});

describe("every problem at once, whatever their kinds", () => {
  it("the contacts layout file reports every bad field (it stopped at the first)", () => {
    const problems = problemsOf(() => validateLayout({ groupsSubkey: "A\\B", allowSubkey: "", colour: 1 }, "layout.json"));
    expect(problems.map((p) => p.where).sort()).toEqual(["layout.json: allowSubkey", "layout.json: colour", "layout.json: groupsSubkey"]);
  });
  it("the runbook config reports its contacts' problems with its own shape problems", () => {
    const problems = problemsOf(() => parseMigrationConfig({ cutoff: "2025-02-30", enable: true, contacts: { ...contactsOk, batchSize: 0, password: SENTINEL } }));
    expect(problems.map((p) => p.where).sort()).toEqual(["pchat-kit:migration.contacts.batchSize", "pchat-kit:migration.contacts.password", "pchat-kit:migration.cutoff", "pchat-kit:migration.enable"]);
  });
  it("the kit config reports a null key, an unknown key, a secret in clear, a bad date, a contacts problem and a rule", () => {
    const problems = problemsOf(() =>
      parseKitConfig({ location: null, pooll: {}, adminPassword: SENTINEL, migration: { cutoff: "2025-13-01", contacts: { ...contactsOk, format: "xml" } }, pool: { activeServers: 6 } }),
    );
    expect(problems.map((p) => p.where).sort()).toEqual([
      "pchat-kit:adminPassword",
      "pchat-kit:location",
      "pchat-kit:migration.contacts.format",
      "pchat-kit:migration.cutoff",
      "pchat-kit:pool.activeServers",
      "pchat-kit:pooll",
    ]);
    for (const p of problems) expect(p.describe()).not.toContain(SENTINEL);
  });
});
