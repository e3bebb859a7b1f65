/**
 * A runbook step: one unit of the migration, planned by a pure function and carried out either by
 * the engine where `pulumi up` runs (a gate) or by a PowerShell script on one VM (a managed Run
 * Command). Steps of one VM run one at a time, in `order`, chained by `dependsOn`.
 */
export type StepKind = "gate" | "windows";

/**
 * Figures a gate leaves for later steps. The readiness gate's: the files and bytes the analysis
 * expects in the legacy file store (`AnalysisResult.files`), -1 when unknown.
 */
export type GateOutput = "expectedFiles" | "expectedBytes";

/**
 * A parameter a step takes at run time from an earlier gate's outcome, instead of a value known when
 * the runbook is planned. Whoever carries the runbook out fills it: `pulumi up` from the gate
 * resource's output (src/runbook/), the rehearsal from its own analysis (`fillStepInputs`).
 */
export interface StepInput {
  /** The step's parameter it sets, e.g. `ExpectedFiles`. */
  parameter: string;
  /** Id of the gate step whose outcome holds the value, e.g. `01-readiness-gate`. */
  from: string;
  output: GateOutput;
}

export interface RunbookStep {
  /** Stable id, part of every resource name: e.g. `04-export-batch-a`, `contacts-wave-2-import`. */
  id: string;
  /** Position in the runbook (1 = first). */
  order: number;
  title: string;
  kind: StepKind;
  /** Windows steps: the key of the server it runs on (TopologyPlan ServerPlan.key); gates: null. */
  machine: string | null;
  /** Sized to the step: an export of a large database takes hours, a service stop minutes. */
  timeoutSeconds: number;
  /** Plain parameters. Never a secret: those go in protectedParameters. */
  parameters: Record<string, string>;
  /** Names of parameters supplied as Run Command protected parameters (passwords, SAS URLs). */
  protectedParameters: string[];
  /** PowerShell for windows steps (rendered by a pure function); null for gates. */
  script: string | null;
  /** What the step must leave behind, checked by the step itself before it reports ok. */
  leavesBehind: string[];
  /** Ids of the steps that must have succeeded first. */
  dependsOn: string[];
  /** The downtime window (batch or wave) a step belongs to, or null for once-per-run steps. */
  window: string | null;
  /** Parameters filled at run time from an earlier gate's outcome; absent when none. */
  consumes?: StepInput[];
}

/** The prefix of the one result line every step writes (the step frame, migration-jobs/powershell/frame.ts). */
export { RESULT_LINE_PREFIX } from "../powershell/frame";

export interface StepResult {
  step: string;
  runId: string;
  status: "ok" | "skipped" | "failed";
  /** Step-specific figures, e.g. { exportFile: "...", bytes: 123 } or { files: 10, bytes: 2048 }. */
  data: Record<string, string | number | boolean | null>;
}
