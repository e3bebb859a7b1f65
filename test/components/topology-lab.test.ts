/**
 * The components on the hand-written lab plan, under Pulumi's mock runtime (standing in for the
 * Pulumi engine and Azure): names, disks, the NTFS step, the dependsOn chain, NSG rules, secrets.
 */
import { labPlan } from "./fixtures";
import { byType, named, plainStrings, recordTopology, SECRET_VALUES, wrappedSecretPaths } from "./harness";
import type { RecordedResource } from "../../src/offline/recorder";

const plan = labPlan();
let resources: RecordedResource[] = [];
let outputs: Record<string, unknown> = {};

beforeAll(async () => {
  ({ resources, outputs } = await recordTopology(plan));
});

const VM = "azure-native:compute:VirtualMachine";
const RUN = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";
const EXT = "azure-native:compute:VirtualMachineExtension";

describe("lab topology under mocks", () => {
  it("declares one VM, one NIC per server, with the plan's explicit names", () => {
    expect(byType(resources, VM)).toHaveLength(plan.servers.length);
    for (const s of plan.servers) {
      const vm = named(resources, `${s.key}-vm`).inputs as any;
      expect(vm.vmName).toBe(s.vmName);
      expect(vm.osProfile.computerName).toBe(s.computerName);
      expect(vm.storageProfile.osDisk.name).toBe(s.osDiskName);
      expect(vm.storageProfile.dataDisks.map((d: any) => d.lun)).toEqual(s.dataDisks.map((d) => d.lun));
      for (const d of vm.storageProfile.dataDisks) expect(d.name).toBe(`${s.vmName}-lun${d.lun}`);
      const nic = named(resources, `${s.key}-nic`).inputs as any;
      expect(nic.networkInterfaceName).toBe(s.nicName);
      // domain §5: one NIC, one IP.
      expect(nic.ipConfigurations).toHaveLength(1);
      expect(nic.ipConfigurations[0]).toMatchObject({ privateIPAllocationMethod: "Static", privateIPAddress: s.privateIp });
    }
  });

  it("counts servers by role", () => {
    const roles = byType(resources, VM).map((r) => (r.inputs as any).tags.role).sort();
    expect(roles).toEqual(plan.servers.map((s) => s.role).sort());
  });

  it("formats NTFS on every VM with guest-formatted disks, and nowhere else", () => {
    for (const s of plan.servers) {
      const needs = s.dataDisks.some((d) => d.formattedBy === "guest-step");
      const step = resources.find((r) => r.name === `${s.key}-ntfs-data-disks`);
      expect(Boolean(step)).toBe(needs);
      if (!step) continue;
      const script = (step.inputs as any).source.script as string;
      for (const d of s.dataDisks) {
        const block = `$lun = ${d.lun}\n`;
        if (d.formattedBy === "sql-vm") expect(script).not.toContain(block);
        else expect(script).toContain(`-DriveLetter ${d.driveLetter} -FileSystem NTFS -AllocationUnitSize ${d.allocationUnitKb * 1024} `);
      }
      expect(step.inputs).toMatchObject({ treatFailureAsDeploymentFailure: true, vmName: s.vmName });
    }
  });

  it("chains DC forest -> DC ready -> member domain join -> features -> NTFS", () => {
    expect(named(resources, "dc-1-ad-forest").dependsOn).toContain("dc-1-ntfs-data-disks");
    // The forest step schedules a reboot: the readiness step waits for it to have happened.
    expect(named(resources, "dc-1-forest-reboot").dependsOn).toContain("dc-1-ad-forest");
    expect(named(resources, "dc-1-ad-ready").dependsOn).toContain("dc-1-forest-reboot");
    const join = named(resources, "pchat-1-domain-join");
    expect(join.dependsOn).toEqual(expect.arrayContaining(["dc-1-ad-ready", "lab-vnet", "pchat-1-vm"]));
    expect(named(resources, "pchat-1-join-reboot").dependsOn).toContain("pchat-1-domain-join");
    expect(named(resources, "pchat-1-windows-features").dependsOn).toContain("pchat-1-join-reboot");
    expect(named(resources, "pchat-1-ntfs-data-disks").dependsOn).toContain("pchat-1-windows-features");
    // The VNet's DNS is the DC: that is what the join resolves the domain through.
    expect((named(resources, "lab-vnet").inputs as any).dhcpOptions.dnsServers).toEqual(["10.10.1.4"]);
  });

  it("runs one command at a time on each VM: every Run Command depends on the previous one of its VM", () => {
    for (const s of plan.servers) {
      const chain = resources.filter((r) => ((r.type === RUN || r.type === EXT) && (r.inputs as any).vmName === s.vmName) || r.name === `${s.key}-sqlvm` || r.name === `${s.key}-forest-reboot` || r.name === `${s.key}-join-reboot`);
      for (let i = 1; i < chain.length; i++) expect(chain[i]!.dependsOn).toContain(chain[i - 1]!.name);
    }
  });

  it("joins the domain with JsonADDomainExtension 1.3, Options 3, password only in protectedSettings", () => {
    const joins = byType(resources, EXT);
    expect(joins).toHaveLength(plan.servers.filter((s) => s.joinsDomain).length);
    for (const j of joins) {
      expect(j.inputs).toMatchObject({ publisher: "Microsoft.Compute", type: "JsonADDomainExtension", typeHandlerVersion: "1.3", settings: { Name: "contoso.local", Options: "3", User: "CONTOSO\\labadmin" } });
      expect(JSON.stringify((j.inputs as any).settings)).not.toMatch(/Password/);
    }
  });

  it("installs MSMQ on the Persistent Chat server", () => {
    expect((named(resources, "pchat-1-windows-features").inputs as any).source.script).toContain("'MSMQ-Server'");
  });

  it("registers SQL VMs with SqlVirtualMachine on the data/log LUNs of the plan", () => {
    const sqlvm = named(resources, "sql-1-sqlvm").inputs as any;
    expect(sqlvm.storageConfigurationSettings).toMatchObject({ diskConfigurationType: "NEW", sqlDataSettings: { luns: [0], defaultFilePath: "F:\\SQLData" }, sqlLogSettings: { luns: [1] }, sqlTempDbSettings: { defaultFilePath: "D:\\SQLTemp" } });
    expect(sqlvm.virtualMachineResourceId).toContain("sql-1-vm");
    expect((named(resources, "sql-1-vm").inputs as any).storageProfile.imageReference.publisher).toBe("MicrosoftSQLServer");
  });

  it("allows no inbound rule from the Internet", () => {
    for (const nsg of byType(resources, "azure-native:network:NetworkSecurityGroup")) {
      for (const rule of (nsg.inputs as any).securityRules ?? []) {
        const sources = [rule.sourceAddressPrefix, ...(rule.sourceAddressPrefixes ?? [])].filter(Boolean);
        if (rule.access === "Allow") expect(sources).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(\*|Internet|0\.0\.0\.0\/0)$/)]));
      }
    }
    const bastion = named(resources, "lab-bastion").inputs as any;
    expect(bastion).toMatchObject({ enableTunneling: true, sku: { name: "Standard" } });
    expect(named(resources, "lab-bastion-pip").inputs).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
  });

  it("creates the file-store share on the file server after its NTFS step", () => {
    const share = named(resources, "fs-1-file-share-pchat-fs");
    expect(share.dependsOn).toContain("fs-1-ntfs-data-disks");
    expect((share.inputs as any).source.script).toContain("New-SmbShare");
  });

  it("restores the legacy database after the legacy SQL VM is registered", () => {
    expect(named(resources, "legacy-sql-1-legacy-restore").dependsOn).toContain("legacy-sql-1-sqlvm");
  });

  it("gives every child a parent component with a pchat-kit type token", () => {
    const components = new Map(resources.filter((r) => r.type.startsWith("pchat-kit:")).map((r) => [r.name, r]));
    for (const r of resources) {
      if (r.name === "pchat") continue;
      expect(r.parent).not.toBeNull();
      expect(components.has(r.parent!)).toBe(true);
    }
    for (const c of components.values()) expect(c.type).toMatch(/^pchat-kit:[a-z]+:[A-Z][A-Za-z]+$/);
  });

  it("outputs FQDNs, data sources and UNC paths, and no secret", () => {
    expect(outputs).toMatchObject({ poolFqdn: "pchatpool.contoso.local", storeDataSources: { PersistentChatStore: "labsql01.contoso.local" }, fileStores: { "pchat-fs": "\\\\labfs01.contoso.local\\pchatfs" }, bastionName: "lab-bastion", adminUsername: "labadmin" });
    for (const v of Object.values(SECRET_VALUES)) expect(JSON.stringify(outputs)).not.toContain(v);
  });
});

