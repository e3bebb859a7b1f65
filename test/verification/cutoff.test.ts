/**
 * The cutoff after the import: the kit passes it as `Export-CsPersistentChatData -StartDate`, which the
 * docs describe as valid only with `-Level RoomDirectory` (domain §4.1), so `verify` tells "the cutoff
 * held" from "older messages arrived too", as info findings that never block. The simulated import
 * stands in for the lab's 2013 `mgc` (no SQL Server here): built from an analysis without the cutoff,
 * it is an export that ignored -StartDate.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { analyze } from "../../migration-jobs/analysis";
import type { ExportLevel } from "../../migration-jobs/analysis/export-level";
import { bufferIo } from "../../migration-jobs/common/io";
import { renderHtml, renderMarkdown } from "../../migration-jobs/common/report";
import { runVerify } from "../../migration-jobs/cli/verify";
import { decideVerification } from "../../migration-jobs/runbook/gates";
import { verify, simulateImport, verificationFindings, VERIFICATION_CODES } from "../../migration-jobs/verification";
import { verificationReport } from "../../migration-jobs/verification/report";
import { baseLegacy, day, source } from "../analysis/fixture";

// The fixture's legacy messages: General 5 on 2020-01-01 and 7 on 2024-06-01, Pipeline 3, Q1 4 in 2024.
interface Case {
  title: string;
  cutoff: string | null;
  /** Whether the simulated export applied -StartDate. */
  applied: boolean;
  level: ExportLevel;
  /** Extra legacy message days. */
  more?: ReturnType<typeof day>[];
  code: keyof typeof VERIFICATION_CODES | null;
  beforeCutoff: { messages: number; rooms: number; legacyMessages: number | null } | null;
  says: RegExp | null;
}

const cases: Case[] = [
  { title: "no cutoff", cutoff: null, applied: true, level: "All", code: null, beforeCutoff: null, says: null },
  {
    title: "a cutoff the export honoured",
    cutoff: "2023-01-01",
    applied: true,
    level: "All",
    code: "CUTOFF_HONOURED",
    beforeCutoff: { messages: 0, rooms: 0, legacyMessages: 5 },
    says: /No message older than the cutoff 2023-01-01 is in the 3 migrated room\(s\).*legacy side had 5 older message\(s\).*left them behind/,
  },
  {
    title: "a cutoff the export did not apply",
    cutoff: "2023-01-01",
    applied: false,
    level: "All",
    code: "CUTOFF_NOT_APPLIED",
    beforeCutoff: { messages: 5, rooms: 1, legacyMessages: 5 },
    says: /^5 message\(s\) older than the cutoff 2023-01-01 arrived in 1 migrated room\(s\), the oldest from 2020-01-01: "General \(5\)"\. The export ran with -Level All and -StartDate 2023-01-01; -StartDate is documented as valid only with -Level RoomDirectory/,
  },
  {
    title: "a cutoff not applied, older messages in two rooms",
    cutoff: "2023-01-01",
    applied: false,
    level: "Content",
    more: [day(102, "2021-03-04", 2), day(102, "2019-12-31", 1)],
    code: "CUTOFF_NOT_APPLIED",
    beforeCutoff: { messages: 8, rooms: 2, legacyMessages: 8 },
    says: /^8 message\(s\) .* in 2 migrated room\(s\), the oldest from 2019-12-31: "General \(5\)", "Sales_EMEA_Q1 \(3\)"/,
  },
  {
    title: "a cutoff not applied at -Level RoomDirectory, where -StartDate is documented",
    cutoff: "2023-01-01",
    applied: false,
    level: "RoomDirectory",
    code: "CUTOFF_NOT_APPLIED",
    beforeCutoff: { messages: 5, rooms: 1, legacyMessages: 5 },
    says: /valid only with -Level RoomDirectory \(PS:Export-CsPersistentChatData\), the level used here, and the older messages came all the same/,
  },
  {
    title: "a cutoff before every message: nothing to tell",
    cutoff: "2019-01-01",
    applied: true,
    level: "All",
    code: "CUTOFF_HONOURED",
    beforeCutoff: { messages: 0, rooms: 0, legacyMessages: 0 },
    says: /legacy side had none older .* does not show whether the export applies -StartDate/,
  },
  {
    title: "a cutoff at a level that exports no content",
    cutoff: "2023-01-01",
    applied: true,
    level: "Category",
    code: "CUTOFF_HONOURED",
    beforeCutoff: { messages: 0, rooms: 0, legacyMessages: 5 },
    says: /-Level Category is not taken to export content \(inferred\)/,
  },
];

async function run(c: Case) {
  const legacy = baseLegacy();
  legacy.messageDays.push(...(c.more ?? []));
  const expected = await analyze(source(legacy), c.cutoff ? { cutoff: c.cutoff } : {});
  // An export that ignored -StartDate carries every message: the analysis of the same data without the cutoff.
  const imported = c.applied ? expected : await analyze(source(legacy));
  const target = simulateImport(imported, source(legacy));
  return verify(expected, target, { exportLevel: c.level });
}

