/**
 * The generated artifacts read back: the Import-CsUserData ZIP (jszip) and its DocItemSet.xml and the
 * DBImpExp XML (fast-xml-parser), the wave reports, and the PowerShell scripts, read as text. The
 * scripts are parsed and run by the PowerShell suite (test/powershell/) under pwsh, with fakes of the
 * Lync cmdlets: Syntax.Tests.ps1 parses every one with the real parser, Shapes.Tests.ps1 checks the
 * calls of check-files, stop, import, start and verify (syntax/step-shapes.psd1), Scripts.Tests.ps1
 * and Runs.Tests.ps1 run them.
 */
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";
import { DBIMPEXP_NAMESPACE, DOC_ITEM_SET_ENTRY, CONTENT_TYPES_ENTRY, expectedCounts, renderDbImpExp, renderDbImpExpReference, DocItemSetEncoder, renderDocItemSet, renderDocItemSetReference, renderImportZip, renderImportZipReference } from "../../migration-jobs/contacts/importfile";
import { ContactArtifact, planContacts } from "../../migration-jobs/contacts";
import { DEFAULT_LAYOUT } from "../../migration-jobs/contacts/layout";
import { EXCHANGE_IM_GROUP, indexContactFiles, planWindows, Strategy, WindowPlan } from "../../migration-jobs/contacts/plan";
import { buildWaveReport, mergeWaveReports, NOT_ROUTED_NOTE, renderReportHtml, renderReportJson, renderReportMarkdown, waveReportDoc } from "../../migration-jobs/contacts/report";
import { contactSteps } from "../../migration-jobs/contacts/steps";
import { psString } from "../../migration-jobs/powershell/frame";
import { RESULT_LINE_PREFIX } from "../../migration-jobs/runbook/step";
import { im, memorySource, regText, userMap } from "./helpers";

const USERS = userMap([["a", 1], ["b", 2], ["c", 2]]);
const FILES = {
  "a.reg": regText(im("a"), [{ address: im("b"), name: "Zoë & <Bee>", groups: ["Team"] }, { address: im("c"), groups: ["Team", "Golf"] }]),
  "b.reg": regText(im("b"), [{ address: im("a") }]),
};

function plans(strategy: Strategy): WindowPlan[] {
  const input = { strategy, users: USERS, layout: DEFAULT_LAYOUT, source: memorySource(FILES) };
  return [...planWindows(input, indexContactFiles(input.source, input.layout, USERS))];
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["DocItem", "ContactGroup", "Contact", "HomedResource"].includes(name) });
const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

