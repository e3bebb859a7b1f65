/**
 * One Windows VM of the topology: a NIC with one static IP (domain §5: no multi-homed NICs on
 * Persistent Chat servers), the VM with explicit physical names and its data disks, the domain join,
 * the Windows features, and the NTFS formatting of its non-SQL data disks. In-guest steps run one
 * at a time in a chain; `addStep` lets other components (file store, legacy restore, the runbook)
 * append their own steps to the same chain.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import type { DataDiskPlan, ServerPlan } from "../topology/plan";
import { RunCommandChain, type RunCommandArgs } from "./run-command";
import type { ProvisioningTarget, RenderedScript } from "../../migration-jobs/powershell/frame";
import { guestFormattedDisks, renderNtfsScript } from "./scripts/ntfs";
import { renderFeaturesScript } from "./scripts/features";
import { Pause } from "./pause";

export const DOMAIN_JOIN_EXTENSION = "JoinDomain";

export interface DomainJoin {
  /** @example "contoso.local" */
  fqdn: string;
  /** @example "CONTOSO" */
  netbiosName: string;
  /** OU for the computer account, or null for the default Computers container. @example "OU=Lync,DC=contoso,DC=local" */
  ouPath: string | null;
  /**
   * What must be in place before the join: the DC's readiness step and the VNet whose DNS points
   * at it. @example [dc.readyStep, primaryNetwork.vnet]
   */
  after: pulumi.Resource[];
}

export interface WindowsServerArgs {
  /** The server's plan: names, IP, size, image, disks, features. @example plan.servers[1] */
  server: ServerPlan;
  /** Resource group of the server's site. @example rg.name */
  resourceGroupName: pulumi.Input<string>;
  /** Region of the server's site. @example "westeurope" */
  location: string;
  /** Id of the server's subnet. @example net.subnetId(server.subnetKey) */
  subnetId: pulumi.Input<string>;
  /** Local (and, on the forest's first DC, domain) administrator. @example "labadmin" */
  adminUsername: string;
  /** Secret output from config; it only reaches `osProfile.adminPassword` and protectedSettings. */
  adminPassword: pulumi.Output<string>;
  /**
   * Domain to join; null for the DC that creates the forest.
   * @default null
   */
  domain?: DomainJoin | null;
  /**
   * DNS servers on the NIC, overriding the VNet's. Only the forest's DC needs it: before it runs DNS
   * itself it must still resolve through Azure.
   * @default [] (the VNet's DNS)
   * @example ["10.10.1.4", "168.63.129.16"]
   */
  nicDnsServers?: string[];
  /**
   * Version of the in-guest steps: changing it re-runs them.
   * @default "1"
   */
  runId?: string;
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

/**
 * Whether a VM size can attach Premium SSD: an `s` among the lower-case feature letters after the
 * vCPU count (`D4s_v3`, `E8as_v5`, `B2ms`) or the older `DS`/`GS` families.
 * @example supportsPremiumStorage("Standard_D4s_v3") === true; supportsPremiumStorage("Standard_A2_v2") === false
 */
export function supportsPremiumStorage(vmSize: string): boolean {
  const family = vmSize.replace(/^(Standard|Basic)_/, "").split("_")[0] ?? "";
  return /^[A-Z]+\d+[a-z]*s[a-z]*$/.test(family) || /^(DS|GS)\d/.test(family);
}

/** Database volumes and SQL disks on Premium SSD where the size allows it; everything else Standard SSD. */
export function diskStorageType(d: DataDiskPlan | null, vmSize: string): "Premium_LRS" | "StandardSSD_LRS" {
  const wantsPremium = d === null || d.purpose === "sql-data" || d.purpose === "sql-log" || d.purpose === "database";
  return wantsPremium && supportsPremiumStorage(vmSize) ? "Premium_LRS" : "StandardSSD_LRS";
}

export function dataDiskName(server: ServerPlan, d: DataDiskPlan): string {
  return `${server.vmName}-lun${d.lun}`;
}

export class WindowsServer extends pulumi.ComponentResource {
  readonly plan: ServerPlan;
  readonly nic: network.NetworkInterface;
  readonly vm: compute.VirtualMachine;
  readonly domainJoin: compute.VirtualMachineExtension | null;
  /** This VM's Run Commands, one at a time, after the VM and whatever else acts on it. */
  private readonly commands: RunCommandChain;
  private readonly tags: Record<string, string>;
  /** Version of the in-guest steps: changing it re-runs them. */
  readonly runId: string;

  constructor(name: string, args: WindowsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:compute:WindowsServer", name, {}, opts);
    const s = args.server;
    this.plan = s;
    const tags = { ...(args.tags ?? {}), role: s.role };
    // NetBIOS: Windows truncates longer names silently and Lync then sees a different name.
    if (s.computerName.length > 15) throw new Error(`server ${s.key}: computer name ${s.computerName} is longer than 15 characters`);

    this.nic = new network.NetworkInterface(
      `${s.key}-nic`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        networkInterfaceName: s.nicName,
        ipConfigurations: [{ name: "ipconfig1", primary: true, subnet: { id: args.subnetId }, privateIPAllocationMethod: "Static", privateIPAddress: s.privateIp }],
        ...(args.nicDnsServers?.length ? { dnsSettings: { dnsServers: args.nicDnsServers } } : {}),
        tags,
      },
      { parent: this },
    );

