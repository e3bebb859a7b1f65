/**
 * planContacts: the whole contacts job, from `.reg` files and the user map to per-window import
 * files, runbook steps and reports. It does no I/O of its own: files come from a RegSource and go to
 * a ContactSink, so the CLI (folders) and the Pulumi runbook (config, see README "contacts") share it.
 */
import type { Finding } from "../common/finding";
import { isBlocking } from "../common/finding";
import type { RunbookStep } from "../runbook/step";
import { DocItemSetEncoder, expectedCounts, renderDbImpExp, renderImportZip } from "./importfile";
import type { ContactLayout } from "./layout";
import { indexContactFiles, planWindows, RegSource, Strategy } from "./plan";
import { buildWaveReport, mergeWaveReports, renderRecreateHtml, renderRecreateMarkdown, renderReportHtml, renderReportJson, renderReportMarkdown, WaveReport } from "./report";
import { contactSteps, expectedName, FrontEndTarget, zipName } from "./steps";
import type { UserMap } from "./usermap";

export { STRATEGIES } from "./plan";
export type { Strategy, RegSource } from "./plan";
export type { FrontEndTarget } from "./steps";

export type ContactFormat = "lync2013" | "lcs";

export interface ContactPlanOptions {
  strategy: Strategy;
  /** `lcs` adds the DBImpExp XML (LCS/OCS) next to the Import-CsUserData ZIP. @default "lync2013" */
  format: ContactFormat;
  users: UserMap;
  layout: ContactLayout;
  source: RegSource;
  /**
   * The front end pool that imports the lists. Without it (or without `remoteFolder`) the import
   * files and reports are still written, but no runbook steps: the kit never invents a server name.
   * @default undefined (no steps)
   * @example { fqdn: "pool01.contoso.com", servers: [{ key: "fe-1", computerName: "LYNCFE01" }] }
   */
  pool?: FrontEndTarget;
  /**
   * Share the front ends read the window folders from; goes with `pool`.
   * @default undefined (no steps)
   * @example "\\\\files01\\pchat-staging\\contacts"
   */
  remoteFolder?: string;
  /** Changes to re-run the steps (Run Commands re-run only when a parameter changes). */
  runId: string;
  /** Order of the first contacts step in the runbook. @default 1 */
  firstOrder?: number;
  /** Steps the first window waits for (e.g. the runbook's user-homing step). @default [] */
  after?: string[];
  /** Lists per import ZIP; memory follows it. @default 2000 */
  batchSize?: number;
  /** Warnings do not block when true. @default false */
  acceptWarnings?: boolean;
}

export interface ContactArtifact {
  /** Relative path under the output folder, `/`-separated. */
  path: string;
  content: string | Uint8Array;
}

/** Receives each window's files as soon as they are rendered; the window is then released. */
export interface ContactSink {
  write(artifacts: ContactArtifact[]): Promise<void>;
}

export interface ContactPlanSummary {
  strategy: Strategy;
  format: ContactFormat;
  files: number;
  users: number;
  windows: Array<Omit<WaveReport, "lists" | "findings"> & { findingsBySeverity: Record<string, number> }>;
  steps: RunbookStep[];
  /** Why `steps` is empty although windows import lists (no pool or remote folder was given). */
  stepsOmitted?: string;
  findingsByCode: Record<string, number>;
  /** Every error finding (they block); warnings and infos are in the window reports. */
  errors: Finding[];
  blocking: boolean;
}

/** Said once (stderr, --json, runbook-steps.json) when no pool or remote folder was given. */
export const STEPS_OMITTED = "no runbook steps: the front end pool and the remote folder were not given (--pool-fqdn, --front-ends, --remote-folder); the import files and reports are written";