describe("Import-CsUserData ZIP (domain §9.2)", () => {
  it("holds DocItemSet.xml with base64 display names, group numbers and Buddy without sip:", async () => {
    const all = plans("immediate-import")[0];
    if (!all) throw new Error("fixture");
    const zip = await JSZip.loadAsync(await renderImportZip(all.lists));
    // An Open Packaging Conventions package: the part, and the content types System.IO.Packaging needs.
    expect(Object.keys(zip.files)).toEqual([DOC_ITEM_SET_ENTRY, CONTENT_TYPES_ENTRY]);
    expect(await zip.file(CONTENT_TYPES_ENTRY)?.async("string")).toContain('<Default Extension="xml" ContentType="text/xml" />');
    const text = await zip.file(DOC_ITEM_SET_ENTRY)?.async("string");
    const doc = xml.parse(text ?? "");
    const items = doc.DocItemSet.DocItem as Array<{ Name: string; Data: { HomedResource: Array<{ ContactGroups: { ContactGroup: Array<{ Number: string; DisplayName: string }> }; Contacts: { Contact: Array<{ Buddy: string; DisplayName: string; Groups: string }> } }> } }>;
    expect(items.map((i) => i.Name)).toEqual(["urn:lcd:a@x.com", "urn:lcd:b@x.com"]);
    const a = items[0]?.Data.HomedResource[0];
    expect(a?.ContactGroups.ContactGroup.map((g) => [g.Number, unb64(g.DisplayName)])).toEqual([["1", "~"], ["2", "Team"], ["3", "Golf"]]);
    expect(a?.ContactGroups.ContactGroup[0]?.DisplayName).toBe("fg==");
    expect(a?.Contacts.Contact.map((c) => [c.Buddy, unb64(c.DisplayName), c.Groups])).toEqual([
      ["b@x.com", "Zoë & <Bee>", "2"],
      ["c@x.com", "C Name", "2 3"],
    ]);
  });

  it("is byte-identical between runs (the import step's hash marker relies on it)", async () => {
    const all = plans("immediate-import")[0];
    if (!all) throw new Error("fixture");
    expect(Buffer.from(await renderImportZip(all.lists)).equals(Buffer.from(await renderImportZip(all.lists)))).toBe(true);
  });

  it("natively deflated, it holds what jszip alone writes, with the same headers and a CRC-32 that checks", async () => {
    const all = plans("immediate-import")[0];
    if (!all) throw new Error("fixture");
    const fast = Buffer.from(await renderImportZip(all.lists));
    const ref = Buffer.from(await renderImportZipReference(all.lists));
    const [a, b] = await Promise.all([JSZip.loadAsync(fast, { checkCRC32: true }), JSZip.loadAsync(ref, { checkCRC32: true })]);
    expect(Object.keys(a.files)).toEqual(Object.keys(b.files));
    expect(await a.file(DOC_ITEM_SET_ENTRY)?.async("string")).toBe(renderDocItemSet(all.lists));
    expect(await a.file(DOC_ITEM_SET_ENTRY)?.async("string")).toBe(await b.file(DOC_ITEM_SET_ENTRY)?.async("string"));
    // Local header: signature, version, flags, method (8 = deflate), DOS time and date, CRC-32; then the
    // uncompressed size. Only the compressed bytes (and so their size) may differ.
    expect(fast.subarray(0, 18).equals(ref.subarray(0, 18))).toBe(true);
    expect(fast.readUInt16LE(8)).toBe(8);
    expect(fast.readUInt32LE(22)).toBe(ref.readUInt32LE(22));
    // A corrupted payload does not read back (inflate or CRC-32 check fails).
    const bad = Buffer.from(fast);
    const at = 30 + DOC_ITEM_SET_ENTRY.length + 2;
    bad[at] = (bad[at] as number) ^ 0xff;
    await expect(JSZip.loadAsync(bad, { checkCRC32: true }).then((z) => z.file(DOC_ITEM_SET_ENTRY)?.async("string"))).rejects.toThrow();
  });

  it("leaves held contacts and blocked lists out, and counts what it holds", () => {
    const w1 = plans("gradual-per-user")[0];
    if (!w1) throw new Error("fixture");
    expect(w1.lists[0]?.held).toHaveLength(2);
    const doc = xml.parse(renderDocItemSet(w1.lists));
    expect(JSON.stringify(doc)).not.toContain(EXCHANGE_IM_GROUP);
    expect(expectedCounts(w1.lists)).toEqual({ "a@x.com": 0 });
    const blocked = w1.lists.map((l) => ({ ...l, blocked: true }));
    expect(xml.parse(renderDocItemSet(blocked)).DocItemSet).toBe("");
    expect(expectedCounts(blocked)).toEqual({});
  });
});

describe("DBImpExp XML (domain §9.1, --format lcs)", () => {
  it("uses the 2002/11 namespace and HomedResources/HomedResource/Contacts/Contact with Buddy, SubscribePresence, Groups", () => {
    const all = plans("immediate-import")[0];
    if (!all) throw new Error("fixture");
    const doc = xml.parse(renderDbImpExp(all.lists));
    expect(doc.HomedResources.xmlns).toBe(DBIMPEXP_NAMESPACE);
    const hr = doc.HomedResources.HomedResource as Array<{ UserAtHost: string; Contacts: { Contact: Array<{ Buddy: string; SubscribePresence: string; Groups: string }> } }>;
    expect(hr.map((h) => [h.UserAtHost, h.Contacts.Contact.map((c) => [c.Buddy, c.SubscribePresence, c.Groups])])).toEqual([
      ["a@x.com", [["sip:b@x.com", "1", "2"], ["sip:c@x.com", "1", "2 3"]]],
      ["b@x.com", [["sip:a@x.com", "1", "1"]]],
    ]);
  });
});

