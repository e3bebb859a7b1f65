/**
 * Declaring a managed Run Command: the one place in src/ that does, for the provisioning steps
 * (components) and the migration runbook (src/runbook) alike.
 *
 * - A VM runs one command at a time (HTTP 409 otherwise): the commands of a VM are declared through
 *   its `RunCommandChain`, each waiting for the one before (and for anything else put in the chain:
 *   the VM, its domain join, SqlVirtualMachine, a reboot pause).
 * - A failed step fails the deployment (`treatFailureAsDeploymentFailure`), so nothing after it runs
 *   on a half-prepared server, and the next `pulumi up` resumes there.
 * - The script comes rendered by the step frame (migration-jobs/powershell/frame.ts): its plain
 *   parameters are passed as Run Command parameters, its protected ones only as protected parameters,
 *   their values Pulumi secrets. A Run Command re-runs only when its script or parameters change: the
 *   frame's `RunId` parameter is how an operator forces a re-run.
 * - Azure's own limit is the step's timeout; Pulumi waits a little longer, so Azure reports first.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import type { RenderedScript } from "../../migration-jobs/powershell/frame";

/** The VM a command runs on. */
export interface RunCommandTarget {
  /** Resource group of the VM. @example "lab-pchat-rg" */
  resourceGroupName: pulumi.Input<string>;
  /** Region of the VM. @example "westeurope" */
  location: pulumi.Input<string>;
  /** Azure name of the VM. @example "lab-labpc01" */
  vmName: pulumi.Input<string>;
}

export interface RunCommandArgs {
  /** The Run Command's name on the VM. @example "ntfs-data-disks" */
  runCommandName: string;
  /** The step's script and parameters, from the step frame; never holds a secret. */
  rendered: Pick<RenderedScript, "script" | "parameters" | "protectedParameters">;
  /**
   * A value for each of `rendered.protectedParameters`, sent only as protected parameters (Azure
   * never returns them).
   * @default {}
   * @example { SafeModePassword: secrets.safeModePassword }
   */
  protectedValues?: Record<string, pulumi.Input<string>>;
  /**
   * Plain parameters known only at deploy time (a gate's figures), replacing the script's defaults;
   * each must be a parameter the script declares. Never a secret.
   * @default {}
   */
  parameterValues?: Record<string, pulumi.Input<string>>;
  /** Bounded by the step's real duration. @example 5400 */
  timeoutSeconds: number;
  /** The account the script runs as (default: LocalSystem). @default undefined */
  runAs?: { user: pulumi.Input<string>; password: pulumi.Input<string> };
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

/** Pulumi's wait beyond the step's own timeout, so that Azure reports the timeout first. */
export const PULUMI_TIMEOUT_MARGIN_SECONDS = 600;

/** The Run Commands of one VM, declared one after the other. */
export class RunCommandChain {
  private tail: pulumi.Resource | undefined;

  /** @param start what the first command waits for (the VM, or the last step already on it). */
  constructor(
    readonly target: RunCommandTarget,
    start?: pulumi.Resource,
  ) {
    this.tail = start;
  }

  /** The last resource of the chain so far: depend on it to run after everything declared on this VM. */
  get last(): pulumi.Resource | undefined {
    return this.tail;
  }

  /** Puts a resource that acts on this VM (a domain join, SqlVirtualMachine, a reboot pause) into the chain. */
  chain(resource: pulumi.Resource): void {
    this.tail = resource;
  }

  /** Declares a command that runs after every earlier one on this VM (and after `opts.dependsOn`). */
  add(name: string, args: RunCommandArgs, opts: { parent?: pulumi.Resource; dependsOn?: pulumi.Resource[] } = {}): compute.VirtualMachineRunCommandByVirtualMachine {
    const dependsOn = [...(opts.dependsOn ?? [])];
    if (this.tail && !dependsOn.includes(this.tail)) dependsOn.push(this.tail);
    const cmd = declareRunCommand(name, this.target, args, { dependsOn, ...(opts.parent ? { parent: opts.parent } : {}) });
    this.tail = cmd;
    return cmd;
  }
}

function declareRunCommand(name: string, target: RunCommandTarget, args: RunCommandArgs, opts: pulumi.CustomResourceOptions): compute.VirtualMachineRunCommandByVirtualMachine {
  const { rendered } = args;
  const declared = new Set(Object.keys(rendered.parameters));
  for (const n of Object.keys(args.parameterValues ?? {})) {
    if (!declared.has(n)) throw new Error(`Run Command ${name}: parameter ${n} is not declared by its script`);
  }
  const values = args.protectedValues ?? {};
  for (const n of rendered.protectedParameters) {
    if (values[n] === undefined) throw new Error(`Run Command ${name}: no value for the protected parameter ${n}`);
  }
  for (const n of Object.keys(values)) {
    if (!rendered.protectedParameters.includes(n)) throw new Error(`Run Command ${name}: ${n} is not a protected parameter of its script`);
  }
  const parameters = Object.entries({ ...rendered.parameters, ...(args.parameterValues ?? {}) }).map(([n, value]) => ({ name: n, value }));
  const protectedParameters = rendered.protectedParameters.map((n) => ({ name: n, value: pulumi.secret(values[n]!) }));
  const wait = `${args.timeoutSeconds + PULUMI_TIMEOUT_MARGIN_SECONDS}s`;
  return new compute.VirtualMachineRunCommandByVirtualMachine(
    name,
    {
      resourceGroupName: target.resourceGroupName,
      location: target.location,
      vmName: target.vmName,
      runCommandName: args.runCommandName,
      source: { script: rendered.script },
      parameters,
      ...(protectedParameters.length > 0 ? { protectedParameters } : {}),
      ...(args.runAs ? { runAsUser: args.runAs.user, runAsPassword: pulumi.secret(args.runAs.password) } : {}),
      asyncExecution: false,
      treatFailureAsDeploymentFailure: true,
      timeoutInSeconds: args.timeoutSeconds,
      tags: args.tags ?? {},
    },
    { ...opts, customTimeouts: { create: wait, update: wait } },
  );
}
