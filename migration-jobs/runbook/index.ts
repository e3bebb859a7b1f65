/** The runbook: plan it (pure), render its scripts, read its results, decide its gates. */
export { checkRunbookConfig, MIGRATION_CONFIG_KEY, EXPORT_LEVELS, TIMEOUT_KEYS } from "./config";
export type { RunbookConfig, MigrationBatch, ExportLevel, TimeoutKey } from "./config";
export type { RunbookEnvironment, RunbookServer } from "./environment";
export { planRunbook, DEFAULT_TIMEOUTS } from "./planner";
export type { Runbook, PlanOptions } from "./planner";
export { parseResultLine, formatResultLine, ResultLineError } from "./result";
export { decideReadiness, decideVerification, enforceGate, runGate, GateBlockedError } from "./gates";
export type { GateKind, GateDecision, GateEngine, GateOptions, ReadinessOutcome, VerificationOutcome } from "./gates";
export { RESULT_LINE_PREFIX } from "./step";
export type { RunbookStep, StepResult, StepKind } from "./step";
export { psString } from "../powershell/frame";
export { runbookDocument, runbookReport, runbookScripts } from "./render";
export type { RunbookDocument, RunbookDocumentStep } from "./render";
export { runbookOrderProblems } from "./order";
