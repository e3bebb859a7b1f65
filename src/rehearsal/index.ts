/**
 * The rehearsal: the kit's whole job on one machine, offline. The stack's real program under Pulumi's
 * mock runtime (the offline plan), the legacy data (the user's snapshot or database, else the
 * engine's sample), its readiness analysis, the runbook with every step's script, and the
 * verification against a faithful simulated import; every result written under `<out>/<stack>/`.
 *
 * Inputs are checked before the slow parts (stack file, migration config, --legacy), so bad input
 * costs no sample generation and no mock runtime. The mock runtime is global to a process: one
 * rehearsal per process, unless the caller injects `planStack`.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { analyze } from "../../migration-jobs/analysis";
import { analysisReport } from "../../migration-jobs/analysis/report";
import { renderReadinessHtml } from "../../migration-jobs/analysis/report-html";
import type { ReportDoc } from "../../migration-jobs/common/report";
import { redact } from "../../migration-jobs/common/secrets";
import type { InventorySource } from "../../migration-jobs/inventory/inventory";
import { openInventory } from "../../migration-jobs/readers/open";
import { decideReadiness, decideVerification, runbookDocument, runbookReport, runbookScripts } from "../../migration-jobs/runbook";
import { planMigration, projectInputs, type MigrationPlan } from "../../migration-jobs/plan";
import { fillStepInputs } from "../../migration-jobs/runbook/step-inputs";
import type { AnalysisResult } from "../../migration-jobs/analysis";
import { SAMPLE_CUTOFF, plantedCases } from "../../migration-jobs/sample";
import { openSnapshot } from "../../migration-jobs/snapshot";
import { simulateImport, verificationFindings, verify, type VerificationResult } from "../../migration-jobs/verification";
import { verificationReport } from "../../migration-jobs/verification/report";
import { renderVerificationHtml } from "../../migration-jobs/verification/report-html";
import { estimateRunbook } from "../../migration-jobs/runbook/estimate";
import { renderRunbookHtml } from "../../migration-jobs/runbook/report-html";
import type { RunbookReportExtras } from "../../migration-jobs/runbook/render";
import { planDocument, renderPlanText } from "../offline/plan-document";
import type { OfflinePlanOptions, OfflinePlanResult } from "../offline/plan";
import { findProjectRoot, projectName, readStackConfig, stackFile, validateStackConfig } from "../offline/stack-config";
import { runbookEnvironment } from "../runbook/environment";
import type { TopologyPlan } from "../topology/plan";
import type { RunbookEnvironment } from "../../migration-jobs/runbook/environment";
import type { RunbookConfig, Runbook } from "../../migration-jobs/runbook";
import { writeInstall } from "./install";
import { writeSeeding } from "./seeding";
import { RehearsalWriter, secretValuesOf } from "./files";
import { rehearsalMigration, resolveRehearsalMigration, type RehearsalMigration } from "./migration";
import { prepareSample, type RehearsalScale } from "./sample";
import { rehearsalSummary, type LegacyDescription, type RehearsalSummary } from "./summary";

export { REHEARSAL_SCALES, type RehearsalScale } from "./sample";
export { renderSummary, type RehearsalSummary } from "./summary";

export interface RehearseOptions {
  /**
   * The stack to rehearse.
   * @example "lab"
   */
  stack: string;
  /** Stack config file instead of `stacks/Pulumi.<stack>.yaml`. */
  configFile?: string;
  /**
   * The user's legacy data: a snapshot directory or a connection string. Absent: the engine's sample.
   * @example "out/snapshots/groupchat-2026-11-01"
   */
  legacy?: string;
  /**
   * First day whose messages migrate (YYYY-MM-DD), already validated.
   * @default the stack's migration.cutoff, else for the sample SAMPLE_CUTOFF, else none
   */
  cutoff?: string;
  /** @default "small" */
  scale: RehearsalScale;
  /** @default 1 */
  seed: number;
  /**
   * Base folder: files go to `<out>/<stack>/`, the sample to `<out>/.samples/`.
   * @default "out/rehearsal"
   */
  out: string;
  /** Accept a lab SQL Server's self-signed certificate for --legacy. @default false */
  trustServerCertificate?: boolean;
  /** Folder of Pulumi.yaml. @default found upwards from this module */
  projectRoot?: string;
}

