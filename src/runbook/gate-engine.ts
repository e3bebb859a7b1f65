/**
 * The real engine behind the gates: opens the legacy database and `mgc` (connection strings, reached
 * through the operator access the topology builds, or snapshot directories), runs the analysis or
 * the reconciliation, writes the reports, and closes every connection before it returns. Built per
 * call from plain inputs, so nothing here is captured by the dynamic provider.
 */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { GateEngine } from "../../migration-jobs/runbook/gates";
import type { AnalysisResult } from "../../migration-jobs/analysis";
import { openInventory } from "../../migration-jobs/readers/open";
import { analyze } from "../../migration-jobs/analysis";
import { analysisReport } from "../../migration-jobs/analysis/report";
import { verify, verificationFindings } from "../../migration-jobs/verification";
import type { ExportLevel } from "../../migration-jobs/analysis/export-level";
import { verificationReport } from "../../migration-jobs/verification/report";
import { writeReports } from "../../migration-jobs/common/report";
import { redact } from "../../migration-jobs/common/secrets";

export interface GateSources {
  /** Legacy Group Chat database: connection string or snapshot directory. Secret. */
  legacy: string;
  /** The 2013 `mgc` (verification; readiness uses it to report overwrites): connection string or snapshot directory. Secret. */
  target: string | null;
  cutoff: string | null;
  /** `pchat-kit:migration.exportLevel`: the readiness analysis says what it means for the cutoff; the verification compares only what it exports. */
  exportLevel: ExportLevel;
  acceptWarnings: boolean;
  /** Directory the reports are written to, e.g. `out/runbook/<stack>/<runId>`. */
  reportDir: string;
  trustServerCertificate: boolean;
}

/** The file the readiness gate leaves in the report directory: the expected model of this run. */
export const READINESS_BASENAME = "readiness";

/**
 * The readiness gate's analysis of this run, when it is there. The verification gate compares with it
 * rather than analysing the legacy database again: after `-DisableExportedNodes` (batched strategy)
 * every exported room is disabled on the legacy side, and a fresh analysis would expect none of them.
 */
export async function savedReadiness(reportDir: string): Promise<AnalysisResult | null> {
  let text: string;
  try {
    text = await readFile(path.join(reportDir, `${READINESS_BASENAME}.json`), "utf8");
  } catch {
    return null;
  }
  const value = JSON.parse(text) as Partial<AnalysisResult>;
  return value.format === "pchat-kit.analysis" && value.version === 1 ? (value as AnalysisResult) : null;
}

/** A GateEngine over the live engine; each call opens and closes its own connections. */
export function liveGateEngine(sources: GateSources): GateEngine {
  const open = (spec: string, where: string) => openInventory(spec, { where, trustServerCertificate: sources.trustServerCertificate });
  const cutoff = sources.cutoff ? { cutoff: sources.cutoff } : {};
  const exportLevel = sources.exportLevel;

  return {
    async readiness() {
      const legacy = await open(sources.legacy, "legacy");
      try {
        const target = sources.target ? await open(sources.target, "target") : null;
        try {
          const r = await analyze(legacy, { ...cutoff, exportLevel, ...(target ? { target } : {}), acceptWarnings: sources.acceptWarnings });
          r.source.description = redact(r.source.description);
          if (r.targetSource) r.targetSource.description = redact(r.targetSource.description);
          const paths = await writeReports(analysisReport(r), r, sources.reportDir, READINESS_BASENAME);
          return { outcome: { findings: r.findings, files: { count: r.files.count, bytes: r.files.bytes ?? -1 } }, reportPath: paths.markdown };
        } finally {
          await target?.close().catch(() => undefined);
        }
      } finally {
        await legacy.close().catch(() => undefined);
      }
    },
    async verification() {
      if (!sources.target) throw new Error("the verification gate needs the Persistent Chat store (target)");
      const saved = await savedReadiness(sources.reportDir);
      const expected = saved ?? (await analyzeLegacyAgain());
      const target = await open(sources.target, "target");
      try {
        const v = await verify(expected, target, { exportLevel });
        v.target.description = redact(v.target.description);
        const paths = await writeReports(verificationReport(v), v, sources.reportDir, "verification");
        // The mismatches as errors, and the cutoff's info findings (which never block).
        return { outcome: { ok: v.ok, findings: verificationFindings(v) }, reportPath: paths.markdown };
      } finally {
        await target.close().catch(() => undefined);
      }
    },
  };

  async function analyzeLegacyAgain(): Promise<AnalysisResult> {
    const legacy = await open(sources.legacy, "legacy");
    try {
      return await analyze(legacy, { ...cutoff, exportLevel });
    } finally {
      await legacy.close().catch(() => undefined);
    }
  }
}
