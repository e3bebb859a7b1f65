/**
 * The lab's domain controller: a Windows server that creates a new forest in a bootstrap step, then
 * waits until the domain answers and adds the plan's DNS records. Members join only after that
 * readiness step (and with the VNet's DNS pointing at this server).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as compute from "@pulumi/azure-native/compute";
import type { DnsRecordPlan, DomainPlan } from "../topology/plan";
import { WindowsServer, WindowsServerArgs } from "./windows-server";
import { Pause } from "./pause";
import { renderDomainReadyScript, renderForestScript } from "./scripts/forest";

/** Azure's resolver: the DC resolves through it until it runs DNS itself. */
export const AZURE_DNS = "168.63.129.16";

export interface DomainControllerArgs extends Omit<WindowsServerArgs, "domain" | "nicDnsServers"> {
  /** The plan's domain (mode `new-forest`). @example plan.domain */
  domain: DomainPlan;
  /** Records added once the domain answers (domain §6.4: pool FQDN on each server IP). @example plan.dns */
  dnsRecords: DnsRecordPlan[];
  /** Directory Services Restore Mode password, a secret output; sent as a protected parameter only. */
  safeModePassword: pulumi.Output<string>;
}

export class DomainController extends pulumi.ComponentResource {
  readonly server: WindowsServer;
  readonly forestStep: compute.VirtualMachineRunCommandByVirtualMachine;
  /** Depend on this before joining the domain. */
  readonly readyStep: compute.VirtualMachineRunCommandByVirtualMachine;

  constructor(name: string, args: DomainControllerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:domain:DomainController", name, {}, opts);
    const s = args.server;
    if (s.role !== "domain-controller" || s.joinsDomain) throw new Error(`server ${s.key}: not a forest-creating domain controller`);
    this.server = new WindowsServer(
      s.key,
      // Own IP first (answers once promoted), Azure DNS second (answers while it is not).
      { ...args, domain: null, nicDnsServers: [s.privateIp, AZURE_DNS] },
      { parent: this },
    );
    const adDisk = s.dataDisks.find((d) => d.purpose === "ad-database");
    this.forestStep = this.server.addStep(renderForestScript(this.server.stepTarget, { domainFqdn: args.domain.fqdn, netbiosName: args.domain.netbiosName, adDriveLetter: adDisk?.driveLetter ?? null }), {
      protectedValues: { SafeModePassword: args.safeModePassword },
      timeoutSeconds: 3600,
    });
    // The forest step schedules the reboot 60 s after it reports; no command may be in flight then.
    const reboot = new Pause(`${s.key}-forest-reboot`, { seconds: 240, reason: "domain controller reboot after Install-ADDSForest", runId: this.server.runId }, { parent: this, dependsOn: [this.forestStep] });
    this.server.chain(reboot);
    this.readyStep = this.server.addStep(renderDomainReadyScript(this.server.stepTarget, args.domain.fqdn, args.dnsRecords), { timeoutSeconds: 2400 });
    this.registerOutputs({ fqdn: s.fqdn });
  }
}
