/**
 * An in-guest step: a managed Run Command on one VM. A VM runs one command at a time (HTTP 409
 * otherwise), so the steps of a VM form a chain; a failed step fails the deployment so that nothing
 * after it runs on a half-prepared server; a `RunId` parameter lets an operator force a re-run.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";

export interface GuestStepArgs {
  /** Resource group of the VM. @example "lab-pchat-rg" */
  resourceGroupName: pulumi.Input<string>;
  /** Region of the VM. @example "westeurope" */
  location: pulumi.Input<string>;
  /** Azure name of the VM. @example "lab-labpc01" */
  vmName: pulumi.Input<string>;
  /** Step id, also the Run Command's name. @example "ntfs-data-disks" */
  stepId: string;
  /** The PowerShell, rendered by a pure function; never holds a secret. */
  script: string;
  /**
   * Plain parameters (never a secret).
   * @default {}
   * @example { Database: "GroupChat" }
   */
  parameters?: Record<string, string>;
  /**
   * Secret parameters, sent as protectedParameters (Azure never returns them).
   * @default {}
   * @example { SafeModePassword: secrets.safeModePassword }
   */
  protectedParameters?: Record<string, pulumi.Output<string>>;
  /**
   * Changing it re-runs the step (a Run Command re-runs only when its script or parameters change).
   * @default "1"
   * @example "2026-11-22"
   */
  runId?: string;
  /** Bounded by the step's real duration. @default 1800 @example 5400 */
  timeoutSeconds?: number;
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

export function guestStep(name: string, args: GuestStepArgs, opts: pulumi.CustomResourceOptions): compute.VirtualMachineRunCommandByVirtualMachine {
  const parameters = [{ name: "RunId", value: args.runId ?? "1" }, ...Object.entries(args.parameters ?? {}).map(([n, value]) => ({ name: n, value }))];
  const protectedParameters = Object.entries(args.protectedParameters ?? {}).map(([n, value]) => ({ name: n, value: pulumi.secret(value) }));
  return new compute.VirtualMachineRunCommandByVirtualMachine(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      vmName: args.vmName,
      runCommandName: args.stepId,
      source: { script: args.script },
      parameters,
      ...(protectedParameters.length ? { protectedParameters } : {}),
      asyncExecution: false,
      treatFailureAsDeploymentFailure: true,
      timeoutInSeconds: args.timeoutSeconds ?? 1800,
      tags: args.tags ?? {},
    },
    opts,
  );
}
