/**
 * `pchat-kit verify --legacy <...> --target <...> [--cutoff YYYY-MM-DD] [--export-level LEVEL] [--json] [--report DIR]`:
 * after the import, reconciles the 2013 mgc with what the analysis of the legacy database expects,
 * object by object (domain §8), for the kinds of objects the export's -Level carries; with a cutoff,
 * says whether messages older than it arrived (info findings). Exit 0 when everything matches, 1 on
 * mismatches, 2 on bad input.
 */
import { Command } from "commander";
import { ExitCode, Io } from "../common/io";
import { redact } from "../common/secrets";
import { writeReports } from "../common/report";
import { analyze } from "../analysis";
import { verify, type VerificationResult } from "../verification";
import { verificationReport } from "../verification/report";
import { outputFolder } from "../common/paths";
import { checkCutoff, checkExportLevel, EXPORT_LEVEL_HELP, defaultOpener, progressTo, withSources, safeResult, REPORT_FIX, type EngineCommandContext, type OpenSource } from "./analyze";

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
    const p = await writeReports(verificationReport(result), result, opts.report, "verification");
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

export function registerVerify(program: Command, ctx: EngineCommandContext): void {
  program
    .command("verify")
    .description("After the import: reconcile the 2013 mgc with the expected model, per category, room and add-in")
    .requiredOption("--legacy <connection string|dir>", "the legacy Group Chat database (or its snapshot) that was exported")
    .requiredOption("--target <connection string|dir>", "the 2013 mgc (or its snapshot) after the import")
    .option("--cutoff <YYYY-MM-DD>", "the cutoff the import used: messages before it are not expected")
    .option("--export-level <level>", `${EXPORT_LEVEL_HELP}: only what it exports is compared`)
    .option("--json", "print one JSON document on stdout")
    .option("--report <dir>", "also write verification.md, verification.html and verification.json into this directory")
    .option("--separator <text>", "joins parent and child names of flattened categories (default _)")
    .option("--trust-server-certificate", "accept the server's TLS certificate without validation (lab servers only)")
    .action(async (o: VerifyCommandOptions) => {
      ctx.exitCode = await runVerify(o, ctx.io);
    });
}
