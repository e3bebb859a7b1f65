/**
 * The rehearsal's summary: one document (what `rehearse --json` prints) built from the results by a
 * pure function, and its rendering for people. The counts here are computed from the same objects
 * the files are written from, so the summary and the files cannot disagree.
 */
import type { AnalysisResult, Finding } from "../../migration-jobs/analysis";
import type { GateDecision, Runbook } from "../../migration-jobs/runbook";
import type { VerificationResult } from "../../migration-jobs/verification";
import type { PlannedResource } from "../offline/plan";
import type { InstallFiles } from "./install";

export interface ReportPaths {
  markdown: string;
  html: string;
  json: string;
}

export interface RehearsalFiles {
  plan: { json: string; text: string };
  /** The Lync install pulumi up runs before the runbook (topology.xml, install.md, its scripts), when the stack installs Lync. */
  install?: InstallFiles;
  readiness: ReportPaths;
  /** The legacy principals the runbook seeds into a lab's new forest (`seeding.md`, `.html`, `.json`), when it seeds. */
  seeding?: ReportPaths;
  runbook: ReportPaths & { scripts: string[] };
  verification: ReportPaths;
  /** The contacts job's folder (import files, reports, scripts: `<out>/<stack>/contacts`), when the stack configures one. */
  contacts?: string;
}

export type LegacyDescription =
  | { kind: "sample"; description: string; scale: string; seed: number; snapshot: string; status: "generated" | "reused"; plantedCases: number }
  | { kind: "snapshot" | "live"; description: string };

export interface RehearsalSummary {
  format: "pchat-kit.rehearsal";
  version: 1;
  stack: string;
  configFile: string;
  /** The stack's folder of files: `<out>/<stack>`. */
  outDir: string;
  legacy: LegacyDescription;
  cutoff: string | null;
  plan: { resources: number; byType: Record<string, number> };
  readiness: {
    errors: number;
    warnings: number;
    infos: number;
    acceptWarnings: boolean;
    /** Whether the real run would stop at the readiness gate (step 1). */
    gateWouldBlock: boolean;
    /** Why, in one sentence, or null when it would pass. */
    gateReason: string | null;
    topFindings: Array<Pick<Finding, "severity" | "code" | "subject" | "message">>;
  };
  runbook: { runId: string; strategy: Runbook["strategy"]; origin: "stack" | "default"; steps: number; windows: string[]; scripts: number };
  verification: { simulated: true; ok: boolean; mismatches: number; gateWouldBlock: boolean };
  notes: string[];
  files: RehearsalFiles;
}

export interface SummaryInput {
  stack: string;
  configFile: string;
  outDir: string;
  legacy: LegacyDescription;
  resources: PlannedResource[];
  analysis: AnalysisResult;
  acceptWarnings: boolean;
  /** The real gates' decisions on the rehearsal's results (migration-jobs/runbook/gates.ts). */
  readinessGate: GateDecision;
  verificationGate: GateDecision;
  runbook: Runbook;
  runbookOrigin: "stack" | "default";
  verification: VerificationResult;
  notes: string[];
  files: RehearsalFiles;
}

export function countByType(resources: PlannedResource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...resources].sort((a, b) => a.type.localeCompare(b.type))) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Why the readiness gate blocks, in words; the decision itself is the gate's own. */
function gateReason(a: AnalysisResult, acceptWarnings: boolean): string {
  const { errors, warnings } = a.blocking;
  if (errors > 0 && warnings > 0 && !acceptWarnings) return `${errors} error(s) and ${warnings} unaccepted warning(s) in the readiness analysis`;
  if (errors > 0) return `${errors} error(s) in the readiness analysis (errors always block)`;
  if (warnings > 0 && !acceptWarnings) return `${warnings} warning(s) in the readiness analysis, and pchat-kit:migration.acceptWarnings is false`;
  return "its findings";
}

