/**
 * `pchat-kit verify --legacy <...> --target <...> [--cutoff YYYY-MM-DD] [--export-level LEVEL] [--json] [--report DIR]`:
 * after the import, reconciles the 2013 mgc with what the analysis of the legacy database expects,
 * object by object (domain §8), for the kinds of objects the export's -Level carries; with a cutoff,
 * says whether messages older than it arrived (info findings). Exit 0 when everything matches, 1 on
 * mismatches, 2 on bad input.
 */
import { ExitCode, Io } from "../common/io";
import { redact } from "../common/secrets";
import { writeReports } from "../common/report";
import { analyze } from "../analysis";
import { verify, type VerificationResult } from "../verification";
import { verificationReport } from "../verification/report";
import { renderVerificationHtml } from "../verification/report-html";
import { outputFolder } from "../common/paths";
import { checkCutoff, checkExportLevel, defaultOpener, progressTo, withSources, safeResult, REPORT_FIX, type OpenSource } from "./analyze";
import { defineCommand, variant } from "./command";
import { CUTOFF, EXPORT_LEVEL, JSON_OUTPUT, LEGACY, REPORT, SEPARATOR, TARGET, TRUST_SERVER_CERTIFICATE } from "./options";

export interface VerifyCommandOptions {
  legacy: string;
  target: string;
  cutoff?: string;
  exportLevel?: string;
  json?: boolean;
  report?: string;
  separator?: string;
  trustServerCertificate?: boolean;
}

export async function runVerify(opts: VerifyCommandOptions, io: Io, open: OpenSource = defaultOpener(io, opts.trustServerCertificate === true)): Promise<number> {
  checkCutoff(opts.cutoff);
  const exportLevel = checkExportLevel(opts.exportLevel);
  if (opts.report !== undefined) outputFolder("--report", opts.report, REPORT_FIX);
  const progress = progressTo(io);
  const result: VerificationResult = await withSources(
    open,
    [
      [opts.legacy, "--legacy"],
      [opts.target, "--target"],
    ],
    async ([legacy, target]) => {
      const expected = safeResult(
        await analyze(legacy!, { ...(opts.cutoff ? { cutoff: opts.cutoff } : {}), ...(opts.separator ? { separator: opts.separator } : {}), exportLevel, onProgress: progress }),
      );
      return verify(expected, target!, { exportLevel, onProgress: progress });
    },
  );
  if (io.interactive) io.stderr("\r\x1b[K");
  result.target.description = redact(result.target.description);
  if (opts.report) {
    const p = await writeReports(verificationReport(result), result, opts.report, "verification", { data: result, render: renderVerificationHtml });
    io.stderr(`report: ${p.markdown}, ${p.html}, ${p.json}\n`);
  }
  if (opts.json) io.stdout(JSON.stringify(result) + "\n");
  else {
    const lines = [`${result.target.description}: ${result.ok ? "matches the expected model" : `${result.mismatches.length} mismatch(es)`}`];
    for (const m of result.mismatches.slice(0, 50)) lines.push(`${m.object} "${m.name}": ${m.message}`);
    if (result.mismatches.length > 50) lines.push(`... and ${result.mismatches.length - 50} more (use --report DIR or --json for all)`);
    if (result.exportLevel !== "All") lines.push(`compared at -Level ${result.exportLevel}: ${result.compared.join(", ")} only`);
    for (const f of result.findings) lines.push(`${f.severity} ${f.code} ${f.subject}: ${f.message}`);
    io.stdout(lines.join("\n") + "\n");
  }
  return result.ok ? ExitCode.ok : ExitCode.blocked;
}

export const verifyCommand = defineCommand({
  name: "verify",
  description: "After the import: reconcile the 2013 mgc with the expected model, per category, room and add-in",
  options: [
    variant(LEGACY, { required: true, description: "the legacy Group Chat database (or its snapshot) that was exported" }),
    variant(TARGET, { required: true, description: "the 2013 mgc (or its snapshot) after the import" }),
    variant(CUTOFF, { description: "the cutoff the import used: messages before it are not expected" }),
    variant(EXPORT_LEVEL, { description: `${EXPORT_LEVEL.description}: only what it exports is compared` }),
    JSON_OUTPUT,
    variant(REPORT, { description: "also write verification.md, verification.html and verification.json into this directory" }),
    SEPARATOR,
    TRUST_SERVER_CERTIFICATE,
  ],
  handler: (args, ctx) => runVerify(args, ctx.io),
});
