/**
 * The HTML reports as strings (issue 12): the shared kit's escaping and charts, each report's renderer
 * over real engine output (the small sample's analysis, the lab runbook, a verification against a
 * simulated import with planted differences), the Markdown carrying the same sections, the runbook
 * estimate's scheduling, and the writers' secrets gate. The DOM and the scripts are tested in a real
 * browser (browser.test.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { analysisReport, categoryTree, findingGroups, roomsByMessages } from "../../migration-jobs/analysis/report";
import { renderReadinessHtml } from "../../migration-jobs/analysis/report-html";
import { barChart, embedJson, escapeHtml, html, page } from "../../migration-jobs/common/html";
import { renderMarkdown, reportHtml, writeReports } from "../../migration-jobs/common/report";
import { rememberSecret } from "../../migration-jobs/common/secrets";
import { estimateRunbook, RATES, workKind, type DataVolumes } from "../../migration-jobs/runbook/estimate";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { runbookDocument, runbookReport } from "../../migration-jobs/runbook/render";
import { renderRunbookHtml } from "../../migration-jobs/runbook/report-html";
import type { RunbookStep } from "../../migration-jobs/runbook/step";
import { sampleSource, SAMPLE_CUTOFF } from "../../migration-jobs/sample";
import { simulateImport, verify } from "../../migration-jobs/verification";
import { kindSummary, verificationReport } from "../../migration-jobs/verification/report";
import { renderVerificationHtml } from "../../migration-jobs/verification/report-html";
import { BATCHES, ENV, config } from "../runbook/fixtures";

let analysis: AnalysisResult;
beforeAll(async () => {
  analysis = await analyze(sampleSource({ scale: "small", seed: 1 }), { cutoff: SAMPLE_CUTOFF });
});

describe("the HTML kit", () => {
  it("escapes every interpolated value once, and not what the kit built", () => {
    const v = `<script>alert("x")</script> & 'q'`;
    expect(html`<p>${v}</p>`.text).toBe(`<p>${escapeHtml(v)}</p>`);
    expect(html`<div>${html`<b>${v}</b>`}</div>`.text).toBe(`<div><b>${escapeHtml(v)}</b></div>`);
    expect(escapeHtml(v)).not.toMatch(/[<>"']/);
  });

  it("embeds JSON that cannot close its script element", () => {
    const out = embedJson("d", { name: "</script><script>alert(1)</script>" }).text;
    expect(out.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(out.replace(/^<script[^>]*><!\[CDATA\[/, "").replace(/\]\]><\/script>$/, ""))).toEqual({ name: "</script><script>alert(1)</script>" });
    expect(embedJson("d", { name: "]]>" }).text).not.toContain("]]>]]>");
  });

  it("draws a bar chart as an image with a title, a description and its figures as a table", () => {
    const out = barChart("c", "Rooms", [{ label: "a", value: 3 }, { label: "b", value: 0 }], { unit: "rooms" }).text;
    expect(out).toMatch(/<svg role="img" aria-labelledby="c-t c-d"/);
    expect(out).toContain('<title id="c-t">Rooms</title>');
    expect(out).toContain("a: 3 rooms; b: 0 rooms");
    expect(out).toMatch(/<table>.*<td>a<\/td><td class="num">3<\/td>/s);
  });

  it("makes a self-contained page with a print stylesheet and no network reference", () => {
    const out = page({ title: "t", body: html`<p>x</p>`, script: "var a='</script>';" });
    expect(out).toContain("@media print");
    expect(out).not.toMatch(/\b(src|href)="https?:/);
    expect(out.match(/<\/script>/g)).toHaveLength(1);
  });
});

describe("readiness", () => {
  it("groups findings by code, most severe first, every finding once", () => {
    const groups = findingGroups(analysis.findings);
    expect(groups.reduce((s, g) => s + g.findings.length, 0)).toBe(analysis.findings.length);
    const order = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < groups.length; i++) expect(order[groups[i - 1]!.severity]).toBeLessThanOrEqual(order[groups[i]!.severity]);
    expect(new Set(groups.map((g) => g.code)).size).toBe(groups.length);
  });

  it("counts every expected room in exactly one message bucket", () => {
    const buckets = roomsByMessages(analysis);
    expect(buckets.reduce((s, b) => s + b.rooms, 0)).toBe(analysis.target.rooms.length);
    expect(buckets.reduce((s, b) => s + b.messages, 0)).toBe(analysis.target.rooms.reduce((s, r) => s + r.messagesSinceCutoff, 0));
  });

  it("draws the legacy tree with the sample's planted name problems marked", () => {
    const tree = categoryTree(analysis);
    expect(tree).toHaveLength(analysis.legacyTree!.length);
    expect(tree.some((t) => t.changes.includes("collides"))).toBe(true);
    expect(tree.some((t) => t.changes.includes("broken"))).toBe(true);
    const renamed = tree.find((t) => t.changes.includes("changed"))!;
    expect(renamed.node.flatName).not.toBe(renamed.node.name);
    expect(renamed.node.flatName!.endsWith(renamed.node.name!)).toBe(true);
  });

  it("renders the page: banner, tree, charts, findings shells, data embedded once", () => {
    const odd: AnalysisResult = JSON.parse(JSON.stringify(analysis));
    odd.target.rooms[0]!.name = `R&D <x> "q" ]]> </script>`;
    odd.legacyTree![1]!.name = `R&D <x>`;
    const doc = analysisReport(odd);
    const out = renderReadinessHtml(doc, odd);
    expect(out).toContain("R&amp;D &lt;x&gt;");
    expect(out).toMatch(/<section class="banner error" role="status"/);
    expect(out).toContain('id="legacy-tree"');
    expect(out).toContain('id="flat-list"');
    expect(out).toContain('id="chart-rooms"');
    expect(out).toContain('id="chart-cutoff"');
    expect(out.match(/<details class="group"/g)).toHaveLength(findingGroups(analysis.findings).length);
    expect(out.match(/id="report-data"/g)).toHaveLength(1);
    // Findings are drawn by the script on demand, not as rows of the page.
    expect(out).not.toContain('class="finding ');
    // Well-formed as XML too, as the rehearsal's files are checked (a room named "R&D <x>" included).
    expect(XMLValidator.validate(out.replace("<!DOCTYPE html>", ""))).toBe(true);
  });

  it("says the same in Markdown: findings by code, rooms by messages, the tree's changes", () => {
    const md = renderMarkdown(analysisReport(analysis));
    expect(md).toContain("## Findings by code");
    expect(md).toContain("## Rooms by messages since the cutoff");
    expect(md).toContain("## Category tree before and after flattening");
    for (const g of findingGroups(analysis.findings)) expect(md).toContain(`| ${g.code.replace(/_/g, "\\_")} | ${g.severity} | ${g.findings.length} |`);
  });

  it("an older result without the legacy tree still renders, and says why the tree is missing", () => {
    const { legacyTree: _dropped, ...old } = analysis;
    const out = renderReadinessHtml(analysisReport(old), old);
    expect(out).toContain("does not carry the legacy tree");
  });
});

const VOLUMES: DataVolumes = { messages: 3_600_000, legacyMessages: 10_000_000, files: 70_000, fileBytes: 180 * 1024 ** 3, databaseBytes: null };

describe("the runbook's estimate", () => {
  const immediate = planRunbook(config({ sqlLogin: "sa" }), ENV);
  const batched = planRunbook(config({ strategy: "batched", batches: BATCHES, sqlLogin: "sa" }), ENV);

  it("reads each step's work from its parameters", () => {
    const kinds = new Map(immediate.steps.map((s) => [s.id, workKind(s)]));
    expect(kinds.get("01-readiness-gate")).toBe("gate");
    expect(kinds.get("03-backup-legacy")).toBe("backup");
    expect(kinds.get("04-export")).toBe("export");
    expect(kinds.get("06-import-whatif")).toBe("whatif");
    expect(kinds.get("07-import")).toBe("import");
    expect(kinds.get("08-copy-files")).toBe("copy");
  });

  it("sizes data steps from the volumes and the stated rates, never past the timeout", () => {
    const e = estimateRunbook(immediate.steps, VOLUMES, { legacyDatabase: ENV.legacy!.database });
    const of = (work: string) => e.steps.find((t) => t.work === work)!;
    expect(of("import").estimatedSeconds).toBe(Math.min(of("import").timeoutSeconds, VOLUMES.messages / RATES.importMessagesPerSecond + RATES.overheadSeconds));
    expect(of("export").estimatedSeconds).toBe(Math.min(of("export").timeoutSeconds, VOLUMES.messages / RATES.exportMessagesPerSecond + RATES.overheadSeconds));
    for (const t of e.steps) expect(t.estimatedSeconds).toBeLessThanOrEqual(t.timeoutSeconds);
    expect(e.assumptions.join(" ")).toContain("messages/s");
  });

  it("starts a step after its dependencies and once its machine is free", () => {
    const e = estimateRunbook(batched.steps, VOLUMES);
    const end = new Map(e.steps.map((t) => [t.id, t.start + t.estimatedSeconds]));
    for (const s of batched.steps) {
      const t = e.steps.find((x) => x.id === s.id)!;
      for (const d of s.dependsOn) expect(t.start).toBeGreaterThanOrEqual(end.get(d)!);
    }
    for (const m of new Set(e.steps.map((t) => t.machine))) {
      const lane = e.steps.filter((t) => t.machine === m).sort((a, b) => a.start - b.start);
      for (let i = 1; i < lane.length; i++) expect(lane[i]!.start).toBeGreaterThanOrEqual(lane[i - 1]!.start + lane[i - 1]!.estimatedSeconds);
    }
    expect(e.windows.map((w) => w.name)).toEqual(["wave-1", "wave-2"]);
  });

  it("finds the downtime window from the first service stop to the last start", () => {
    const e = estimateRunbook(immediate.steps, VOLUMES);
    const services = e.steps.filter((t) => t.work === "services");
    expect(e.downtime).not.toBeNull();
    expect(e.downtime!.start).toBe(Math.min(...services.map((t) => t.start)));
    const last = services[services.length - 1]!;
    expect(e.downtime!.end).toBe(last.start + last.estimatedSeconds);
    expect(e.downtime!.worstSeconds).toBeGreaterThanOrEqual(e.downtime!.seconds);
  });

  it("a runbook without service steps has no downtime window", () => {
    const steps: RunbookStep[] = immediate.steps.filter((s) => workKind(s) !== "services");
    expect(estimateRunbook(steps, VOLUMES).downtime).toBeNull();
  });

  it("renders the timeline, its table, the assumptions and the files, the same in Markdown", () => {
    const extras = { estimate: estimateRunbook(batched.steps, VOLUMES), files: [{ label: "readiness report", path: "readiness.html" }] };
    const doc = runbookReport(batched, extras);
    const out = renderRunbookHtml(doc, runbookDocument(batched, extras));
    expect(out).toContain('aria-labelledby="timeline-t timeline-d"');
    expect(out.match(/<g class="step"/g)).toHaveLength(batched.steps.length);
    expect(out).toContain('id="assumptions"');
    expect(out).toContain('<a href="readiness.html">');
    expect(out).toContain('<a href="scripts/');
    const md = renderMarkdown(doc);
    expect(md).toContain("## Timeline \\(estimated\\)");
    expect(md).toContain("## Assumptions of the estimate");
    expect(md).toContain("Downtime window");
    expect(runbookDocument(batched, extras).estimate!.steps).toHaveLength(batched.steps.length);
    expect(XMLValidator.validate(out.replace("<!DOCTYPE html>", ""))).toBe(true);
  });
});

test("a runbook without steps (a stack with no legacy side) renders a page that says so", () => {
  const empty = { runId: "r", strategy: "immediate" as const, windows: ["all"], steps: [] };
  const extras = { estimate: estimateRunbook([], VOLUMES) };
  const out = renderRunbookHtml(runbookReport(empty, extras), runbookDocument(empty, extras));
  expect(out).toContain("no step to run");
  expect(out).toContain("the runbook has no step");
  expect(XMLValidator.validate(out.replace("<!DOCTYPE html>", ""))).toBe(true);
});

describe("verification", () => {
  it("summarises per object kind and shows each mismatch as legacy against 2013", async () => {
    // The 2013 side a faulty import left: a room missing, one room's privacy changed, a category renamed (missing + extra).
    const altered: AnalysisResult = JSON.parse(JSON.stringify(analysis));
    const rooms = altered.target.rooms.filter((r) => r.blockedBy.length === 0);
    const dropped = rooms[0]!.name;
    altered.target.rooms = altered.target.rooms.filter((r) => r.name !== dropped);
    const changed = rooms[1]!;
    changed.privacy = changed.privacy === "open" ? "secret" : "open";
    const cat = altered.target.categories.find((c) => c.blockedBy.length === 0 && !altered.target.rooms.some((r) => r.category === c.name))!;
    cat.name = `${cat.name} (renamed)`;
    const v = await verify(analysis, simulateImport(altered, null));
    const kinds = kindSummary(v);
    const room = kinds.find((k) => k.object === "room")!;
    expect(room.missing).toBe(1);
    expect(room.different).toBeGreaterThanOrEqual(1);
    expect(room.matched).toBe(room.expected! - room.missing - room.different);
    const category = kinds.find((k) => k.object === "category")!;
    expect([category.missing, category.extra]).toEqual([1, 1]);
    const out = renderVerificationHtml(verificationReport(v), v);
    expect(out).toMatch(/<section class="banner error"/);
    expect(out).toContain('id="kind-summary"');
    expect(out).toContain('id="mismatch-data"');
    expect(out).toContain(escapeHtml(JSON.stringify(dropped)).slice(6, -6));
    expect(renderMarkdown(verificationReport(v))).toContain("## Summary by object kind");
    expect(XMLValidator.validate(out.replace("<!DOCTYPE html>", ""))).toBe(true);
  });
});

describe("the secrets gate", () => {
  it("cleans the view's data before the renderer and the page after it", async () => {
    rememberSecret("S3ntinel-report-pw");
    const poisoned: AnalysisResult = JSON.parse(JSON.stringify(analysis));
    poisoned.target.rooms[0]!.name = "room S3ntinel-report-pw";
    poisoned.findings[0]!.subject = "Server=x;Password=S3ntinel-cs;";
    poisoned.legacyTree![1]!.name = "S3ntinel-report-pw";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-reports-"));
    const p = await writeReports(analysisReport(poisoned), poisoned, dir, "analysis", { data: poisoned, render: renderReadinessHtml });
    for (const f of [p.html, p.markdown, p.json]) expect(fs.readFileSync(f, "utf8")).not.toMatch(/S3ntinel/);
    expect(reportHtml(analysisReport(poisoned), { data: poisoned, render: (_d, data) => JSON.stringify(data) })).not.toMatch(/S3ntinel/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