export interface RehearseDeps {
  /** Runs the stack's program offline. @default runOfflinePlan (once per process) */
  planStack?: (options: OfflinePlanOptions) => Promise<OfflinePlanResult>;
  /** Progress for people (stderr). */
  onProgress?: (msg: string) => void;
}

/** The verification report, marked so nobody mistakes the rehearsal's 2013 side for a real one. */
function simulatedVerificationReport(v: VerificationResult): ReportDoc {
  const doc = verificationReport(v);
  return {
    ...doc,
    title: `Rehearsal (SIMULATED 2013 side): ${doc.title}`,
    summary: [
      "SIMULATED: the 2013 database here is what a faithful Import-CsPersistentChatData would leave, computed offline from the readiness analysis. It proves the verification runs and what it checks, not that a real import worked.",
      ...doc.summary,
    ],
  };
}

/**
 * The runbook's environment from the stack's plan. A topology without a `migration-staging` share
 * (the program adds one once it declares the runbook) gets a folder inside the Persistent Chat file
 * store for the rehearsal, said in a note, so the runbook can still be shown in full.
 */
export function rehearsalEnvironment(plan: TopologyPlan, notes: string[]): RunbookEnvironment {
  if (plan.shares.some((s) => s.purpose === "migration-staging")) return runbookEnvironment(plan);
  const store = plan.shares.find((s) => s.key === plan.pool.fileStoreShareKey);
  if (!store) return runbookEnvironment(plan); // its own error names the missing file store
  const stagingFolder = `${store.uncPath.replace(/\\+$/, "")}\\migration-staging`;
  notes.push(`the topology declares no migration-staging share: the rehearsal's runbook stages exports and backups in ${stagingFolder}.`);
  return runbookEnvironment(plan, { stagingFolder });
}

const NO_LEGACY_NOTE =
  "the stack declares no legacy Group Chat deployment (pchat-kit:legacy), so there is no runbook to rehearse: declare pchat-kit:legacy (existing or provisioned) to see its steps and scripts.";

function emptyRunbook(config: RunbookConfig): Runbook {
  return { runId: config.runId, strategy: config.strategy, windows: config.strategy === "batched" ? config.batches.map((b) => b.name) : ["all"], steps: [] };
}

/**
 * The migration the rehearsal writes. With the stack's own migration, exactly the plan the program
 * declared under the offline plan (plan.json's Run Commands and gates, in order, contacts included,
 * their files already in `contactsFolder`). Otherwise the engine's plan of the default config, or
 * none without a legacy side (said in a note).
 */
async function rehearsalPlan(planned: OfflinePlanResult, migration: RehearsalMigration, root: string, contactsFolder: string, notes: string[]): Promise<MigrationPlan> {
  if (migration.origin === "stack") {
    // The program plans whenever the migration is configured (enableConfiguredMigration): no plan is a bug.
    if (!planned.migration) throw new Error(`the offline plan of stack ${planned.stack} declared no migration although the stack configures one`);
    return planned.migration;
  }
  // A stack with no legacy side (staging, dr) has nothing for a runbook to migrate from: the rehearsal
  // still shows the plan, the readiness and the verification, and says why no step.
  if (planned.plan.legacy === null) {
    notes.push(NO_LEGACY_NOTE);
    return { runbook: emptyRunbook(migration.config), contacts: null };
  }
  return planMigration({ migration: migration.config, environment: rehearsalEnvironment(planned.plan, notes), inputs: projectInputs(root), contactsOut: { folder: contactsFolder } });
}

/**
 * The runbook as the rehearsal shows it: the plan's steps, with the parameters a step takes from the
 * readiness gate at deploy time (the copy step's expected files and bytes) set from the analysis.
 */
function withAnalysisFigures(runbook: Runbook, analysis: AnalysisResult): Runbook {
  return fillStepInputs(runbook, (gate) => (gate.parameters.gate === "readiness" ? { expectedFiles: analysis.files.count, expectedBytes: analysis.files.bytes ?? -1 } : null));
}

/**
 * The runbook report's timeline from the analysis' volumes, and where the rehearsal's other files are
 * (relative to the runbook report, which sits beside them).
 */
