/**
 * The two gates of the runbook (steps 1 and 11): the engine's readiness analysis before anything is
 * stopped, and its reconciliation after the import. The engine is injected (its analyze/verify
 * wrapped in a function), so the decision is pure and tested without a database; the dynamic
 * provider in src/runbook/ runs the real engine.
 */
import { Finding, SEVERITY_ORDER, isBlocking } from "../common/finding";
import { UserError } from "../common/errors";
import { redact } from "../common/secrets";

export type GateKind = "readiness" | "verification";

/** What the gate needs from `analyze(...)`. */
export interface ReadinessOutcome {
  findings: readonly Finding[];
  /** Files the legacy database references: the copy step compares the file store with it. */
  files?: { count: number; bytes: number };
}

/** What the gate needs from `verify(...)`. */
export interface VerificationOutcome {
  ok: boolean;
  findings?: readonly Finding[];
}

export interface GateOptions {
  runId: string;
  acceptWarnings: boolean;
  /** Where the engine wrote the report the engineer should read; null when none was written. */
  reportPath: string | null;
  /** How many findings the message lists. @default 5 */
  top?: number;
}

export interface GateDecision {
  gate: GateKind;
  runId: string;
  passed: boolean;
  counts: { error: number; warning: number; info: number };
  reportPath: string | null;
  /** The most severe findings first, at most `top`. */
  topFindings: Finding[];
  /** One paragraph for the deployment log: verdict, counts, report path, top findings. */
  message: string;
}

const DEFAULT_TOP = 5;

function count(findings: readonly Finding[]): GateDecision["counts"] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describe(gate: GateKind, passed: boolean, findings: readonly Finding[], opts: GateOptions, extra: string | null): Omit<GateDecision, "gate" | "runId" | "passed"> {
  const counts = count(findings);
  const top = [...findings]
    .filter((f) => f.severity !== "info" || passed)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code))
    .slice(0, opts.top ?? DEFAULT_TOP);
  const head =
    `${gate} gate ${passed ? "passed" : "blocked"} run ${opts.runId}: ` +
    `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}` +
    (counts.warning > 0 ? (opts.acceptWarnings ? " (warnings accepted)" : " (warnings not accepted)") : "") +
    (extra ? `; ${extra}` : "") +
    ".";
  const lines = [head, `report: ${opts.reportPath ?? "(none written)"}`];
  if (top.length > 0) {
    lines.push("top findings:");
    for (const f of top) lines.push(`  - ${f.severity} ${f.code} ${f.subject}: ${f.message} fix: ${f.fix}`);
    const rest = findings.length - top.length;
    if (rest > 0) lines.push(`  (${rest} more in the report)`);
  }
  // Findings quote database rows and data sources; a connection string must never reach a deployment log.
  return { counts, reportPath: opts.reportPath, topFindings: top, message: redact(lines.join("\n")) };
}

/** Readiness: blocked by any error, and by warnings unless accepted (domain §2.3, §2.4 step 5). */
export function decideReadiness(outcome: ReadinessOutcome, opts: GateOptions): GateDecision {
  const passed = !isBlocking(outcome.findings, opts.acceptWarnings);
  return { gate: "readiness", runId: opts.runId, passed, ...describe("readiness", passed, outcome.findings, opts, null) };
}

/** Verification: blocked when the reconciliation says no, or by its findings under the same rule. */
export function decideVerification(outcome: VerificationOutcome, opts: GateOptions): GateDecision {
  const findings = outcome.findings ?? [];
  const passed = outcome.ok && !isBlocking(findings, opts.acceptWarnings);
  const extra = outcome.ok ? null : "the imported Persistent Chat database does not match the legacy one";
  return { gate: "verification", runId: opts.runId, passed, ...describe("verification", passed, findings, opts, extra) };
}

/** A blocked gate: exit code 1 on the command line, a failed resource (and deployment) in Pulumi. */
export class GateBlockedError extends UserError {
  readonly decision: GateDecision;
  constructor(decision: GateDecision) {
    super(
      `${decision.gate} gate (run ${decision.runId})`,
      decision.message,
      decision.gate === "readiness"
        ? "fix the findings on the legacy side (or accept warnings with pchat-kit:migration.acceptWarnings), then run `pulumi up` again"
        : "read the report, correct the 2013 data or re-run the migration with a new pchat-kit:migration.runId",
      1,
    );
    this.name = "GateBlockedError";
    this.decision = decision;
  }
}

/** Throws GateBlockedError when the gate did not pass. */
export function enforceGate(decision: GateDecision): GateDecision {
  if (!decision.passed) throw new GateBlockedError(decision);
  return decision;
}

/** The engine as a gate sees it: each call reads the databases and writes its reports. */
export interface GateEngine {
  readiness(): Promise<{ outcome: ReadinessOutcome; reportPath: string | null }>;
  verification(): Promise<{ outcome: VerificationOutcome; reportPath: string | null }>;
}

/** Runs one gate with the injected engine and decides; never throws for a block (see enforceGate). */
export async function runGate(gate: GateKind, engine: GateEngine, opts: Omit<GateOptions, "reportPath">): Promise<GateDecision> {
  if (gate === "readiness") {
    const r = await engine.readiness();
    return decideReadiness(r.outcome, { ...opts, reportPath: r.reportPath });
  }
  const v = await engine.verification();
  return decideVerification(v.outcome, { ...opts, reportPath: v.reportPath });
}
