/**
 * The migration runbook as Pulumi resources: a managed Run Command per Windows step and a gate
 * dynamic resource per gate, chained by the planner's dependsOn (which keeps one command at a time
 * per VM). Names carry the runId, so a new runId declares a new run; a step that failed was never
 * created, so the next `pulumi up` resumes there without repeating the steps that succeeded.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { runbookOrderProblems } from "../../migration-jobs/runbook/order";
import type { Runbook } from "../../migration-jobs/runbook/planner";
import { parseResultLine } from "../../migration-jobs/runbook/result";
import type { StepResult } from "../../migration-jobs/runbook/step";
import { MigrationGate, gateProvider as liveGateProvider, type TunnelArgs } from "./gate-provider";
import { RunCommandChain } from "../components/run-command";
import type { ExportLevel } from "../../migration-jobs/analysis/export-level";

export { runbookEnvironment } from "./environment";
export type { EnvironmentOverrides } from "./environment";
export { MigrationGate, makeGateProvider, gateProvider } from "./gate-provider";
export type { TunnelArgs } from "./gate-provider";

/** The VM a step's Run Command targets. */
export interface RunbookVm {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  vmName: pulumi.Input<string>;
  /** The VM resource (or the last guest step on it): the runbook waits for it. */
  ready?: pulumi.Resource;
}

export interface DeclareRunbookArgs {
  /** The planned runbook (`planRunbook`). No step, no resource. */
  runbook: Runbook;
  /** Topology server key -> its VM. */
  vms: Record<string, RunbookVm>;
  /**
   * Values of the steps' protected parameters, by parameter name. Pulumi secrets.
   * @default {}
   * @example { SqlPassword: cfg.requireSecret("sqlAdminPassword") }
   */
  protectedValues?: Record<string, pulumi.Input<string>>;
  /**
   * The account the scripts run as (Run Command `runAsUser`/`runAsPassword`): it needs
   * CsPersistentChatAdministrator and the right to delete the lookup account. Default: LocalSystem.
   * @default undefined
   */
  runAs?: { user: pulumi.Input<string>; password: pulumi.Input<string> };
  gates: {
    /** Legacy database: connection string or snapshot directory. A secret. */
    legacy: pulumi.Input<string>;
    /** The `mgc` store: connection string or snapshot directory. A secret. */
    target: pulumi.Input<string>;
    /** The Bastion tunnel the gates open to the legacy database's SQL Server. @default null (none) */
    legacyTunnel?: pulumi.Input<TunnelArgs> | null;
    /** The Bastion tunnel the gates open to the `mgc` SQL Server. @default null (none) */
    targetTunnel?: pulumi.Input<TunnelArgs> | null;
    /** Where reports are written, e.g. `out/runbook/<stack>`; the runId is appended. */
    reportDir: string;
    acceptWarnings: boolean;
    cutoff: string | null;
    /** `pchat-kit:migration.exportLevel`: the gates compare only what the export carries. */
    exportLevel: ExportLevel;
    /** @default false */
    trustServerCertificate?: boolean;
  };
  /** Resources the whole runbook waits for (the topology). @default [] */
  dependsOn?: pulumi.Resource[];
  parent?: pulumi.Resource;
  /** Tests inject a provider over a fake engine. @default the live engine */
  gateProvider?: pulumi.dynamic.ResourceProvider;
  /** Azure tags for the Run Commands. @default {} */
  tags?: Record<string, string>;
}

export interface DeclaredRunbook {
  /** Step id -> its resource. */
  resources: Record<string, pulumi.CustomResource>;
  /** For the stack outputs: the run, each step's state, where each gate's report is. */
  status: pulumi.Output<{ runId: string; steps: StepStatus[]; reports: Record<string, string | null> }>;
}

export interface StepStatus {
  id: string;
  machine: string | null;
  /** The step's own verdict (`ok`, `skipped`, `failed`) from its result line, else Azure's execution state. */
  state: string;
  /** The step's `PCHATKIT-RESULT` line, read back from the Run Command's output. */
  result: StepResult | null;
}

/** A Run Command's output holds the step's result line; a missing or garbled one is just unknown. */
function readResult(output: string | undefined): StepResult | null {
  if (!output) return null;
  try {
    return parseResultLine(output);
  } catch {
    return null;
  }
}

