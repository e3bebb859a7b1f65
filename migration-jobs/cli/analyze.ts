/**
 * `pchat-kit analyze --legacy <connection string|DIR> [--target <...>] [--cutoff YYYY-MM-DD]
 *  [--export-level LEVEL] [--accept-warnings] [--json] [--report DIR]`: the readiness analysis (conversion prediction).
 * stdout: one JSON document with --json, else a short summary; progress and report paths on stderr.
 * Exit 0 ready, 1 blocking findings (errors, or warnings unless accepted), 2 bad usage or input.
 * Connection strings never reach the output: sources describe themselves as server/database.
 */
import { UserError } from "../common/errors";
import { isCalendarDate, NOT_A_CALENDAR_DATE } from "../common/validation";
import { ExitCode, Io } from "../common/io";
import { outputFolder } from "../common/paths";
import { redact } from "../common/secrets";
import { writeReports } from "../common/report";
import type { InventorySource } from "../inventory/inventory";
import { analyze, type AnalysisResult } from "../analysis";
import { EXPORT_LEVELS, isExportLevel, type ExportLevel } from "../analysis/export-level";
import { analysisReport } from "../analysis/report";
import { renderReadinessHtml } from "../analysis/report-html";
import { defineCommand, variant } from "./command";
import { ACCEPT_WARNINGS, CUTOFF, EXPORT_LEVEL, JSON_OUTPUT, LEGACY, REPORT, SEPARATOR, TARGET, TRUST_SERVER_CERTIFICATE } from "./options";

/** Opens `--legacy`/`--target`; tests may replace it. */
export type OpenSource = (spec: string, where: string) => Promise<InventorySource>;

export function defaultOpener(io: Io, trustServerCertificate: boolean): OpenSource {
  // Loaded on use, as in snapshot.ts: the SQL Server client is about 400 modules.
  const { openInventory } = require("../readers/open") as typeof import("../readers/open");
  return (spec, where) => openInventory(spec, { where, trustServerCertificate, onRetry: (m) => io.stderr(`${m}\n`) });
}

export interface AnalyzeCommandOptions {
  legacy: string;
  target?: string;
  cutoff?: string;
  exportLevel?: string;
  acceptWarnings?: boolean;
  json?: boolean;
  report?: string;
  separator?: string;
  trustServerCertificate?: boolean;
}

/** `--cutoff` (analyze, verify, rehearse): the one date validator, the one problem text. */
export function checkCutoff(cutoff: string | undefined): void {
  if (cutoff !== undefined && !isCalendarDate(cutoff))
    throw new UserError("--cutoff", `"${cutoff}" ${NOT_A_CALENDAR_DATE}`, "pass the first day whose messages migrate, e.g. --cutoff 2025-01-01");
}

/** `--export-level`: the export's -Level (domain §4.1), as `pchat-kit:migration.exportLevel` spells it. Default All. */
export function checkExportLevel(level: string | undefined): ExportLevel {
  if (level === undefined) return "All";
  if (!isExportLevel(level)) throw new UserError("--export-level", `"${level}" is not an Export-CsPersistentChatData -Level`, `use one of ${EXPORT_LEVELS.join(", ")} (the runbook's pchat-kit:migration.exportLevel)`);
  return level;
}

/** Progress for people: one redrawn line on a terminal, plain lines otherwise. */
export function progressTo(io: Io): (msg: string) => void {
  return (msg) => io.stderr(io.interactive ? `\r\x1b[K${msg}` : `${msg}\n`);
}

/** Opens the sources, runs `work`, always closes them. */
export async function withSources<T>(open: OpenSource, specs: [string, string][], work: (s: InventorySource[]) => Promise<T>): Promise<T> {
  const opened: InventorySource[] = [];
  try {
    for (const [spec, where] of specs) opened.push(await open(spec, where));
    return await work(opened);
  } finally {
    for (const s of opened) await s.close().catch(() => undefined);
  }
}

