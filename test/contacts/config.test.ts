/** The proposed `pchat-kit:migration.contacts` config and the layout file validator, one case per rule. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { parseContactsConfig } from "../../migration-jobs/contacts/config";
import { DEFAULT_LAYOUT, loadLayout, validateLayout } from "../../migration-jobs/contacts/layout";
import { parseUserMap } from "../../migration-jobs/contacts/usermap";

const ok = { strategy: "gradual-per-user", regDir: "regs", usersFile: "users.csv" };

describe("pchat-kit:migration.contacts", () => {
  it("fills the defaults", () => {
    expect(parseContactsConfig(ok)).toEqual({ ...ok, format: "lync2013", batchSize: 2000, acceptWarnings: false });
  });
  it.each([
    ["an unknown strategy", { ...ok, strategy: "big-bang" }, "pchat-kit:migration.contacts.strategy"],
    ["a missing regDir", { strategy: "immediate-import", usersFile: "u.csv" }, "pchat-kit:migration.contacts.regDir"],
    ["a relative remoteFolder", { ...ok, remoteFolder: "contacts" }, "pchat-kit:migration.contacts.remoteFolder"],
    ["a zero batchSize", { ...ok, batchSize: 0 }, "pchat-kit:migration.contacts.batchSize"],
    ["an unknown key", { ...ok, colour: "x" }, "pchat-kit:migration.contacts.colour"],
    ["an unknown key named as a secret", { ...ok, password: "x" }, "pchat-kit:migration.contacts.password"],
  ])("rejects %s naming the key", (_n, value, where) => {
    let err: unknown;
    try {
      parseContactsConfig(value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where).toBe(where);
  });
});

describe("layout", () => {
  it("a partial layout keeps the defaults for the rest", () => {
    expect(validateLayout({ allowSubkey: "AllowList" }, "l.json")).toEqual({ ...DEFAULT_LAYOUT, allowSubkey: "AllowList" });
  });
  it.each([
    ["an account key outside HKCU", { accountKey: "HKEY_LOCAL_MACHINE\\Software\\{account}" }, "l.json: accountKey"],
    ["no {account}", { accountKey: "HKEY_CURRENT_USER\\Software\\IM" }, "l.json: accountKey"],
    ["an unknown encoding", { contacts: { encoding: "xml", subkey: "C" } }, "l.json: contacts.encoding"],
    ["a subkey with a backslash", { groupsSubkey: "A\\B" }, "l.json: groupsSubkey"],
    ["an unknown key", { colour: "blue" }, "l.json: colour"],
  ])("rejects %s", (_n, value, where) => {
    expect(() => validateLayout(value, "l.json")).toThrow(expect.objectContaining({ where }));
  });
  it("reads JSON and YAML files and names a file with bad syntax", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layout-"));
    fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify({ blockSubkey: "Deny" }));
    fs.writeFileSync(path.join(dir, "b.yaml"), "allowSubkey: Permit\n");
    fs.writeFileSync(path.join(dir, "c.json"), "{ nope");
    expect(loadLayout(path.join(dir, "a.json")).blockSubkey).toBe("Deny");
    expect(loadLayout(path.join(dir, "b.yaml")).allowSubkey).toBe("Permit");
    expect(() => loadLayout(path.join(dir, "c.json"))).toThrow(/not valid JSON/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("user map rules, one per row problem", () => {
  const head = "exchange_im_address,sip_uri,display_name,wave\n";
  it.each([
    ["a wrong header", "address,sip\n", "m.csv:1", /header/],
    ["a bad address", head + "alice,sip:a@x.com,A,1\n", "m.csv:2", /exchange_im_address/],
    ["a bad SIP URI", head + "a@im.x.com,sip:a,A,1\n", "m.csv:2", /sip_uri/],
    ["a SIP URI over 454 characters", head + `a@im.x.com,sip:${"a".repeat(445)}@x.com,A,1\n`, "m.csv:2", /455 characters; Lync allows at most 454/],
    ["an empty display name", head + "a@im.x.com,sip:a@x.com,,1\n", "m.csv:2", /display_name is empty/],
    ["a display name over 256 characters", head + `a@im.x.com,sip:a@x.com,${"n".repeat(257)},1\n`, "m.csv:2", /257 characters/],
    ["a wave that is not a number", head + "a@im.x.com,sip:a@x.com,A,first\n", "m.csv:2", /wave/],
    ["a missing field", head + "a@im.x.com,sip:a@x.com,A\n", "m.csv:2", /3 fields instead of 4/],
    ["a duplicate address", head + "a@im.x.com,sip:a@x.com,A,1\nA@IM.x.com,sip:b@x.com,B,1\n", "m.csv:3", /already mapped on line 2/],
    ["a duplicate SIP URI", head + "a@im.x.com,sip:a@x.com,A,1\nb@im.x.com,A@x.com,B,1\n", "m.csv:3", /already mapped on line 2/],
  ])("%s", (_n, text, where, problem) => {
    let err: unknown;
    try {
      parseUserMap(text, "m.csv");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where).toBe(where);
    expect((err as UserError).message).toMatch(problem);
  });
  it("a SIP URI of exactly 454 characters is accepted", () => {
    const m = parseUserMap(head + `a@im.x.com,sip:${"a".repeat(444)}@x.com,A,1\n`, "m.csv");
    expect([...m.bySip.keys()][0]).toHaveLength(454);
  });
  it("reports every bad row at once", () => {
    expect(() => parseUserMap(head + "x,y,z,1\nq,r,s,2\n", "m.csv")).toThrow(UserErrors);
  });
});