export function declareRunbook(args: DeclareRunbookArgs): DeclaredRunbook {
  const { runbook } = args;
  const resources: Record<string, pulumi.CustomResource> = {};
  const gates: Record<string, MigrationGate> = {};
  const provider = args.gateProvider ?? liveGateProvider;
  // A VM runs one command at a time (HTTP 409 otherwise): each VM's commands form one chain, so the
  // previous one on the VM is named directly, not only through the planner's transitive order.
  const chains = new Map<string, RunCommandChain>();
  // Checked before anything is declared, so a bad merge or a missing secret never leaves half a runbook behind.
  const orderProblems = runbookOrderProblems(runbook.steps);
  if (orderProblems.length > 0) {
    throw new UserErrors(orderProblems.map((p) => new UserError(`runbook ${runbook.runId}`, p, "chain the added steps after the runbook's last step on that machine (dependsOn)")));
  }
  for (const step of runbook.steps) {
    if (step.kind === "windows" && !args.vms[step.machine ?? ""]) {
      throw new UserError("pchat-kit:migration", `step ${step.id} runs on "${step.machine}", which is not a VM of this stack`, "declare that server in the topology, or leave the migration disabled");
    }
    for (const p of step.protectedParameters) {
      if (args.protectedValues?.[p] === undefined) {
        throw new UserError("pchat-kit:sqlAdminPassword", `step ${step.id} needs the secret parameter ${p}`, "set it with `pulumi config set --secret sqlAdminPassword`, or remove pchat-kit:migration.sqlLogin to use Windows authentication");
      }
    }
  }
  for (const step of runbook.steps) {
    const name = `${runbook.runId}-${step.id}`;
    const dependsOn: pulumi.Resource[] = [...(args.dependsOn ?? []), ...step.dependsOn.map((d) => resources[d]!).filter(Boolean)];
    const opts: pulumi.CustomResourceOptions = { dependsOn, ...(args.parent ? { parent: args.parent } : {}) };
    if (step.kind === "gate") {
      const gate = new MigrationGate(
        name,
        {
          gate: step.parameters.gate === "verification" ? "verification" : "readiness",
          runId: runbook.runId,
          acceptWarnings: args.gates.acceptWarnings,
          cutoff: args.gates.cutoff,
          exportLevel: args.gates.exportLevel,
          legacy: pulumi.secret(args.gates.legacy),
          target: pulumi.secret(args.gates.target),
          legacyTunnel: args.gates.legacyTunnel ?? null,
          targetTunnel: args.gates.targetTunnel ?? null,
          reportDir: `${args.gates.reportDir}/${runbook.runId}`,
          trustServerCertificate: args.gates.trustServerCertificate ?? false,
        },
        { ...opts, customTimeouts: { create: `${step.timeoutSeconds}s`, update: `${step.timeoutSeconds}s` } },
        provider,
      );
      resources[step.id] = gate;
      gates[step.id] = gate;
      continue;
    }
    const machine = step.machine ?? "";
    const vm = args.vms[machine]!;
    let chain = chains.get(machine);
    if (!chain) chains.set(machine, (chain = new RunCommandChain(vm, vm.ready)));
    // A gate's figures exist only at deploy time (the readiness gate's analysis, for the copy step).
    const parameterValues: Record<string, pulumi.Input<string>> = {};
    for (const input of step.consumes ?? []) parameterValues[input.parameter] = gates[input.from]![input.output].apply((v) => (v === undefined || v === null ? "-1" : String(v))); // -1: unknown (the step then skips that check); only the offline mocks leave it unset
    const protectedValues = Object.fromEntries(step.protectedParameters.map((p) => [p, args.protectedValues![p]!]));
    resources[step.id] = chain.add(
      name,
      {
        runCommandName: name,
        rendered: { script: step.script ?? "", parameters: step.parameters, protectedParameters: step.protectedParameters },
        parameterValues,
        protectedValues,
        timeoutSeconds: step.timeoutSeconds,
        ...(args.runAs ? { runAs: args.runAs } : {}),
        tags: { ...(args.tags ?? {}), "pchat-kit-run": runbook.runId, "pchat-kit-step": step.id },
      },
      { dependsOn, ...(args.parent ? { parent: args.parent } : {}) },
    );
  }
  const stepStates = runbook.steps.map((s) => {
    const r = resources[s.id]!;
    if (r instanceof compute.VirtualMachineRunCommandByVirtualMachine) {
      return r.instanceView.apply((v) => {
        const result = readResult(v?.output);
        return { id: s.id, machine: s.machine, state: result?.status ?? v?.executionState ?? "declared", result };
      });
    }
    return (r as MigrationGate).passed.apply((p) => ({ id: s.id, machine: s.machine, state: p ? "passed" : "declared", result: null }));
  });
  const reports = Object.entries(gates).map(([id, g]) => g.reportPath.apply((p) => [id, p ?? null] as const));
  const status = pulumi.all([pulumi.all(stepStates), pulumi.all(reports)]).apply(([steps, rs]) => ({ runId: runbook.runId, steps, reports: Object.fromEntries(rs) }));
  return { resources, status };
}
