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
import { GateSources, liveGateEngine, savedReadiness } from "./gate-engine";
import { TunnelOpenError, throughTunnel, withTunnels, type TunnelDeps, type TunnelSpec } from "./tunnel";
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
  /**
   * The Bastion tunnel the gate opens to the legacy database's SQL Server for its own run, its local
   * end replacing the connection string's server. Null (or absent, in a gate's state from before the
   * gates opened tunnels): `legacy` is used as it is.
   */
  legacyTunnel?: TunnelSpec | null;
  /** The same for `target` (the `mgc` SQL Server). */
  targetTunnel?: TunnelSpec | null;
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
  for (const name of ["legacyTunnel", "targetTunnel"] as const) {
    const reason = tunnelProblem(news[name]);
    if (reason) failures.push({ property: name, reason });
  }
  return failures;
}

/** A tunnel input the provider could not open; strings are not checked further (a preview leaves the VM id unknown). */
function tunnelProblem(t: unknown): string | null {
  if (t === undefined || t === null || typeof t === "string") return null;
  const spec = t as Partial<Record<keyof TunnelSpec, unknown>>;
  const missing = (["bastionName", "resourceGroup", "targetResourceId"] as const).filter((k) => typeof spec[k] !== "string" || spec[k] === "");
  if (missing.length > 0) return `the Bastion tunnel needs ${missing.join(", ")}`;
  if (typeof spec.resourcePort === "number" && !(Number.isInteger(spec.resourcePort) && spec.resourcePort >= 1 && spec.resourcePort <= 65535)) return "the tunnel's resourcePort is not a TCP port";
  return null;
}

/**
 * The inputs a gate decides with. A gate that ran under a runId is done: Pulumi would keep its old
 * outputs if one of these changed, so the change would silently do nothing. It is refused instead,
 * naming the key, until the old value is back or a new runId starts a new run (issue: a completed run
 * is inert). `recordedSince`: an input older gates did not take; a state without it says nothing
 * about the value that gate ran with, so it is not compared (refusing would fail every unchanged
 * stack on its first `pulumi up` with this kit). How a gate connects (its tunnels, their local ports,
 * which exist only during its run) is not what it decides with, so it is never compared.
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

/** Which side a gate reaches through a tunnel: the input holding its connection string, and its tunnel. */
type Side = "legacy" | "target";
const TUNNEL_OF: Record<Side, "legacyTunnel" | "targetTunnel"> = { legacy: "legacyTunnel", target: "targetTunnel" };
const SIDE_NAME: Record<Side, string> = { legacy: "legacy database's SQL Server", target: "Persistent Chat store's (mgc) SQL Server" };

/**
 * The sides this gate connects to, and so the tunnels it opens: readiness reads the legacy database
 * and `mgc` (overwrites); verification reads `mgc`, and the legacy database only when the readiness
 * gate's saved analysis is missing (gate-engine.ts, verification).
 */
async function sidesOf(inputs: GateInputs): Promise<Side[]> {
  const target: Side[] = inputs.target ? ["target"] : [];
  if (inputs.gate === "readiness") return ["legacy", ...target];
  return (await savedReadiness(inputs.reportDir)) ? target : ["legacy", ...target];
}

/** Runs the gate's engine on its sources: the decision, and the readiness gate's predicted files. */
async function decide(engine: GateEngine, inputs: GateInputs, hide: (text: string) => string): Promise<{ decision: GateDecision; files: { count: number; bytes: number } }> {
  const opts = { runId: inputs.runId, acceptWarnings: inputs.acceptWarnings, top: inputs.top };
  let files = { count: -1, bytes: -1 };
  try {
    if (inputs.gate === "readiness") {
      const r = await engine.readiness();
      if (r.outcome.files) files = { count: r.outcome.files.count, bytes: r.outcome.files.bytes };
      return { decision: decideReadiness(r.outcome, { ...opts, reportPath: r.reportPath }), files };
    }
    const v = await engine.verification();
    return { decision: decideVerification(v.outcome, { ...opts, reportPath: v.reportPath }), files };
  } catch (e) {
    // A driver error may quote the connection string it was given.
    throw new Error(`${inputs.gate} gate (run ${inputs.runId}) could not run: ${hide(e instanceof Error ? e.message : String(e))}`);
  }
}

/**
 * A provider over any engine: tests inject one, the program uses `gateProvider` (the live engine).
 * `tunnels`: how the Bastion tunnels are opened (tests give a stand-in `az`).
 */
export function makeGateProvider(engineFor: GateEngineFactory, tunnels: TunnelDeps = {}): pulumi.dynamic.ResourceProvider {
  const gate = async (inputs: GateInputs, sources: { legacy: string; target: string | null }): Promise<GateOutputs> => {
    const engine = engineFor({
      legacy: sources.legacy,
      target: sources.target,
      cutoff: inputs.cutoff,
      exportLevel: inputs.exportLevel ?? DEFAULT_EXPORT_LEVEL,
      acceptWarnings: inputs.acceptWarnings,
      reportDir: inputs.reportDir,
      trustServerCertificate: inputs.trustServerCertificate,
    });
    // The secrets gate, also told the whole connection strings (a driver may quote them verbatim).
    const hide = (text: string) => redact(text, [inputs.legacy, inputs.target ?? undefined, sources.legacy, sources.target ?? undefined]);
    const { decision, files } = await decide(engine, inputs, hide);
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
  // The tunnels live exactly as long as the gate: opened here, closed by withTunnels however it ends.
  // Their local ports exist only inside this call, never in the inputs or the state.
  const run = async (inputs: GateInputs): Promise<GateOutputs> => {
    const tunnelled = (await sidesOf(inputs)).filter((side) => inputs[TUNNEL_OF[side]]);
    const specs = tunnelled.map((side) => inputs[TUNNEL_OF[side]]!);
    try {
      return await withTunnels(
        specs,
        (ports) => {
          const at = (side: Side, cs: string): string => (tunnelled.includes(side) ? throughTunnel(cs, ports[tunnelled.indexOf(side)]!, `pchat-kit:migration.gates (${side})`) : cs);
          return gate(inputs, { legacy: at("legacy", inputs.legacy), target: inputs.target === null ? null : at("target", inputs.target) });
        },
        tunnels,
      );
    } catch (e) {
      if (!(e instanceof TunnelOpenError)) throw e;
      throw new Error(`${inputs.gate} gate (run ${inputs.runId}) could not open its Bastion tunnel to the ${SIDE_NAME[tunnelled[e.index]!]}: ${e.describe()}`);
    }
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
  /**
   * The Bastion tunnel to the legacy database's SQL Server the gate opens for its run (its VM id may
   * be an Output of the topology). No secret in it. @default null (connect to `legacy` as it is)
   */
  legacyTunnel?: pulumi.Input<TunnelArgs | null>;
  /** The same for `target`. @default null */
  targetTunnel?: pulumi.Input<TunnelArgs | null>;
  reportDir: pulumi.Input<string>;
  trustServerCertificate?: pulumi.Input<boolean>;
  /** @default 5 */
  top?: pulumi.Input<number>;
}

/** A `TunnelSpec` as resource inputs. */
export interface TunnelArgs {
  bastionName: pulumi.Input<string>;
  resourceGroup: pulumi.Input<string>;
  /** @example server.vm.id */
  targetResourceId: pulumi.Input<string>;
  resourcePort: pulumi.Input<number>;
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
        legacyTunnel: args.legacyTunnel ?? null,
        targetTunnel: args.targetTunnel ?? null,
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