export async function planContacts(options: ContactPlanOptions, sink: ContactSink): Promise<ContactPlanSummary> {
  const index = indexContactFiles(options.source, options.layout, options.users);
  const summary: ContactPlanSummary = { strategy: options.strategy, format: options.format, files: index.files, users: options.users.byAddress.size, windows: [], steps: [], findingsByCode: {}, errors: [], blocking: false };
  const target = options.pool && options.remoteFolder !== undefined ? { pool: options.pool, remoteFolder: options.remoteFolder } : null;
  if (!target) summary.stepsOmitted = STEPS_OMITTED;
  const encoder = new DocItemSetEncoder();
  let order = options.firstOrder ?? 1;
  let after = options.after ?? [];
  // Per window: what the batches add up to (figures and per-user lines, never the lists themselves).
  let report: WaveReport | null = null;
  let expected: Record<string, number> = {};
  let bySeverity: Record<string, number> = {};
  let previous: Promise<void> = Promise.resolve();
  for (const plan of planWindows(options, index, options.batchSize)) {
    const dir = plan.window.id;
    const artifacts: ContactArtifact[] = [];
    let zip: { path: string; content: Promise<Uint8Array> } | null = null;
    if (plan.window.imports && plan.lists.length > 0) {
      // Encoded now; deflated on the thread pool while the next batch is planned (see `previous`).
      zip = { path: `${dir}/${zipName(plan.window, plan.batch)}`, content: renderImportZip(plan.lists, encoder) };
      zip.content.catch(() => undefined); // awaited below; this only keeps Node from reporting it early
      if (options.format === "lcs") artifacts.push({ path: `${dir}/dbimpexp-${dir}-${String(plan.batch).padStart(3, "0")}.xml`, content: renderDbImpExp(plan.lists) });
    }
    Object.assign(expected, expectedCounts(plan.lists));
    const part = buildWaveReport(
      plan,
      [...(zip ? [zip.path] : []), ...artifacts.map((a) => a.path)],
      [],
    );
    if (part.lists.some((l) => l.recreate !== undefined)) {
      // Re-create lists go to a file per batch (see recreateDoc); the window report keeps the figures.
      const base = `${dir}/recreate-${dir}-${String(plan.batch).padStart(3, "0")}`;
      artifacts.push({ path: `${base}.md`, content: renderRecreateMarkdown(part, plan.batch) }, { path: `${base}.html`, content: renderRecreateHtml(part, plan.batch) });
      part.files.push(`${base}.md`, `${base}.html`);
      for (const l of part.lists) delete l.recreate;
    }
    report = report ? mergeWaveReports(report, part) : part;
    for (const f of plan.findings) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      summary.findingsByCode[f.code] = (summary.findingsByCode[f.code] ?? 0) + 1;
      if (f.severity === "error") summary.errors.push(f);
    }
    if (isBlocking(plan.findings, options.acceptWarnings ?? false)) summary.blocking = true;
    if (plan.lastBatch) {
      const steps = target ? contactSteps(plan.window, { ...target, runId: options.runId, firstOrder: order, after }) : [];
      if (plan.window.imports) artifacts.push({ path: `${dir}/${expectedName(plan.window)}`, content: JSON.stringify(expected, null, 2) + "\n" });
      for (const s of steps) artifacts.push({ path: `${dir}/steps/${String(s.order).padStart(3, "0")}-${s.id}.ps1`, content: s.script ?? "" });
      if (steps.length > 0) {
        order += steps.length;
        after = [(steps[steps.length - 1] as RunbookStep).id];
        summary.steps.push(...steps);
      }
      const done: WaveReport = { ...report, files: [...report.files, ...artifacts.filter((a) => !report?.files.includes(a.path)).map((a) => a.path)], steps: steps.map((s) => s.id) };
      artifacts.push({ path: `${dir}/report.json`, content: renderReportJson(done) }, { path: `${dir}/report.md`, content: renderReportMarkdown(done) }, { path: `${dir}/report.html`, content: renderReportHtml(done) });
      const { lists: _l, findings: _f, ...figures } = done;
      summary.windows.push({ ...figures, findingsBySeverity: bySeverity });
      report = null;
      expected = {};
      bySeverity = {};
    }
    const batchZip = zip;
    const before = previous;
    previous = (async () => {
      const content = batchZip ? await batchZip.content : null;
      await before;
      await sink.write(batchZip && content ? [{ path: batchZip.path, content }, ...artifacts] : artifacts);
    })();
    previous.catch(() => undefined); // awaited on the next batch or after the loop
    // At most one batch waits to be written while the next one is planned: memory stays two batches.
    await before;
  }
  await previous;
  const stepsDoc = { strategy: summary.strategy, steps: summary.steps, ...(summary.stepsOmitted ? { stepsOmitted: summary.stepsOmitted } : {}) };
  await sink.write([{ path: "runbook-steps.json", content: JSON.stringify(stepsDoc, null, 2) + "\n" }]);
  return summary;
}
