/**
 * The frame every in-guest step shares: stop on the first error, and end with exactly one
 * `PCHATKIT-RESULT {json}` line (migration-jobs/runbook/step.ts) whether the step succeeded, found
 * nothing to do, or failed, so the next step, a gate or an operator reads the outcome without
 * parsing free text. Pure: tested by parsing the output with the PowerShell grammar.
 */
import { RESULT_LINE_PREFIX } from "../../../migration-jobs/runbook/step";

/** A PowerShell single-quoted literal: the only escape in such a string is a doubled quote. */
export function psQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface StepScript {
  /** Step id written into the result line. */
  step: string;
  /** `param(...)` entries, without the leading `[string]$RunId` every step takes. */
  params?: string[];
  /** The body; it fills the hashtable `$data` and may set `$status = 'skipped'`. */
  body: string[];
}

/** Wraps `body` with the strict-mode preamble, the try/catch and the result line. */
export function renderStep(s: StepScript): string {
  const params = ["[string]$RunId = 'initial'", ...(s.params ?? [])];
  const indent = (lines: string[]) => lines.map((l) => (l.length ? "  " + l : l));
  return [
    "param(",
    params.map((p, i) => `  ${p}${i < params.length - 1 ? "," : ""}`).join("\n"),
    ")",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "$status = 'ok'",
    "$data = @{}",
    "try {",
    ...indent(s.body),
    "} catch {",
    // The message, not the exception object: a failing cmdlet's full record may echo parameters.
    `  $data['error'] = $_.Exception.Message`,
    `  Write-Output (${psQuote(RESULT_LINE_PREFIX)} + (ConvertTo-Json -Compress -Depth 4 @{ step = ${psQuote(s.step)}; runId = $RunId; status = 'failed'; data = $data }))`,
    "  exit 1",
    "}",
    `Write-Output (${psQuote(RESULT_LINE_PREFIX)} + (ConvertTo-Json -Compress -Depth 4 @{ step = ${psQuote(s.step)}; runId = $RunId; status = $status; data = $data }))`,
    "",
  ].join("\n");
}