export function rehearsalSummary(input: SummaryInput): RehearsalSummary {
  const a = input.analysis;
  const gate = input.readinessGate;
  return {
    format: "pchat-kit.rehearsal",
    version: 1,
    stack: input.stack,
    configFile: input.configFile,
    outDir: input.outDir,
    legacy: input.legacy,
    cutoff: a.cutoff,
    plan: { resources: input.resources.length, byType: countByType(input.resources) },
    readiness: {
      errors: a.blocking.errors,
      warnings: a.blocking.warnings,
      infos: a.blocking.infos,
      acceptWarnings: input.acceptWarnings,
      gateWouldBlock: !gate.passed,
      gateReason: gate.passed ? null : gateReason(a, input.acceptWarnings),
      topFindings: gate.topFindings.map(({ severity, code, subject, message }) => ({ severity, code, subject, message })),
    },
    runbook: {
      runId: input.runbook.runId,
      strategy: input.runbook.strategy,
      origin: input.runbookOrigin,
      steps: input.runbook.steps.length,
      windows: input.runbook.windows,
      scripts: input.files.runbook.scripts.length,
    },
    verification: { simulated: true, ok: input.verification.ok, mismatches: input.verification.mismatches.length, gateWouldBlock: !input.verificationGate.passed },
    notes: input.notes,
    files: input.files,
  };
}

/** The summary for people: counts, the gate's verdict explained, and where every file is. */
export function renderSummary(s: RehearsalSummary): string {
  const lines: string[] = [`Rehearsal of stack ${s.stack} (${s.configFile}), offline: no Azure, no SQL Server, no Windows.`, ""];
  const types = Object.entries(s.plan.byType).map(([t, n]) => `    ${String(n).padStart(3)}  ${t}`);
  lines.push(`plan: ${s.plan.resources} resource(s) by type:`, ...types);
  const l = s.legacy;
  lines.push(
    l.kind === "sample"
      ? `legacy: the engine's ${l.scale} sample, seed ${l.seed} (${l.status} snapshot ${l.snapshot}), with ${l.plantedCases} tricky case(s) planted on purpose`
      : `legacy: ${l.description} (${l.kind === "live" ? "live database" : "snapshot"})`,
  );
  const r = s.readiness;
  lines.push(`readiness (cutoff ${s.cutoff ?? "none"}): ${r.errors} error(s), ${r.warnings} warning(s), ${r.infos} info(s)`);
  if (r.gateWouldBlock) {
    // domain §2.4 / §8.1: every error and (unaccepted) warning is fixed before anything is stopped or exported.
    lines.push(`  THE READINESS GATE WOULD BLOCK: the real run would stop at step 1, before any service is stopped, because of ${r.gateReason}.`);
    if (l.kind === "sample") lines.push("  This is the expected outcome on the sample: it plants blocking cases on purpose, so the rehearsal shows the gate stopping them.");
    if (r.topFindings.length > 0) lines.push("  top findings:", ...r.topFindings.map((f) => `    ${f.severity} ${f.code} ${f.subject}: ${f.message}`));
  } else {
    lines.push("  the readiness gate would pass.");
  }
  const b = s.runbook;
  lines.push(
    `runbook ${b.runId} (${b.origin === "stack" ? "the stack's migration config" : "default config: the stack does not enable the migration"}): ${b.steps} step(s), ${b.scripts} script(s), ${b.strategy} strategy, ${b.windows.length} window(s): ${b.windows.join(", ")}`,
  );
  lines.push(`verification against a SIMULATED 2013 import (a faithful Import-CsPersistentChatData, not a real database): ${s.verification.ok ? "matches the expected model" : `${s.verification.mismatches} mismatch(es)`}; the verification gate would ${s.verification.gateWouldBlock ? "BLOCK" : "pass"}`);
  for (const n of s.notes) lines.push(`note: ${n}`);
  const f = s.files;
  lines.push(
    "",
    `files in ${s.outDir}:`,
    `  plan:         ${f.plan.json}, ${f.plan.text}`,
    ...(f.install ? [`  lync install: ${f.install.steps}, ${f.install.topology}, ${f.install.scripts.length} script(s) (run before the runbook)`] : []),
    `  readiness:    ${f.readiness.markdown}, ${f.readiness.html}, ${f.readiness.json}`,
    ...(f.seeding ? [`  seeding:      ${f.seeding.markdown}, ${f.seeding.html}, ${f.seeding.json} (legacy principals the runbook creates in the lab's forest)`] : []),
    `  runbook:      ${f.runbook.markdown}, ${f.runbook.html}, ${f.runbook.json}`,
    `  scripts:      ${f.runbook.scripts.length} file(s) in ${f.runbook.scripts.length > 0 ? f.runbook.scripts[0]!.replace(/[\\/][^\\/]+$/, "") : "(none)"}`,
    `  verification: ${f.verification.markdown}, ${f.verification.html}, ${f.verification.json}`,
    ...(f.contacts ? [`  contacts:     ${f.contacts} (the contact lists' import files, reports and scripts)`] : []),
    "",
  );
  return lines.join("\n");
}