    this.vm = new compute.VirtualMachine(
      `${s.key}-vm`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vmName: s.vmName,
        hardwareProfile: { vmSize: s.size },
        osProfile: {
          computerName: s.computerName,
          adminUsername: args.adminUsername,
          adminPassword: pulumi.secret(args.adminPassword),
          windowsConfiguration: { timeZone: s.timeZone, provisionVMAgent: true, enableAutomaticUpdates: true },
        },
        networkProfile: { networkInterfaces: [{ id: this.nic.id, primary: true }] },
        storageProfile: {
          imageReference: { publisher: s.image.publisher, offer: s.image.offer, sku: s.image.sku, version: s.image.version },
          osDisk: { name: s.osDiskName, createOption: "FromImage", caching: "ReadWrite", managedDisk: { storageAccountType: diskStorageType(null, s.size) } },
          dataDisks: s.dataDisks.map((d) => ({
            lun: d.lun,
            name: dataDiskName(s, d),
            createOption: "Empty",
            diskSizeGB: d.sizeGb,
            caching: d.caching,
            managedDisk: { storageAccountType: diskStorageType(d, s.size) },
          })),
        },
        tags,
      },
      { parent: this },
    );
    this.commands = new RunCommandChain({ resourceGroupName: args.resourceGroupName, location: args.location, vmName: s.vmName }, this.vm);
    this.tags = tags;
    this.runId = args.runId ?? "1";

    const domain = args.domain ?? null;
    if (s.joinsDomain && !domain) throw new Error(`server ${s.key}: joinsDomain is true but no domain was given`);
    this.domainJoin = null;
    if (s.joinsDomain && domain) {
      this.domainJoin = new compute.VirtualMachineExtension(
        `${s.key}-domain-join`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          vmName: s.vmName,
          vmExtensionName: DOMAIN_JOIN_EXTENSION,
          publisher: "Microsoft.Compute",
          type: "JsonADDomainExtension",
          typeHandlerVersion: "1.3",
          autoUpgradeMinorVersion: true,
          // Options 3 = join the domain and create the computer account.
          settings: { Name: domain.fqdn, OUPath: domain.ouPath ?? "", User: `${domain.netbiosName}\\${args.adminUsername}`, Restart: "true", Options: "3" },
          protectedSettings: pulumi.secret(args.adminPassword.apply((password) => ({ Password: password }))),
          tags,
        },
        { parent: this, dependsOn: [this.vm, ...domain.after] },
      );
      // The join restarts the VM; a Run Command in flight during that restart is reported failed.
      this.commands.chain(new Pause(`${s.key}-join-reboot`, { seconds: 180, reason: `restart of ${s.computerName} after joining ${domain.fqdn}`, runId: args.runId ?? "1" }, { parent: this, dependsOn: [this.domainJoin] }));
    }

    if (s.windowsFeatures.length > 0) {
      this.addStep(renderFeaturesScript(this.stepTarget, s.windowsFeatures), { timeoutSeconds: 1800 });
    }
    if (guestFormattedDisks(s.dataDisks).length > 0) {
      this.addStep(renderNtfsScript(this.stepTarget, s.dataDisks), { timeoutSeconds: 900 });
    }
    this.registerOutputs({ vmId: this.vm.id, fqdn: s.fqdn, privateIp: s.privateIp });
  }

  /** The last step of the chain so far: depend on it to run after everything declared on this VM. */
  get lastStep(): pulumi.Resource {
    return this.commands.last ?? this.vm;
  }

  /** What a provisioning renderer needs to know of this VM (migration-jobs/powershell/frame.ts). */
  get stepTarget(): ProvisioningTarget {
    return { runId: this.runId, computerName: this.plan.computerName };
  }

  /** Puts a resource that acts on this VM (e.g. SqlVirtualMachine) into the chain. */
  chain(resource: pulumi.Resource): void {
    this.commands.chain(resource);
  }

  /**
   * Appends a provisioning step, rendered for `stepTarget`, to this VM's chain (it waits for every
   * earlier step, and for `dependsOn` on other VMs). Its Run Command is named after the step.
   */
  addStep(
    rendered: RenderedScript,
    opts: Pick<RunCommandArgs, "timeoutSeconds" | "protectedValues" | "runAs"> & { dependsOn?: pulumi.Resource[] },
  ): compute.VirtualMachineRunCommandByVirtualMachine {
    const { dependsOn, ...args } = opts;
    return this.commands.add(`${this.plan.key}-${rendered.stepId}`, { runCommandName: rendered.stepId, rendered, ...args, tags: this.tags }, { parent: this, ...(dependsOn ? { dependsOn } : {}) });
  }
}