// The secrets this plan names (the Lync media URLs belong to the Lync install: test/offline/lync-install-order.test.ts).
describe.each(Object.values(plan.secrets).filter((k): k is string => typeof k === "string"))("secret %s", (key) => {
  const value = SECRET_VALUES[key]!;
  it("reaches resources only wrapped as a secret", () => {
    const wrapped = resources.flatMap((r) => wrappedSecretPaths(r.inputs, value).map((p) => `${r.name}.${p}`));
    expect(wrapped.length).toBeGreaterThan(0);
    const leaks = resources.flatMap((r) => plainStrings(r.inputs).filter(([, s]) => s.includes(value)).map(([p]) => `${r.name}.${p}`));
    expect(leaks).toEqual([]);
  });
});

it("puts each secret exactly where it belongs", () => {
  const at = (v: string) => resources.flatMap((r) => wrappedSecretPaths(r.inputs, v).map((p) => `${r.name}.${p}`));
  expect(at(SECRET_VALUES.adminPassword!)).toEqual(expect.arrayContaining(["pchat-1-vm.osProfile.adminPassword", "pchat-1-domain-join.protectedSettings"]));
  expect(at(SECRET_VALUES.sqlAdminPassword!)).toEqual(expect.arrayContaining(["sql-1-sqlvm.serverConfigurationsManagementSettings.sqlConnectivityUpdateSettings.sqlAuthUpdatePassword", "legacy-sql-1-legacy-restore.protectedParameters[1].value"]));
  expect(at(SECRET_VALUES.safeModePassword!)).toEqual(["dc-1-ad-forest.protectedParameters[0].value"]);
  expect(at(SECRET_VALUES.legacyBackupUrl!)).toEqual(["legacy-sql-1-legacy-restore.protectedParameters[0].value"]);
});

it("serialises the reboot pause's provider (it runs in a separate process under pulumi up)", async () => {
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const { pauseProvider } = require("../../src/components/pause") as typeof import("../../src/components/pause");
  const closure = await pulumi.runtime.serializeFunction(() => pauseProvider);
  expect(closure.text).toContain("setTimeout");
  expect((await pauseProvider.diff!("id", { seconds: 240, reason: "r", runId: "1" }, { seconds: 240, reason: "r", runId: "2" })).changes).toBe(true);
  expect((await pauseProvider.create!({ seconds: 0, reason: "r", runId: "1" })).outs).toEqual({ seconds: 0, reason: "r", runId: "1" });
});

it("gives every resource a unique logical name, so that parents are unambiguous", () => {
  const names = resources.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
});
