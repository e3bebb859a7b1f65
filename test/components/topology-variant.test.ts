/**
 * The components on the variant plan (existing domain, Azure Files, two peered sites, no Bastion,
 * no legacy side), under Pulumi's mock runtime standing in for the Pulumi engine and Azure.
 */
import { variantPlan } from "./fixtures";
import { byType, named, recordTopology } from "./harness";
import type { RecordedResource } from "../../src/offline/recorder";

const plan = variantPlan();
let resources: RecordedResource[] = [];

beforeAll(async () => {
  ({ resources } = await recordTopology(plan));
});

it("joins the existing domain after the site's VNet (whose DNS is the domain's), into the planned OU", () => {
  expect(resources.some((r) => r.name.includes("ad-forest"))).toBe(false);
  const join = named(resources, "pchat-2-domain-join");
  expect(join.dependsOn).toContain("lab-dr-vnet");
  expect((join.inputs as any).settings.OUPath).toBe("OU=Lync,DC=contoso,DC=local");
  expect((named(resources, "lab-dr-vnet").inputs as any).dhcpOptions.dnsServers).toEqual(["10.0.0.4"]);
});

it("peers both sites in both directions", () => {
  const peerings = byType(resources, "azure-native:network:VirtualNetworkPeering");
  expect(peerings.map((p) => (p.inputs as any).virtualNetworkName).sort()).toEqual(["lab-dr-vnet", "lab-vnet"]);
  expect(peerings.every((p) => (p.inputs as any).allowVirtualNetworkAccess === true)).toBe(true);
});

it("puts each server in its site's resource group and region", () => {
  const vm = named(resources, "pchat-2-vm").inputs as any;
  expect(vm.location).toBe("northeurope");
  expect(vm.resourceGroupName).toBe("lab-pchat-dr-rg");
});

it("creates the Azure Files store with the planned account and share, and no Bastion", () => {
  expect(named(resources, "pchat-fs-account").inputs).toMatchObject({ accountName: "labpchatfs", enableHttpsTrafficOnly: true, allowBlobPublicAccess: false });
  expect(named(resources, "pchat-fs-share").inputs).toMatchObject({ shareName: "pchatfs", shareQuota: 100, enabledProtocols: "SMB" });
  expect(byType(resources, "azure-native:network:BastionHost")).toHaveLength(0);
});
