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
import { hm, type RunbookEstimate } from "./estimate";

/** What the rehearsal knows besides the runbook: the timeline's estimate and where its files are. */
export interface RunbookReportExtras {
  estimate?: RunbookEstimate;
  /** Reports and other files, as paths relative to the runbook report (scripts are listed per step). */
  files?: Array<{ label: string; path: string }>;
}

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
  /** The estimated timeline (rehearsal): durations from data volumes and stated rates, its assumptions. */
  estimate?: RunbookEstimate;
  files?: Array<{ label: string; path: string }>;
}

function scriptFile(step: RunbookStep): string | null {
  return step.script === null ? null : `scripts/${String(step.order).padStart(2, "0")}-${step.id}.ps1`;
}

export function runbookDocument(rb: Runbook, extras: RunbookReportExtras = {}): RunbookDocument {
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
    ...(extras.estimate ? { estimate: extras.estimate } : {}),
    ...(extras.files ? { files: extras.files } : {}),
  };
}

/** One file per Windows step, CRLF line endings as Windows PowerShell 4 expects of a .ps1 file. */
export function runbookScripts(rb: Runbook): Array<{ file: string; content: string }> {
  return rb.steps.flatMap((s) => (s.script === null ? [] : [{ file: scriptFile(s)!, content: s.script.replace(/\r?\n/g, "\r\n") }]));
}

function duration(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h` : `${Math.round(seconds / 60)} min`;
}

/** The estimate as sections of the document: the same timeline the HTML page draws, as a table. */
function estimateSections(rb: Runbook, extras: RunbookReportExtras): ReportDoc["sections"] {
  const e = extras.estimate;
  const out: ReportDoc["sections"] = [];
  if (e && e.steps.length > 0) {
    out.push({
      heading: "Timeline (estimated)",
      paragraphs: [
        `Estimated ${hm(e.totalSeconds)} from the readiness gate to the last step; at most ${hm(e.worstTotalSeconds)} if every step runs to its timeout.`,
        e.downtime ? `Downtime window: services are down from ${hm(e.downtime.start)} to ${hm(e.downtime.end)} after the start, about ${hm(e.downtime.seconds)} (at most ${hm(e.downtime.worstSeconds)}).` : "Downtime window: no step stops services.",
        `Data volumes: ${e.volumes.messages.toLocaleString("en-US")} messages, ${e.volumes.files.toLocaleString("en-US")} files (${e.volumes.fileBytes === null ? "size unknown" : `${e.volumes.fileBytes.toLocaleString("en-US")} bytes`}), legacy database ${e.volumes.databaseBytes === null ? "size estimated from the messages" : `${e.volumes.databaseBytes.toLocaleString("en-US")} bytes`}.`,
      ],
      tables: [
        {
          columns: ["step", "runs on", "window", "starts after", "estimated", "timeout", "estimate from"],
          rows: e.steps.map((t) => [t.id, t.machine, t.window ?? "", hm(t.start), hm(t.estimatedSeconds), hm(t.timeoutSeconds), t.basis]),
        },
      ],
    });
    out.push({ heading: "Assumptions of the estimate", paragraphs: [...e.assumptions] });
  }
  if (extras.files && extras.files.length > 0) {
    out.push({
      heading: "Where the reports and scripts are",
      tables: [{ columns: ["what", "file"], rows: [...extras.files.map((f) => [f.label, f.path]), ...rb.steps.flatMap((s) => (s.script === null ? [] : [[`script of ${s.id}`, scriptFile(s)]]))] }],
    });
  }
  return out;
}

export function runbookReport(rb: Runbook, extras: RunbookReportExtras = {}): ReportDoc {
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
      ...estimateSections(rb, extras),
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
