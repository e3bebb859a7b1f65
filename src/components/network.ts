/**
 * A site's network: its NSGs with the plan's inbound rules, and its VNet with the subnets inline
 * (azure-native replaces inline subnets on every VNet update, so separate Subnet resources would
 * fight the VNet) and the DNS servers of the domain.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import type { NetworkRulePlan, NsgPlan, SitePlan, VnetPeeringPlan } from "../topology/plan";

/** One value goes in the singular ARM field, several in the plural one; ARM rejects both at once. */
export function securityRule(rule: NetworkRulePlan): inputs.network.SecurityRuleArgs {
  const one = (values: string[], single: string, plural: string) => (values.length === 1 ? { [single]: values[0] } : { [plural]: values });
  return {
    name: rule.name,
    priority: rule.priority,
    access: rule.access,
    direction: "Inbound",
    protocol: rule.protocol,
    description: rule.reason.slice(0, 140),
    sourcePortRange: "*",
    ...one(rule.sourcePrefixes, "sourceAddressPrefix", "sourceAddressPrefixes"),
    ...one(rule.destinationPrefixes, "destinationAddressPrefix", "destinationAddressPrefixes"),
    ...one(rule.destinationPorts, "destinationPortRange", "destinationPortRanges"),
  };
}

export interface SiteNetworkArgs {
  /** The site: region, resource group and VNet plan. @example plan.sites[0] */
  site: SitePlan;
  /** The NSGs of this site (the plan's `nsgs` filtered by site). @example plan.nsgs.filter(n => n.site === "primary") */
  nsgs: NsgPlan[];
  /** Resource group name as an output, so that the VNet waits for the group. @example rg.name */
  resourceGroupName: pulumi.Input<string>;
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

export class SiteNetwork extends pulumi.ComponentResource {
  readonly vnet: network.VirtualNetwork;
  readonly nsgs: Record<string, network.NetworkSecurityGroup> = {};
  private readonly subnetNames: Record<string, string> = {};

  constructor(name: string, args: SiteNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:network:SiteNetwork", name, {}, opts);
    const { site } = args;
    const tags = args.tags ?? {};
    for (const nsg of args.nsgs) {
      this.nsgs[nsg.name] = new network.NetworkSecurityGroup(
        nsg.name,
        {
          resourceGroupName: args.resourceGroupName,
          location: site.location,
          networkSecurityGroupName: nsg.name,
          securityRules: nsg.inbound.map(securityRule),
          tags,
        },
        { parent: this },
      );
    }
    const subnets = site.vnet.subnets.map((s) => {
      this.subnetNames[s.key] = s.name;
      const nsg = s.nsgName ? this.nsgs[s.nsgName] : undefined;
      if (s.nsgName && !nsg) throw new Error(`subnet ${s.key}: NSG ${s.nsgName} is not in the plan's nsgs for site ${site.key}`);
      return { name: s.name, addressPrefix: s.cidr, ...(nsg ? { networkSecurityGroup: { id: nsg.id } } : {}) };
    });
    this.vnet = new network.VirtualNetwork(
      site.vnet.name,
      {
        resourceGroupName: args.resourceGroupName,
        location: site.location,
        virtualNetworkName: site.vnet.name,
        addressSpace: { addressPrefixes: site.vnet.addressSpaces },
        subnets,
        // The domain's DNS (the DC in a lab): members resolve the AD domain through it to join.
        ...(site.vnet.dnsServers.length ? { dhcpOptions: { dnsServers: site.vnet.dnsServers } } : {}),
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ vnetId: this.vnet.id });
  }

  /** The subnet's ARM id, built from the VNet id (the VNet's output list is unordered). */
  subnetId(subnetKey: string): pulumi.Output<string> {
    const subnetName = this.subnetNames[subnetKey];
    if (!subnetName) throw new Error(`no subnet with key ${subnetKey} in VNet ${this.vnet.urn}`);
    return pulumi.interpolate`${this.vnet.id}/subnets/${subnetName}`;
  }
}

export interface PeeringsArgs {
  /** The plan's peerings (each direction is its own peering). @example plan.peerings */
  peerings: VnetPeeringPlan[];
  /** The sites' networks and resource groups by site key. */
  networks: Partial<Record<string, { network: SiteNetwork; site: SitePlan; resourceGroupName: pulumi.Input<string> }>>;
}

/** Peering of the two sites of a stretched pool, so that both reach the DC, SQL and the file store. */
export class VnetPeerings extends pulumi.ComponentResource {
  constructor(name: string, args: PeeringsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:network:VnetPeerings", name, {}, opts);
    for (const p of args.peerings) {
      const from = args.networks[p.fromSite];
      const to = args.networks[p.toSite];
      if (!from || !to) throw new Error(`peering ${p.name}: site ${from ? p.toSite : p.fromSite} has no network`);
      new network.VirtualNetworkPeering(
        p.name,
        {
          resourceGroupName: from.resourceGroupName,
          virtualNetworkName: from.network.vnet.name,
          virtualNetworkPeeringName: p.name,
          remoteVirtualNetwork: { id: to.network.vnet.id },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
          allowGatewayTransit: false,
          useRemoteGateways: false,
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