function runbookReportExtras(runbook: Runbook, analysis: AnalysisResult, contacts: string | null): RunbookReportExtras {
  const estimate = estimateRunbook(
    runbook.steps,
    { messages: analysis.counts.after.messagesSinceCutoff, legacyMessages: analysis.counts.before.messages, files: analysis.files.count, fileBytes: analysis.files.bytes, databaseBytes: null },
    { legacyDatabase: analysis.source.database },
  );
  const files = [
    { label: "readiness report", path: "readiness.html" },
    { label: "verification report (simulated 2013 side)", path: "verification.html" },
    { label: "offline plan", path: "plan.txt" },
    { label: "rehearsal summary", path: "summary.json" },
    ...(contacts ? [{ label: "contact lists (import files, reports, scripts)", path: contacts }] : []),
  ];
  return { estimate, files };
}

async function isDirectory(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function rehearse(opts: RehearseOptions, deps: RehearseDeps = {}): Promise<RehearsalSummary> {
  const progress = deps.onProgress ?? (() => undefined);
  const root = opts.projectRoot ?? findProjectRoot(__dirname);
  const project = projectName(root);
  const configFile = opts.configFile ?? stackFile(root, opts.stack);
  // The migration config is checked here, before anything slow, with the parser the program uses:
  // a mistake in it costs no sample generation. The rehearsal then plans from the program's own
  // parse (`planned.config.migration`), so what it shows is what `pulumi up` would run.
  const fallbackCutoff = opts.legacy === undefined ? SAMPLE_CUTOFF : null;
  // The whole stack file first, every problem at once (the offline plan checks it again, identically).
  const stackConfig = readStackConfig(configFile, project);
  validateStackConfig(stackConfig, project);
  // Its notes are the stack file's (whether it enables the migration, whether --cutoff replaces its
  // cutoff): the offline plan below already runs it enabled and with that cutoff.
  const stackMigration = rehearsalMigration(stackConfig.values[`${project}:migration`], opts.cutoff ?? null, fallbackCutoff);
  const notes: string[] = [];

  // The legacy data, opened (or generated) before the plan: a bad --legacy fails in seconds.
  let legacy: InventorySource;
  let legacyInfo: LegacyDescription;
  if (opts.legacy !== undefined) {
    const spec = opts.legacy;
    const kind = (await isDirectory(spec.trim())) ? "snapshot" : "live";
    legacy = await openInventory(spec, { where: "--legacy", trustServerCertificate: opts.trustServerCertificate === true, onRetry: progress });
    legacyInfo = { kind, description: redact(legacy.description) };
  } else {
    const sample = await prepareSample(opts.out, opts.scale, opts.seed, progress);
    if (sample.replaced) notes.push(`the cached sample was damaged (${sample.replaced}) and was generated again.`);
    legacy = await openSnapshot(sample.dir);
    legacyInfo = {
      kind: "sample",
      description: `the engine's ${opts.scale} sample, seed ${opts.seed}`,
      scale: opts.scale,
      seed: opts.seed,
      snapshot: sample.dir,
      status: sample.status,
      plantedCases: plantedCases({ scale: opts.scale, seed: opts.seed }).length,
    };
  }

  try {
    progress(`planning stack ${opts.stack} offline (the real program under Pulumi's mock runtime)`);
    const planStack = deps.planStack ?? (require("../offline/plan") as typeof import("../offline/plan")).runOfflinePlan;
    const dir = path.join(opts.out, opts.stack);
    // Nothing is written outside --out: the contacts job's files (when the stack configures one) go here.
    const contactsFolder = path.join(dir, "contacts");
    // Files of an earlier rehearsal may belong to windows this one no longer plans.
    await fs.rm(contactsFolder, { recursive: true, force: true });
    // The plan shows the runbook's resources as `pulumi up` will declare them once the migration is on,
    // with this rehearsal's cutoff: the runbook written below is that same plan.
    const planned = await planStack({
      stack: opts.stack,
      ...(opts.configFile ? { configFile: opts.configFile } : {}),
      projectRoot: root,
      enableConfiguredMigration: true,
      ...(opts.cutoff !== undefined ? { cutoff: opts.cutoff } : {}),
      contactsFolder,
    });
    const migration = resolveRehearsalMigration(planned.config.migration, opts.cutoff ?? null, fallbackCutoff);
    notes.unshift(...planned.notes, ...stackMigration.notes);
    const writer = new RehearsalWriter(secretValuesOf(planned.recorded));

    const plan = { json: await writer.json(path.join(dir, "plan.json"), planDocument(planned)), text: await writer.text(path.join(dir, "plan.txt"), renderPlanText(planned)) };
    // issue 11: the Lync install pulumi up runs between the topology and the runbook.
    const install = await writeInstall(writer, dir, planned);

    progress(`analysing ${legacyInfo.description} (cutoff ${migration.config.cutoff ?? "none"})`);
    const analysis = await analyze(legacy, {
      ...(migration.config.cutoff ? { cutoff: migration.config.cutoff } : {}),
      acceptWarnings: migration.config.acceptWarnings,
      exportLevel: migration.config.exportLevel,
      onProgress: progress,
    });
    analysis.source.description = redact(analysis.source.description);
    // lync-install §3: the principals a lab seeds into its new forest; the readiness report says how many.
    const seeding = await writeSeeding(writer, dir, planned.plan, legacy);
    const readinessDoc = analysisReport(analysis);
    if (seeding) readinessDoc.summary.push(`Legacy principals (seeded into the lab's forest before the import): ${seeding.line}; see seeding.md.`);
    const readinessJson = seeding ? { ...analysis, principalSeeding: { ...seeding.plan.counts, summary: seeding.line } } : analysis;
    const readiness = await writer.report(readinessDoc, readinessJson, dir, "readiness", { data: analysis, render: renderReadinessHtml });
    const readinessGate = decideReadiness({ findings: analysis.findings }, { runId: migration.config.runId, acceptWarnings: migration.config.acceptWarnings, reportPath: readiness.markdown });

    const migrationPlan = await rehearsalPlan(planned, migration, root, contactsFolder, notes);
    const noLegacy = planned.plan.legacy === null && migration.origin === "default";
    const runbook = withAnalysisFigures(migrationPlan.runbook, analysis);
    const runbookExtras = runbookReportExtras(runbook, analysis, migrationPlan.contacts ? path.relative(dir, migrationPlan.contacts.folder) : null);
    const runbookDoc = runbookReport(runbook, runbookExtras);
    if (noLegacy) runbookDoc.sections = runbookDoc.sections.map((sec, i) => (i === 0 ? { ...sec, paragraphs: [NO_LEGACY_NOTE] } : sec));
    const runbookJson = runbookDocument(runbook, runbookExtras);
    const runbookFiles = await writer.report(runbookDoc, runbookJson, dir, "runbook", { data: runbookJson, render: renderRunbookHtml });
    // Scripts of an earlier rehearsal may belong to steps this one no longer plans.
    await fs.rm(path.join(dir, "scripts"), { recursive: true, force: true });
    const scripts: string[] = [];
    for (const s of runbookScripts(runbook)) scripts.push(await writer.text(path.join(dir, s.file), s.content));

    // domain §8.11: the reconciliation the verification gate runs after the import, on a stand-in mgc here.
    progress("verifying against a simulated import");
    const simulated = simulateImport(analysis, legacy, { description: `simulated 2013 mgc (a faithful import of ${analysis.source.description})` });
    // The gate compares what the stack's -Level exports, as the real verification gate does.
    const verification = await verify(analysis, simulated, { exportLevel: migration.config.exportLevel, onProgress: progress });
    const verificationFiles = await writer.report(simulatedVerificationReport(verification), { simulated: true, ...verification }, dir, "verification", { data: verification, render: renderVerificationHtml });
    const verificationGate = decideVerification(
      { ok: verification.ok, findings: verificationFindings(verification) },
      { runId: migration.config.runId, acceptWarnings: migration.config.acceptWarnings, reportPath: verificationFiles.markdown },
    );

    const summary = rehearsalSummary({
      stack: opts.stack,
      configFile: planned.configFile,
      outDir: dir,
      legacy: legacyInfo,
      resources: planned.resources,
      analysis,
      acceptWarnings: migration.config.acceptWarnings,
      readinessGate,
      verificationGate,
      runbook,
      runbookOrigin: migration.origin,
      verification,
      notes,
      files: { plan, ...(install ? { install } : {}), readiness, ...(seeding ? { seeding: seeding.files } : {}), runbook: { ...runbookFiles, scripts }, verification: verificationFiles, ...(migrationPlan.contacts ? { contacts: migrationPlan.contacts.folder } : {}) },
    });
    await writer.json(path.join(dir, "summary.json"), summary);
    return JSON.parse(writer.jsonText(summary)) as RehearsalSummary;
  } finally {
    await legacy.close().catch(() => undefined);
  }
}
