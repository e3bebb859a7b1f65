/**
 * The runbook for people and tools: a report (steps, machines, windows, timeouts, what each leaves
 * behind), a JSON document, and one .ps1 per Windows step. The rehearsal writes them with
 * `writeReports(runbookReport(rb), runbookDocument(rb), dir, "runbook")` plus `runbookScripts(rb)`.
 * Protected parameters appear by name with the value `[secret]`: the planner never has their values.
 */
import type { ReportDoc } from "../common/report";
import { REDACTED } from "../common/secrets";
import type { Runbook } from "./planner";
import type { RunbookStep } from "./step";

export interface RunbookDocumentStep extends Omit<RunbookStep, "script"> {
  /** Relative path of the step's script among `runbookScripts`, or null for a gate. */
  scriptFile: string | null;
}

export interface RunbookDocument {
  format: "pchat-kit.runbook";
  version: 1;
  runId: string;
  strategy: Runbook["strategy"];
  windows: string[];
  steps: RunbookDocumentStep[];
}

function scriptFile(step: RunbookStep): string | null {
  return step.script === null ? null : `scripts/${String(step.order).padStart(2, "0")}-${step.id}.ps1`;
}

export function runbookDocument(rb: Runbook): RunbookDocument {
  return {
    format: "pchat-kit.runbook",
    version: 1,
    runId: rb.runId,
    strategy: rb.strategy,
    windows: rb.windows,
    steps: rb.steps.map(({ script: _script, ...step }) => ({
      ...step,
      parameters: { ...step.parameters, ...Object.fromEntries(step.protectedParameters.map((p) => [p, REDACTED])) },
      scriptFile: scriptFile({ ...step, script: _script }),
    })),
  };
}

/** One file per Windows step, CRLF line endings as Windows PowerShell 4 expects of a .ps1 file. */
export function runbookScripts(rb: Runbook): Array<{ file: string; content: string }> {
  return rb.steps.flatMap((s) => (s.script === null ? [] : [{ file: scriptFile(s)!, content: s.script.replace(/\r?\n/g, "\r\n") }]));
}

function duration(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h` : `${Math.round(seconds / 60)} min`;
}

export function runbookReport(rb: Runbook): ReportDoc {
  const windows = rb.strategy === "batched" ? `batched in ${rb.windows.length} window(s): ${rb.windows.join(", ")}` : "immediate (one window)";
  return {
    title: `Migration runbook ${rb.runId}`,
    summary: [`${rb.steps.length} step(s), ${windows}`, `machines: ${[...new Set(rb.steps.map((s) => s.machine).filter((m): m is string => m !== null))].join(", ") || "none"}`],
    sections: [
      {
        heading: "Steps",
        paragraphs: rb.steps.length === 0 ? ["The migration is disabled (pchat-kit:migration.enabled is false): no step is declared."] : [],
        tables: [
          {
            columns: ["#", "step", "title", "runs on", "window", "timeout", "waits for", "leaves behind", "script"],
            rows: rb.steps.map((s) => [s.order, s.id, s.title, s.machine ?? "where pulumi up runs", s.window ?? "", duration(s.timeoutSeconds), s.dependsOn.join(", "), s.leavesBehind.join("; "), scriptFile(s) ?? "(gate)"]),
          },
        ],
      },
      {
        heading: "Parameters",
        paragraphs: ["Protected parameters are handed to the Run Command as protected parameters at deployment time; they are shown as [secret]."],
        tables: [
          {
            columns: ["step", "parameter", "value"],
            rows: rb.steps.flatMap((s) => [
              ...Object.entries(s.parameters).map(([k, v]) => [s.id, k, v]),
              ...s.protectedParameters.map((p) => [s.id, p, REDACTED]),
            ]),
          },
        ],
      },
    ],
  };
}
