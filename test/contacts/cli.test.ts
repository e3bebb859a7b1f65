/**
 * `pchat-kit contacts plan` end to end, in-process through runCli, on the fixture folder (UTF-16LE
 * and ANSI exports, a second machine, an unrelated export): exit codes, --json, files written, and
 * nothing written on bad input. Nothing is stood in for: the command only reads and writes files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import JSZip from "jszip";
import { bufferIo } from "../../migration-jobs/common/io";
import { runCli } from "../../src/cli/main";

const FIX = path.join(__dirname, "fixtures");
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-contacts-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")).sort();
}

/** A real-looking pool and share: the command has no defaults for them (it never invents servers). */
const TARGET = ["--pool-fqdn", "pool01.contoso.com", "--front-ends", "fe-1=LYNCFE01,fe-2=LYNCFE02", "--remote-folder", "\\\\files01\\staging\\contacts"];

async function plan(extra: string[], regDir = path.join(FIX, "regs"), users = path.join(FIX, "users.csv")) {
  const io = bufferIo();
  const out = path.join(tmp, "out");
  const code = await runCli(["contacts", "plan", "--reg-dir", regDir, "--users", users, "--out", out, ...extra], io);
  return { code, io, out };
}

describe("contacts plan", () => {
  it("gradual-per-user with --json: one document, files per wave, exit 1 because warnings block", async () => {
    const { code, io, out } = await plan(["--strategy", "gradual-per-user", "--json", ...TARGET]);
    expect(code).toBe(1);
    const doc = JSON.parse(io.out);
    expect(doc.stepsOmitted).toBeUndefined();
    expect(doc.steps[3].parameters.PoolFqdn).toBe("pool01.contoso.com");
    expect(doc.steps[3].parameters.ImportFolder).toBe("\\\\files01\\staging\\contacts\\wave-1");
    expect(io.err).not.toContain("no runbook steps");
    expect(doc.windows.map((w: { window: { id: string } }) => w.window.id)).toEqual(["wave-1", "wave-2", "wave-3"]);
    expect(doc.findingsByCode).toMatchObject({ CONTACTS_FILE_NO_MATCH: 1, CONTACTS_CONTACT_NOT_IN_MAP: 1, CONTACTS_SELF_DROPPED: 1, CONTACTS_DUPLICATE_MERGED: 1 });
    expect(doc.steps).toHaveLength(3 * 7);
    expect(doc.steps[0].script).toBeUndefined();
    expect(doc.steps.slice(0, 3).map((s: { parameters: { ExpectedComputer: string } }) => s.parameters.ExpectedComputer)).toEqual(["LYNCFE01", "LYNCFE01", "LYNCFE02"]);
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["runbook-steps.json", "wave-1/contacts-wave-1-001.zip", "wave-1/expected-wave-1.json", "wave-1/report.md", "wave-1/report.html", "wave-1/report.json", "wave-3/steps/021-contacts-wave-3-verify.ps1"]));
    expect(files.some((f) => f.endsWith(".xml"))).toBe(false);
    // Alice (wave 1): Bob and Carol move in wave 2, Dave in 3: all held in wave 1.
    const w1 = JSON.parse(fs.readFileSync(path.join(out, "wave-1/report.json"), "utf8"));
    expect(w1.lists[0].owner).toBe("sip:alice@contoso.com");
    expect(w1.lists[0].held.map((h: { sipUri: string }) => h.sipUri)).toEqual(["sip:bob@contoso.com", "sip:carol@contoso.com", "sip:dave@contoso.com"]);
    expect(w1.lists[0].unmapped).toEqual(["stranger@other.example"]);
    expect(w1.lists[0].allow).toEqual(["sip:bob@contoso.com"]);
    expect(w1.lists[0].block).toEqual(["sip:eve@contoso.com"]);
    // Wave 2 imports Bob and rewrites Alice (Bob and Carol are SIP now, Dave still held).
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, "wave-2/contacts-wave-2-001.zip")));
    const xml = (await zip.file("DocItemSet.xml")?.async("string")) ?? "";
    expect(xml).toContain('Name="urn:lcd:alice@contoso.com"');
    expect(xml).toContain('Name="urn:lcd:bob@contoso.com"');
    expect(xml).not.toContain("dave@contoso.com\" DisplayName");
    expect(JSON.parse(fs.readFileSync(path.join(out, "wave-2/expected-wave-2.json"), "utf8"))).toEqual({ "alice@contoso.com": 2, "bob@contoso.com": 2 });
  });

  it("without --pool-fqdn, --front-ends and --remote-folder: import files and reports, no steps, and the reason", async () => {
    const { code, io, out } = await plan(["--strategy", "gradual-per-user", "--json", "--accept-warnings"]);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out);
    expect(doc.steps).toEqual([]);
    expect(doc.stepsOmitted).toMatch(/front end pool and the remote folder were not given/);
    expect(io.err.split("\n").filter((l) => l.startsWith("no runbook steps"))).toHaveLength(1);
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["wave-1/contacts-wave-1-001.zip", "wave-1/expected-wave-1.json", "wave-2/report.json", "wave-3/report.md"]));
    expect(files.some((f) => f.includes("/steps/"))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(out, "runbook-steps.json"), "utf8"))).toEqual({ strategy: "gradual-per-user", steps: [], stepsOmitted: doc.stepsOmitted });
    expect(JSON.parse(fs.readFileSync(path.join(out, "wave-2/report.json"), "utf8")).steps).toEqual([]);
    // No invented server anywhere in what is written.
    for (const f of files.filter((f) => !f.endsWith(".zip"))) expect(fs.readFileSync(path.join(out, f), "utf8")).not.toMatch(/pool01\.pchat\.lab|files01|FE-1/);
  });

  it("--batch-size splits a window into several ZIPs with the same totals", async () => {
    const { code, out } = await plan(["--strategy", "gradual-per-user", "--batch-size", "1", "--accept-warnings"]);
    expect(code).toBe(0);
    expect(listFiles(out).filter((f) => f.startsWith("wave-2/") && f.endsWith(".zip"))).toEqual(["wave-2/contacts-wave-2-001.zip", "wave-2/contacts-wave-2-002.zip"]);
    const r = JSON.parse(fs.readFileSync(path.join(out, "wave-2/report.json"), "utf8"));
    expect([r.usersMoved, r.listsImported, r.listsRewritten, r.contactsMoved, r.lists.length]).toEqual([2, 1, 1, 4, 2]);
    expect(r.files).toEqual(expect.arrayContaining(["wave-2/contacts-wave-2-001.zip", "wave-2/contacts-wave-2-002.zip", "wave-2/expected-wave-2.json"]));
    expect(JSON.parse(fs.readFileSync(path.join(out, "wave-2/expected-wave-2.json"), "utf8"))).toEqual({ "alice@contoso.com": 2, "bob@contoso.com": 2 });
  });

  it("exit 0 with --accept-warnings; --format lcs adds the DBImpExp XML; human text on stdout", async () => {
    const { code, io, out } = await plan(["--strategy", "immediate-import", "--format", "lcs", "--accept-warnings"]);
    expect(code).toBe(0);
    expect(io.out).toMatch(/^all: 5 users moved, 2 lists imported, 0 rewritten, 6 contacts moved, 0 held/);
    expect(listFiles(out)).toEqual(expect.arrayContaining(["all/contacts-all-001.zip", "all/dbimpexp-all-001.xml"]));
    expect(io.err).toContain("CONTACTS_FILE_NO_MATCH: 1");
  });

  it("immediate-recreate writes re-create lists and no import files or steps", async () => {
    const { code, out } = await plan(["--strategy", "immediate-recreate", "--accept-warnings"]);
    expect(code).toBe(0);
    expect(listFiles(out)).toEqual(["all/recreate-all-001.html", "all/recreate-all-001.md", "all/report.html", "all/report.json", "all/report.md", "runbook-steps.json"]);
    const lists = fs.readFileSync(path.join(out, "all/recreate-all-001.md"), "utf8");
    expect(lists).toContain("| sip:alice@contoso.com | Bobby \\<sip:bob@contoso.com\\> \\[Golf, Sales\\] |");
    expect(lists).toContain("| sip:bob@contoso.com | Davé \\<sip:dave@contoso.com\\> \\[Other Contacts\\] |");
    expect(fs.readFileSync(path.join(out, "all/recreate-all-001.html"), "utf8")).toContain("Davé &lt;sip:dave@contoso.com&gt; [Other Contacts]");
    // The window report names the lists' files and keeps the figures, not the 5 million lines of a large site.
    const report = JSON.parse(fs.readFileSync(path.join(out, "all/report.json"), "utf8"));
    expect(report.files).toEqual(["all/recreate-all-001.md", "all/recreate-all-001.html"]);
    expect(report.lists.every((l: { recreate?: string[] }) => l.recreate === undefined)).toBe(true);
    expect(fs.readFileSync(path.join(out, "all/report.md"), "utf8")).not.toContain("Bobby");
  });

  it.each([
    ["an unknown strategy", ["--strategy", "big-bang"], null],
    ["a missing --strategy", [], null],
    ["an unknown --format", ["--strategy", "immediate-import", "--format", "xml"], null],
    ["a malformed .reg among good ones", ["--strategy", "immediate-import"], "bad-regs"],
    ["a bad user map", ["--strategy", "immediate-import"], "bad-users"],
    ["a bad layout file", ["--strategy", "immediate-import", "--layout", "LAYOUT"], null],
    ["a NetBIOS name over 15 characters", ["--strategy", "immediate-import", ...TARGET.slice(0, 2), "--front-ends", "fe-1=ABCDEFGHIJKLMNOP", ...TARGET.slice(4)], null],
    ["--front-ends without --pool-fqdn and --remote-folder", ["--strategy", "immediate-import", "--front-ends", "fe-1=LYNCFE01"], "partial"],
    ["a --pool-fqdn that is not an FQDN", ["--strategy", "immediate-import", "--pool-fqdn", "pool01", ...TARGET.slice(2)], null],
  ])("exit 2 and nothing written for %s", async (_n, args, variant) => {
    let regDir = path.join(FIX, "regs");
    let users = path.join(FIX, "users.csv");
    if (variant === "bad-regs") {
      regDir = path.join(tmp, "regs");
      fs.cpSync(path.join(FIX, "regs"), regDir, { recursive: true });
      fs.copyFileSync(path.join(FIX, "malformed/bad-dword.reg"), path.join(regDir, "zz-bad.reg"));
    }
    if (variant === "bad-users") {
      users = path.join(tmp, "users.csv");
      fs.writeFileSync(users, "exchange_im_address,sip_uri,display_name,wave\nalice@im.contoso.com,not a sip,Alice,1\nbob@im.contoso.com,sip:bob@contoso.com,Bob,x\n");
    }
    const layout = path.join(tmp, "layout.yaml");
    fs.writeFileSync(layout, "accountKey: HKEY_LOCAL_MACHINE\\Software\\{account}\n");
    const { code, io, out } = await plan(args.map((a) => (a === "LAYOUT" ? layout : a)), regDir, users);
    expect(code).toBe(2);
    expect(listFiles(out)).toEqual([]);
    if (variant === "bad-regs") expect(io.err).toMatch(/error: zz-bad\.reg:4: dword:123456789 is not 1 to 8 hexadecimal digits\n  fix: /);
    if (variant === "bad-users") expect(io.err).toMatch(/users\.csv:2: sip_uri[\s\S]*users\.csv:3: wave "x"/);
    if (variant === "partial") expect(io.err).toMatch(/error: --pool-fqdn, --remote-folder: are missing: .*\n  fix: Pass all three/);
    if (args.includes("LAYOUT")) expect(io.err).toMatch(/layout\.yaml: accountKey: must start with HKEY_CURRENT_USER/);
    expect(io.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it("a custom layout (subkeys encoding, YAML) reads clients that kept one key per contact", async () => {
    const regDir = path.join(tmp, "custom");
    fs.mkdirSync(regDir);
    const base = "HKEY_CURRENT_USER\\Software\\Contoso\\IM\\alice@im.contoso.com\\Buddies";
    const text = ["REGEDIT4", "", `[${base}\\1]`, '"Addr"="bob@im.contoso.com"', '"Name"="Robert"', '"Grp"=hex(7):57,6f,72,6b,00,00', ""].join("\r\n");
    fs.writeFileSync(path.join(regDir, "alice.reg"), Buffer.from(text, "latin1"));
    const layout = path.join(tmp, "layout.yaml");
    fs.writeFileSync(layout, ["accountKey: 'HKEY_CURRENT_USER\\Software\\Contoso\\IM\\{account}'", "contacts: { encoding: subkeys, subkey: Buddies, addressValue: Addr, displayNameValue: Name, groupsValue: Grp }", ""].join("\n"));
    const { code, out } = await plan(["--strategy", "immediate-recreate", "--layout", layout, "--accept-warnings"], regDir);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(out, "all/recreate-all-001.md"), "utf8")).toContain("Robert \\<sip:bob@contoso.com\\> \\[Work\\]");
  });
});
