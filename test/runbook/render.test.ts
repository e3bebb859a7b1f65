/** The runbook's report, JSON document and script files: pure, no stand-ins needed. */
import { runbookDocument, runbookReport, runbookScripts } from "../../migration-jobs/runbook/render";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { renderMarkdown } from "../../migration-jobs/common/report";
import { BATCHES, ENV, config } from "./fixtures";

const rb = planRunbook(config({ strategy: "batched", batches: BATCHES, sqlLogin: "sa" }), ENV);

test("the document lists every step, protected parameters masked, scripts by file", () => {
  const doc = runbookDocument(rb);
  expect(doc).toMatchObject({ format: "pchat-kit.runbook", version: 1, runId: "run-1", strategy: "batched", windows: ["wave-1", "wave-2"] });
  expect(doc.steps.map((s) => s.id)).toEqual(rb.steps.map((s) => s.id));
  const backup = doc.steps.find((s) => s.id === "03-backup-legacy")!;
  expect(backup.parameters.SqlPassword).toBe("[secret]");
  expect(backup.scriptFile).toBe("scripts/09-03-backup-legacy.ps1");
  expect(doc.steps[0]!.scriptFile).toBeNull();
  expect(JSON.stringify(doc)).not.toContain("Set-StrictMode");
});

test("one CRLF .ps1 per windows step, named as the document says", () => {
  const files = runbookScripts(rb);
  const doc = runbookDocument(rb);
  expect(files.map((f) => f.file)).toEqual(doc.steps.map((s) => s.scriptFile).filter((f) => f !== null));
  for (const f of files) {
    expect(f.content).toContain("\r\nSet-StrictMode -Version Latest\r\n");
    expect(f.content.replace(/\r\n/g, "")).not.toContain("\n");
  }
});

test("the report renders with a row per step and per parameter", () => {
  const md = renderMarkdown(runbookReport(rb));
  expect(md).toContain("# Migration runbook run-1");
  expect(md).toContain("batched in 2 window\\(s\\): wave-1, wave-2");
  for (const s of rb.steps) expect(md).toContain(`| ${s.order} | ${s.id} |`);
  expect(md).toContain("| 03-backup-legacy | SqlPassword | \\[secret\\] |");
});

test("a disabled migration says so", () => {
  const md = renderMarkdown(runbookReport(planRunbook(config({ enabled: false }), ENV)));
  expect(md).toContain("The migration is disabled");
});
