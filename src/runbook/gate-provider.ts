/**
 * The two gates as a Pulumi dynamic resource. The provider runs where `pulumi up` runs, calls the
 * engine (which opens its own SQL connections in each call: the provider is serialized by value, so
 * it captures no client), and fails the deployment with the report path and the top findings when
 * the gate blocks. Keyed by `runId`: the same runId is no change, a new one runs the gate again, and
 * a gate that blocked was never created, so the next `pulumi up` runs it again.
 */
import * as pulumi from "@pulumi/pulumi";
import { GateBlockedError, GateDecision, GateEngine, GateKind, decideReadiness, decideVerification } from "../../migration-jobs/runbook/gates";
import { redact } from "../../migration-jobs/common/secrets";
import { GateSources, liveGateEngine } from "./gate-engine";
import { DEFAULT_EXPORT_LEVEL, EXPORT_LEVELS, isExportLevel, type ExportLevel } from "../../migration-jobs/analysis/export-level";

/** What the gate resource receives (plain values, as the provider sees them). */
export interface GateInputs {
  gate: GateKind;
  runId: string;
  acceptWarnings: boolean;
  cutoff: string | null;
  /**
   * `pchat-kit:migration.exportLevel`. Absent in the state of a gate created before the gates took it:
   * such a gate ran as if it were All.
   */
  exportLevel?: ExportLevel;
  /** Connection string or snapshot directory: pass a Pulumi secret. */
  legacy: string;
  /** Connection string or snapshot directory of `mgc`; required by the verification gate. Secret. */
  target: string | null;
  reportDir: string;
  trustServerCertificate: boolean;
  /** How many findings the failure message lists. */
  top: number;
  /** Bumped when the provider's behaviour changes: provider code alone never triggers an update. */
  version: string;
}

/** What the gate leaves in the state: never a connection string. */
export interface GateOutputs {
  gate: GateKind;
  runId: string;
  passed: boolean;
  reportPath: string | null;
  message: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Readiness only: files the analysis expects the copy step to find; -1 when unknown. */
  expectedFiles: number;
  expectedBytes: number;
}

export const GATE_PROVIDER_VERSION = "1";

export type GateEngineFactory = (sources: GateSources) => GateEngine;

const GATES: readonly string[] = ["readiness", "verification"];

function checkInputs(news: Partial<GateInputs>): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (!GATES.includes(String(news.gate))) failures.push({ property: "gate", reason: "must be readiness or verification" });
  if (typeof news.runId !== "string" || !/^[a-z0-9][a-z0-9-]{0,19}$/.test(news.runId)) failures.push({ property: "runId", reason: "set pchat-kit:migration.runId (lower-case letters, digits, dashes)" });
  // Never echo these two: they are connection strings with passwords.
  if (typeof news.legacy !== "string" || news.legacy.length === 0) failures.push({ property: "legacy", reason: "the legacy database (connection string or snapshot directory) is required" });
  if (news.gate === "verification" && (typeof news.target !== "string" || news.target.length === 0)) failures.push({ property: "target", reason: "the verification gate needs the Persistent Chat store (connection string or snapshot directory)" });
  if (typeof news.reportDir !== "string" || news.reportDir.length === 0) failures.push({ property: "reportDir", reason: "a directory for the gate's report is required" });
  if (news.exportLevel !== undefined && !isExportLevel(news.exportLevel)) failures.push({ property: "exportLevel", reason: `set pchat-kit:migration.exportLevel to one of ${EXPORT_LEVELS.join(", ")}` });
  return failures;
}

/**
 * The inputs a gate decides with. A gate that ran under a runId is done: Pulumi would keep its old
 * outputs if one of these changed, so the change would silently do nothing. It is refused instead,
 * naming the key, until the old value is back or a new runId starts a new run (issue: a completed run
 * is inert). `recordedSince`: an input older gates did not take; a state without it says nothing
 * about the value that gate ran with, so it is not compared (refusing would fail every unchanged
 * stack on its first `pulumi up` with this kit).
 */
const DECIDING_INPUTS: ReadonlyArray<{ name: "cutoff" | "acceptWarnings" | "exportLevel"; key: string; recordedSince?: true }> = [
  { name: "cutoff", key: "pchat-kit:migration.cutoff" },
  { name: "acceptWarnings", key: "pchat-kit:migration.acceptWarnings" },
  { name: "exportLevel", key: "pchat-kit:migration.exportLevel", recordedSince: true },
];

export function changedAfterRun(olds: Partial<GateInputs>, news: Partial<GateInputs>): pulumi.dynamic.CheckFailure[] {
  if (olds.runId === undefined || olds.runId !== news.runId || olds.gate !== news.gate) return [];
  return DECIDING_INPUTS.filter((i) => !(i.recordedSince && olds[i.name] === undefined) && (olds[i.name] ?? null) !== (news[i.name] ?? null)).map((i) => ({
    property: i.name,
    reason: `${i.key} changed after the ${String(news.gate)} gate of run ${String(news.runId)} ran (${JSON.stringify(olds[i.name] ?? null)} -> ${JSON.stringify(news[i.name] ?? null)}); a gate that ran does not run again under the same runId: set a new pchat-kit:migration.runId to act on the change, or put the old value back`,
  }));
}