export function safeResult(r: AnalysisResult): AnalysisResult {
  // Defence in depth: descriptions come from readers that never include credentials.
  r.source.description = redact(r.source.description);
  if (r.targetSource) r.targetSource.description = redact(r.targetSource.description);
  return r;
}

export const REPORT_FIX = "give --report a folder to write the reports into (it is created if missing)";

export async function runAnalyze(opts: AnalyzeCommandOptions, io: Io, open: OpenSource = defaultOpener(io, opts.trustServerCertificate === true)): Promise<number> {
  checkCutoff(opts.cutoff);
  const exportLevel = checkExportLevel(opts.exportLevel);
  if (opts.report !== undefined) outputFolder("--report", opts.report, REPORT_FIX);
  if (opts.separator !== undefined && opts.separator.length === 0) throw new UserError("--separator", "is empty", "pass the text that joins parent and child category names, e.g. --separator _");
  const specs: [string, string][] = [[opts.legacy, "--legacy"]];
  if (opts.target) specs.push([opts.target, "--target"]);
  const result = await withSources(open, specs, ([legacy, target]) =>
    analyze(legacy!, {
      ...(opts.cutoff ? { cutoff: opts.cutoff } : {}),
      ...(target ? { target } : {}),
      ...(opts.separator ? { separator: opts.separator } : {}),
      exportLevel,
      acceptWarnings: opts.acceptWarnings === true,
      onProgress: progressTo(io),
    }),
  );
  if (io.interactive) io.stderr("\r\x1b[K");
  safeResult(result);
  if (opts.report) {
    const p = await writeReports(analysisReport(result), result, opts.report, "analysis", { data: result, render: renderReadinessHtml });
    io.stderr(`report: ${p.markdown}, ${p.html}, ${p.json}\n`);
  }
  if (opts.json) io.stdout(JSON.stringify(result) + "\n");
  else io.stdout(summary(result));
  return result.blocking.blocked ? ExitCode.blocked : ExitCode.ok;
}

function summary(r: AnalysisResult): string {
  const lines = [
    `${r.source.description}: ${r.blocking.errors} error(s), ${r.blocking.warnings} warning(s), ${r.blocking.infos} info(s)`,
    `expected 2013: ${r.counts.after.categories} categories, ${r.counts.after.rooms} rooms, ${r.counts.after.addins} add-ins, ${r.counts.after.messagesSinceCutoff} messages since ${r.cutoff ?? "the beginning"}; ${r.files.count} file(s) to copy`,
  ];
  const shown = r.findings.filter((f) => f.severity !== "info").slice(0, 20);
  for (const f of shown) lines.push(`${f.severity} ${f.code} ${f.subject}: ${f.message}`);
  const rest = r.blocking.errors + r.blocking.warnings - shown.length;
  if (rest > 0) lines.push(`... and ${rest} more (use --report DIR or --json for all)`);
  lines.push(r.blocking.blocked ? "verdict: blocked" : "verdict: ready");
  return lines.join("\n") + "\n";
}

export const analyzeCommand = defineCommand({
  name: "analyze",
  description: "Predict what Import-CsPersistentChatData will make of a legacy Group Chat database: the expected 2013 model and every finding",
  options: [
    variant(LEGACY, { required: true }),
    variant(TARGET, { description: "the 2013 mgc the import goes into: items of the same name are reported as overwritten" }),
    CUTOFF,
    EXPORT_LEVEL,
    variant(ACCEPT_WARNINGS, { description: "warnings do not block (exit 0 unless there are errors)" }),
    JSON_OUTPUT,
    variant(REPORT, { description: "also write analysis.md, analysis.html and analysis.json into this directory" }),
    SEPARATOR,
    TRUST_SERVER_CERTIFICATE,
  ],
  handler: (args, ctx) => runAnalyze(args, ctx.io),
});
