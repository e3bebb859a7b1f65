/**
 * The real engine behind the gates: opens the legacy database and `mgc` (connection strings, reached
 * through the operator access the topology builds, or snapshot directories), runs the analysis or
 * the reconciliation, writes the reports, and closes every connection before it returns. Built per
 * call from plain inputs, so nothing here is captured by the dynamic provider.
 */
import type { GateEngine } from "../../migration-jobs/runbook/gates";
import { openInventory } from "../../migration-jobs/readers/open";
import { analyze } from "../../migration-jobs/analysis";
import { analysisReport } from "../../migration-jobs/analysis/report";
import { verify, mismatchFindings } from "../../migration-jobs/verification";
import { verificationReport } from "../../migration-jobs/verification/report";
import { writeReports } from "../../migration-jobs/common/report";
import { redactConnectionString } from "../../migration-jobs/common/secrets";

export interface GateSources {
  /** Legacy Group Chat database: connection string or snapshot directory. Secret. */
  legacy: string;
  /** The 2013 `mgc` (verification; readiness uses it to report overwrites): connection string or snapshot directory. Secret. */
  target: string | null;
  cutoff: string | null;
  acceptWarnings: boolean;
  /** Directory the reports are written to, e.g. `out/runbook/<stack>/<runId>`. */
  reportDir: string;
  trustServerCertificate: boolean;
}

/** A GateEngine over the live engine; each call opens and closes its own connections. */
export function liveGateEngine(sources: GateSources): GateEngine {
  const open = (spec: string, where: string) => openInventory(spec, { where, trustServerCertificate: sources.trustServerCertificate });
  const cutoff = sources.cutoff ? { cutoff: sources.cutoff } : {};

  return {
    async readiness() {
      const legacy = await open(sources.legacy, "legacy");
      try {
        const target = sources.target ? await open(sources.target, "target") : null;
        try {
          const r = await analyze(legacy, { ...cutoff, ...(target ? { target } : {}), acceptWarnings: sources.acceptWarnings });
          r.source.description = redactConnectionString(r.source.description);
          if (r.targetSource) r.targetSource.description = redactConnectionString(r.targetSource.description);
          const paths = await writeReports(analysisReport(r), r, sources.reportDir, "readiness");
          return { outcome: { findings: r.findings, files: { count: r.files.count, bytes: r.files.bytes ?? 0 } }, reportPath: paths.markdown };
        } finally {
          await target?.close().catch(() => undefined);
        }
      } finally {
        await legacy.close().catch(() => undefined);
      }
    },
    async verification() {
      if (!sources.target) throw new Error("the verification gate needs the Persistent Chat store (target)");
      const legacy = await open(sources.legacy, "legacy");
      try {
        const target = await open(sources.target, "target");
        try {
          const expected = await analyze(legacy, { ...cutoff });
          const v = await verify(expected, target);
          v.target.description = redactConnectionString(v.target.description);
          const paths = await writeReports(verificationReport(v), v, sources.reportDir, "verification");
          return { outcome: { ok: v.ok, findings: mismatchFindings(v) }, reportPath: paths.markdown };
        } finally {
          await target.close().catch(() => undefined);
        }
      } finally {
        await legacy.close().catch(() => undefined);
      }
    },
  };
}