describe.each(cases)("$title", (c) => {
  it("is told by an info finding, never a mismatch", async () => {
    const v = await run(c);
    expect(v.mismatches).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.beforeCutoff).toEqual(c.beforeCutoff);
    expect(v.findings.map((f) => f.code)).toEqual(c.code ? [c.code] : []);
    if (c.code) {
      const f = v.findings[0]!;
      expect(f).toMatchObject({ severity: "info", subject: `messages before ${c.cutoff}`, fix: VERIFICATION_CODES[c.code].fix });
      expect(f.message).toMatch(c.says!);
    }
  });

  it("passes the verification gate, the finding counted as info", async () => {
    const v = await run(c);
    const d = decideVerification({ ok: v.ok, findings: verificationFindings(v) }, { runId: "run-1", acceptWarnings: false, reportPath: "v.md" });
    expect(d.passed).toBe(true);
    expect(d.counts).toEqual({ error: 0, warning: 0, info: c.code ? 1 : 0 });
    if (c.code) expect(d.message).toContain(c.code);
  });

  it("is in the reports", async () => {
    const v = await run(c);
    const doc = verificationReport(v);
    const md = renderMarkdown(doc).replace(/\\/g, ""); // Markdown escapes read back as typed
    const html = renderHtml(doc);
    if (c.code) {
      expect(md).toContain(c.code);
      expect(md).toContain("Findings (information, never blocking)");
      expect(html).toContain(c.code);
      expect(md).toContain(`messages before cutoff, in migrated rooms | 0 | ${c.beforeCutoff!.messages} | info only`);
    } else {
      expect(md).not.toContain("Findings");
      expect(md).not.toContain("messages before cutoff");
    }
  });
});

describe("a mismatch and a cutoff finding together", () => {
  it("blocks on the mismatch, the info listed after it", async () => {
    const legacy = baseLegacy();
    const expected = await analyze(source(legacy), { cutoff: "2023-01-01" });
    const altered = structuredClone(await analyze(source(legacy)));
    altered.target.rooms.find((r) => r.name === "General")!.privacy = "secret";
    const v = await verify(expected, simulateImport(altered, source(legacy)));
    expect(verificationFindings(v).map((f) => [f.severity, f.code])).toEqual([
      ["error", "VERIFY_ROOM_SETTING"],
      ["info", "CUTOFF_NOT_APPLIED"],
    ]);
    expect(decideVerification({ ok: v.ok, findings: verificationFindings(v) }, { runId: "r", acceptWarnings: true, reportPath: null }).passed).toBe(false);
  });
});

describe("verify --json and --export-level", () => {
  const opener = (target: ReturnType<typeof simulateImport>) => async (spec: string) => (spec === "target" ? target : source(baseLegacy()));

  it("prints the findings, the level and what was compared in the JSON document, and in the text", async () => {
    const all = await analyze(source(baseLegacy()));
    const io = bufferIo();
    expect(await runVerify({ legacy: "legacy", target: "target", cutoff: "2023-01-01", exportLevel: "Content", json: true }, io, opener(simulateImport(all, source(baseLegacy()))))).toBe(0);
    const doc = JSON.parse(io.out);
    expect(doc).toMatchObject({ ok: true, exportLevel: "Content", compared: ["messages"], beforeCutoff: { messages: 5, rooms: 1 } });
    expect(doc.findings).toEqual([expect.objectContaining({ code: "CUTOFF_NOT_APPLIED", severity: "info" })]);

    const text = bufferIo();
    const dir = await mkdtemp(path.join(os.tmpdir(), "verify-cutoff-"));
    expect(await runVerify({ legacy: "legacy", target: "target", cutoff: "2023-01-01", exportLevel: "Content", report: dir }, text, opener(simulateImport(all, source(baseLegacy()))))).toBe(0);
    expect(text.out).toMatch(/compared at -Level Content: messages only/);
    expect(text.out).toMatch(/info CUTOFF_NOT_APPLIED messages before 2023-01-01: 5 message\(s\)/);
    expect(JSON.parse(await readFile(path.join(dir, "verification.json"), "utf8")).findings[0].code).toBe("CUTOFF_NOT_APPLIED");
  });

  it.each([["Rooms"], ["all"], [""]])("refuses --export-level %j: exit 2 naming the option", async (level) => {
    const io = bufferIo();
    await expect(runVerify({ legacy: "legacy", target: "target", exportLevel: level }, io, opener(simulateImport(await analyze(source(baseLegacy())), null)))).rejects.toThrow(
      /--export-level.*not an Export-CsPersistentChatData -Level/,
    );
  });
});