describe("runbook steps (domain §9.2: stop Front End on all pool servers, import, start together, verify)", () => {
  const w = plans("gradual-per-user")[1];
  if (!w) throw new Error("fixture");
  const pool = { fqdn: "pool01.lab.local", servers: [{ key: "fe-1", computerName: "LYNCFE01" }, { key: "fe-2", computerName: "LYNCFE02" }] };
  const steps = contactSteps(w.window, { pool, remoteFolder: "\\\\files01\\staging\\", runId: "7", firstOrder: 10, after: ["homing"] });

  it("orders check, stop, import, start, verify with the right dependencies", () => {
    expect(steps.map((s) => [s.id, s.order, s.machine, s.dependsOn])).toEqual([
      ["contacts-wave-2-check-files", 10, "fe-1", ["homing"]],
      ["contacts-wave-2-stop-fe-1", 11, "fe-1", ["contacts-wave-2-check-files"]],
      ["contacts-wave-2-stop-fe-2", 12, "fe-2", ["contacts-wave-2-check-files"]],
      ["contacts-wave-2-import", 13, "fe-1", ["contacts-wave-2-stop-fe-1", "contacts-wave-2-stop-fe-2"]],
      ["contacts-wave-2-start-fe-1", 14, "fe-1", ["contacts-wave-2-import"]],
      ["contacts-wave-2-start-fe-2", 15, "fe-2", ["contacts-wave-2-import"]],
      ["contacts-wave-2-verify", 16, "fe-1", ["contacts-wave-2-start-fe-1", "contacts-wave-2-start-fe-2"]],
    ]);
    expect(steps.every((s) => s.kind === "windows" && s.window === "wave-2" && s.protectedParameters.length === 0)).toBe(true);
    expect(steps[3]?.parameters).toEqual({ RunId: "7", StepId: "contacts-wave-2-import", ExpectedComputer: "LYNCFE01", StagingFolder: "\\\\files01\\staging\\", FinalStepId: "", PoolFqdn: "pool01.lab.local", ImportFolder: "\\\\files01\\staging\\wave-2" });
    expect(steps[2]?.parameters.ExpectedComputer).toBe("LYNCFE02");
  });

  it("checks the import files are on the share before any Front End service is stopped", () => {
    const script = steps[0]?.script ?? "";
    expect(script).toContain("-Filter 'contacts-wave-2-*.zip'");
    expect(script).toMatch(/throw \('No import files in ' \+ \$ImportFolder/);
  });

  // The switches of each call, Import-Module, the frame's four Write-StepResult calls and no
  // Expand-Archive are read with the real parser by Shapes.Tests.ps1 (syntax/step-shapes.psd1).
  it.each([
    ["stop", 1, "Stop-CsWindowsService"],
    ["import", 3, "Import-CsUserData"],
    ["start", 4, "Start-CsWindowsService"],
    ["verify", 6, "Export-CsUserData"],
  ])("the %s script uses the runbook frame and calls %s", (_n, i, cmdlet) => {
    const script = steps[i]?.script ?? "";
    expect(script).toContain("Set-StrictMode -Version Latest");
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    expect(script).toContain(`${cmdlet} `);
    // One result line, written by the frame on success and on failure.
    expect(script.split("\n").filter((l) => l.includes(RESULT_LINE_PREFIX.trim()))).toHaveLength(1);
  });

  it("is idempotent: each script checks state before acting", () => {
    // The one service renderer: only the services not already in the wanted state are touched.
    expect(steps[1]?.script).toContain("$toChange = @($services | Where-Object { [string]$_.Status -ne 'Stopped' })");
    expect(steps[4]?.script).toContain("$toChange = @($services | Where-Object { [string]$_.Status -ne 'Running' })");
    expect(steps[1]?.script).toContain("if ($toChange.Count -eq 0) { $status = 'skipped' }");
    expect(steps[3]?.script).toMatch(/foreach \(\$zip in \$zips\) \{[\s\S]*Get-FileHash[\s\S]*-eq \$hash\)\) \{ continue \}\n\s+Import-CsUserData[\s\S]*Set-Content -LiteralPath \$marker/);
    expect(steps[3]?.script).toContain("-Filter 'contacts-wave-2-*.zip'");
  });

  it("the verification fails the step (throws into the frame) when a user has fewer contacts than planned", () => {
    expect(steps[6]?.script).toMatch(/if \(\$short\.Count -gt 0\) \{ throw/);
    expect(steps[6]?.script).toContain("[System.IO.Compression.ZipFile]::ExtractToDirectory($export, $unzipped)");
  });

  it("windows that import nothing have no steps", () => {
    expect(contactSteps(plans("immediate-recreate")[0]!.window, { pool, remoteFolder: "C:\\x", runId: "1", firstOrder: 1, after: [] })).toEqual([]);
  });

  it("quotes literals safely", () => {
    expect(psString("it's $x")).toBe("'it''s $x'");
  });
});

describe("wave report", () => {
  it("says for each held contact that messages are not routed, in every format", () => {
    const w1 = plans("gradual-per-user")[0];
    if (!w1) throw new Error("fixture");
    const r = buildWaveReport(w1, ["wave-1/contacts-wave-1-001.zip"], ["contacts-wave-1-import"]);
    expect([r.usersMoved, r.listsImported, r.contactsMoved, r.contactsHeld]).toEqual([1, 1, 0, 2]);
    const md = renderReportMarkdown(r);
    const heldRows = md.split("\n").filter((l) => l.startsWith("| sip:a@x.com |") && l.includes("im.x.com"));
    expect(heldRows).toHaveLength(2);
    for (const l of heldRows) expect(l).toMatch(/\| not routed between Exchange IM and Lync \|$/);
    expect(md).toContain(NOT_ROUTED_NOTE);
    const html = renderReportHtml(r);
    expect(html.match(/<td>not routed between Exchange IM and Lync<\/td>/g)).toHaveLength(2);
    expect(JSON.parse(renderReportJson(r)).lists[0].held).toHaveLength(2);
  });

  it("escapes HTML and Markdown (a display name is text, not markup)", () => {
    const all = plans("immediate-recreate")[0];
    if (!all) throw new Error("fixture");
    const r = buildWaveReport(all, [], []);
    const html = renderReportHtml(r);
    expect(html).toContain("Zoë &amp; &lt;Bee&gt;");
    expect(html).not.toContain("<Bee>");
    expect(renderReportMarkdown(r)).toContain("Zoë & \\<Bee\\>");
  });

  it("immediate-recreate lists what each user re-creates", () => {
    const all = plans("immediate-recreate")[0];
    if (!all) throw new Error("fixture");
    const r = buildWaveReport(all, [], []);
    expect(r.lists[0]?.recreate).toEqual(["Zoë & <Bee> <sip:b@x.com> [Team]", "C Name <sip:c@x.com> [Team, Golf]"]);
    expect(r.contactsMoved).toBe(0);
    expect(waveReportDoc(r).sections.map((s) => s.heading)).toEqual(["Notes", "Users", "Contacts to re-create", "Findings"]);
  });

  it("merges the batches of one window", () => {
    const w = plans("immediate-import")[0];
    if (!w) throw new Error("fixture");
    const a = buildWaveReport({ ...w, lists: w.lists.slice(0, 1) }, ["x-001.zip"], []);
    const b = buildWaveReport({ ...w, lists: w.lists.slice(1), movedUsers: [], findings: [] }, ["x-002.zip"], []);
    const whole = buildWaveReport(w, ["x-001.zip", "x-002.zip"], []);
    expect(mergeWaveReports(a, b)).toEqual(whole);
  });
});

describe("fast DocItemSet rendering", () => {
  it.each<[string, Strategy, number]>([
    ["immediate-import", "immediate-import", 0],
    ["gradual-per-user wave 1 (empty Contacts)", "gradual-per-user", 0],
    ["gradual-per-user wave 2", "gradual-per-user", 1],
  ])("is byte-identical to the xmlbuilder2 reference: %s", (_n, strategy, i) => {
    const w = plans(strategy)[i];
    if (!w) throw new Error("fixture");
    expect(renderDocItemSet(w.lists)).toBe(renderDocItemSetReference(w.lists));
    expect(renderDocItemSet([])).toBe(renderDocItemSetReference([]));
    const encoder = new DocItemSetEncoder();
    expect(encoder.encode(w.lists).equals(Buffer.from(renderDocItemSet(w.lists), "utf8"))).toBe(true);
    expect(encoder.encode([]).equals(Buffer.from(renderDocItemSet([]), "utf8"))).toBe(true);
    expect(renderDbImpExp(w.lists)).toBe(renderDbImpExpReference(w.lists));
    expect(renderDbImpExp([])).toBe(renderDbImpExpReference([]));
  });
  it("escapes attribute text like xmlbuilder2", () => {
    const w = plans("immediate-import")[0];
    if (!w) throw new Error("fixture");
    const odd = w.lists.map((l) => ({ ...l, owner: { ...l.owner, sipUri: 'sip:o&<>"\'x@x.com' }, contacts: l.contacts.map((c) => ({ ...c, sipUri: "sip:a&b<c>@x.com" })) }));
    expect(renderDocItemSet(odd)).toBe(renderDocItemSetReference(odd));
    // The byte encoder, reused across calls (its per-contact fragments are cached), with a contact whose
    // display name differs between lists and group numbers of one, two and three digits.
    const encoder = new DocItemSetEncoder();
    const renamed = odd.map((l) => ({ ...l, contacts: l.contacts.map((c, i) => ({ ...c, displayName: i === 0 ? "Ünïcode ✓ \u{1F600}" : c.displayName, groupNumbers: i === 0 ? [107] : [1, 42, 3] })) }));
    for (const lists of [odd, renamed, odd, w.lists]) expect(encoder.encode(lists).equals(Buffer.from(renderDocItemSetReference(lists), "utf8"))).toBe(true);
    const oddGroups = odd.map((l) => ({ ...l, groups: l.groups.map((g) => ({ ...g, name: `${g.name} & <"x">` })) }));
    expect(renderDbImpExp(oddGroups)).toBe(renderDbImpExpReference(oddGroups));
    // Unlike xmlbuilder2, tabs and newlines are escaped: a parser would otherwise normalise them to spaces.
    expect(renderDbImpExp(odd.map((l) => ({ ...l, groups: [{ number: 1, name: "a\tb\nc" }] })))).toContain('Name="a&#x9;b&#xA;c"');
  });
});

describe("planContacts writing while it plans", () => {
  const options = { strategy: "gradual-per-user" as Strategy, format: "lync2013" as const, users: USERS, layout: DEFAULT_LAYOUT, source: memorySource(FILES), runId: "1", batchSize: 1, acceptWarnings: true };

  it("writes every batch's ZIP, in order, before runbook-steps.json", async () => {
    const written: string[] = [];
    await planContacts(options, { write: async (a: ContactArtifact[]) => void written.push(...a.map((x) => x.path)) });
    const zips = written.filter((p) => p.endsWith(".zip"));
    expect(zips).toEqual(["wave-1/contacts-wave-1-001.zip", "wave-2/contacts-wave-2-001.zip", "wave-2/contacts-wave-2-002.zip"]);
    expect(written[written.length - 1]).toBe("runbook-steps.json");
    expect(written.indexOf("wave-2/report.json")).toBeGreaterThan(written.indexOf("wave-2/contacts-wave-2-002.zip"));
  });

  it("fails with the sink's error when a write fails (nothing swallowed by the pipelining)", async () => {
    let calls = 0;
    const sink = {
      write: async () => {
        calls++;
        if (calls === 2) throw new Error("disk full");
      },
    };
    await expect(planContacts(options, sink)).rejects.toThrow("disk full");
  });
});