/** A provider over any engine: tests inject one, the program uses `gateProvider` (the live engine). */
export function makeGateProvider(engineFor: GateEngineFactory): pulumi.dynamic.ResourceProvider {
  const run = async (inputs: GateInputs): Promise<GateOutputs> => {
    const engine = engineFor({
      legacy: inputs.legacy,
      target: inputs.target,
      cutoff: inputs.cutoff,
      exportLevel: inputs.exportLevel ?? DEFAULT_EXPORT_LEVEL,
      acceptWarnings: inputs.acceptWarnings,
      reportDir: inputs.reportDir,
      trustServerCertificate: inputs.trustServerCertificate,
    });
    // The secrets gate, also told the whole connection strings (a driver may quote them verbatim).
    const hide = (text: string) => redact(text, [inputs.legacy, inputs.target ?? undefined]);
    const opts = { runId: inputs.runId, acceptWarnings: inputs.acceptWarnings, top: inputs.top };
    let decision: GateDecision;
    let files = { count: -1, bytes: -1 };
    try {
      if (inputs.gate === "readiness") {
        const r = await engine.readiness();
        if (r.outcome.files) files = { count: r.outcome.files.count, bytes: r.outcome.files.bytes };
        decision = decideReadiness(r.outcome, { ...opts, reportPath: r.reportPath });
      } else {
        const v = await engine.verification();
        decision = decideVerification(v.outcome, { ...opts, reportPath: v.reportPath });
      }
    } catch (e) {
      // A driver error may quote the connection string it was given.
      throw new Error(`${inputs.gate} gate (run ${inputs.runId}) could not run: ${hide(e instanceof Error ? e.message : String(e))}`);
    }
    if (!decision.passed) throw new Error(hide(new GateBlockedError(decision).describe()));
    return {
      gate: inputs.gate,
      runId: inputs.runId,
      passed: true,
      reportPath: decision.reportPath,
      message: hide(decision.message),
      errors: decision.counts.error,
      warnings: decision.counts.warning,
      infos: decision.counts.info,
      expectedFiles: files.count,
      expectedBytes: files.bytes,
    };
  };
  return {
    async check(olds: GateInputs, news: GateInputs) {
      return { inputs: news, failures: [...checkInputs(news), ...changedAfterRun(olds ?? {}, news)] };
    },
    async diff(_id: string, olds: GateInputs, news: GateInputs) {
      const changed = olds.runId !== news.runId || olds.gate !== news.gate || olds.version !== news.version;
      return { changes: changed, replaces: [], deleteBeforeReplace: false };
    },
    async create(inputs: GateInputs) {
      const outs = await run(inputs);
      return { id: `${inputs.gate}-${inputs.runId}`, outs };
    },
    async update(_id: string, _olds: GateInputs, news: GateInputs) {
      return { outs: await run(news) };
    },
    async delete() {
      // A gate leaves nothing outside the state: its reports stay for the record.
    },
  };
}

/** The provider of the live engine: what the program's gate resources use. */
export const gateProvider: pulumi.dynamic.ResourceProvider = makeGateProvider(liveGateEngine);

export interface GateArgs {
  gate: pulumi.Input<GateKind>;
  runId: pulumi.Input<string>;
  acceptWarnings: pulumi.Input<boolean>;
  cutoff: pulumi.Input<string | null>;
  /** `pchat-kit:migration.exportLevel`: what the verification compares. */
  exportLevel: pulumi.Input<ExportLevel>;
  /** Pass a secret: `pulumi.secret(connectionString)`. */
  legacy: pulumi.Input<string>;
  /** Pass a secret. Required by the verification gate. */
  target: pulumi.Input<string | null>;
  reportDir: pulumi.Input<string>;
  trustServerCertificate?: pulumi.Input<boolean>;
  /** @default 5 */
  top?: pulumi.Input<number>;
}

/**
 * One gate of the runbook. Fails the deployment when it blocks; its outputs say where the report is.
 * @example new MigrationGate("run-1-01-readiness-gate", { gate: "readiness", runId: "run-1", ... }, { dependsOn: topology })
 */
export class MigrationGate extends pulumi.dynamic.Resource {
  declare readonly passed: pulumi.Output<boolean>;
  declare readonly reportPath: pulumi.Output<string | null>;
  declare readonly message: pulumi.Output<string>;
  declare readonly expectedFiles: pulumi.Output<number>;
  declare readonly expectedBytes: pulumi.Output<number>;

  constructor(name: string, args: GateArgs, opts?: pulumi.CustomResourceOptions, provider: pulumi.dynamic.ResourceProvider = gateProvider) {
    super(
      provider,
      name,
      {
        ...args,
        trustServerCertificate: args.trustServerCertificate ?? false,
        top: args.top ?? 5,
        version: GATE_PROVIDER_VERSION,
        // Outputs the class reads; the provider fills them.
        passed: undefined,
        reportPath: undefined,
        message: undefined,
        expectedFiles: undefined,
        expectedBytes: undefined,
      },
      // The connection strings stay secrets in the state even if a caller forgot pulumi.secret.
      { ...opts, additionalSecretOutputs: ["legacy", "target"] },
    );
  }
}
