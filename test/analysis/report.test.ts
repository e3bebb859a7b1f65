/**
 * The analysis and verification reports: rendered for the small sample and parsed back (the HTML is
 * well-formed XHTML); a source whose description carries a password (as a careless reader might give)
 * leaks it into neither stdout, the JSON nor the reports.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { analyze } from "../../migration-jobs/analysis";
import { analysisReport, REPORT_ROOM_ROWS } from "../../migration-jobs/analysis/report";
import { verificationReport } from "../../migration-jobs/verification/report";
import { verify, simulateImport } from "../../migration-jobs/verification";
import { renderHtml, renderMarkdown } from "../../migration-jobs/common/report";
import { runAnalyze } from "../../migration-jobs/cli/analyze";
import { runVerify } from "../../migration-jobs/cli/verify";
import { bufferIo } from "../../migration-jobs/common/io";
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import { sampleSource, SAMPLE_CUTOFF } from "../../migration-jobs/sample";
import { baseLegacy, room } from "./fixture";

describe("analysis report of the small sample", () => {
  it("renders every finding, in well-formed HTML and Markdown", async () => {
    const r = await analyze(sampleSource({ scale: "small", seed: 3 }), { cutoff: SAMPLE_CUTOFF });
    const doc = analysisReport(r);
    const html = renderHtml(doc);
    expect(XMLValidator.validate(html.replace("<!DOCTYPE html>", ""))).toBe(true);
    const md = renderMarkdown(doc);
    for (const f of r.findings) expect(html).toContain(f.code);
    expect(md).toContain("Verdict: BLOCKED");
    expect((html.match(/<tr class="error">/g) ?? []).length).toBe(r.blocking.errors);
  });
  it("caps the rooms table and says so", async () => {
    const l = baseLegacy();
    for (let i = 0; i < REPORT_ROOM_ROWS + 5; i++) l.rooms.push(room(10_000 + i, `R${i}`, 20));
    const doc = analysisReport(await analyze(memorySource(l)));
    const table = doc.sections.find((s) => s.heading === "Expected 2013 rooms")!.tables![0]!;
    expect(table.rows).toHaveLength(REPORT_ROOM_ROWS);
    expect(table.note).toMatch(/first 1,000 of 1,008 rooms/);
  });
  it("verification report lists each mismatch", async () => {
    const r = await analyze(memorySource(baseLegacy()));
    const altered = structuredClone(r);
    altered.target.rooms.pop();
    const doc = verificationReport(await verify(r, simulateImport(altered, null)));
    expect(renderMarkdown(doc)).toMatch(/\| room \| Sales\\_EMEA\\_Q1 \| missing \|/);
  });
});

describe("a password in a source description", () => {
  const PASSWORD = "Leaky-Pa55word";
  const leaky = () => memorySource(baseLegacy(), { description: `Server=sql1;Database=GroupChat;User Id=sa;Password=${PASSWORD}` });
  it.each(["analyze", "verify"])("never reaches the output or the reports of %s", async (cmd) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "leak-"));
    const io = bufferIo();
    if (cmd === "analyze") await runAnalyze({ legacy: "x", json: true, report: dir }, io, async () => leaky());
    else {
      const target = () => memorySource({}, { kind: "lync2013", description: `Server=sql2;Database=mgc;Password=${PASSWORD}` });
      await runVerify({ legacy: "x", target: "t", json: true, report: dir }, io, async (_s, where) => (where === "--target" ? target() : leaky()));
    }
    const base = cmd === "analyze" ? "analysis" : "verification";
    const files = await Promise.all(["md", "html", "json"].map((e) => readFile(path.join(dir, `${base}.${e}`), "utf8")));
    for (const text of [io.out, io.err, ...files]) expect(text).not.toContain(PASSWORD);
  });
});
