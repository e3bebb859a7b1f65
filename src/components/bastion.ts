/**
 * Operator access: Azure Bastion, the only thing reachable from the Internet. Tunneling lets an
 * operator reach SQL 1433 for the migration gates without opening SQL to the Internet.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type { BastionPlan } from "../topology/plan";

export interface BastionArgs {
  /** The plan's Bastion. @example plan.bastion */
  bastion: BastionPlan;
  /** Resource group of the site. @example rg.name */
  resourceGroupName: pulumi.Input<string>;
  /** Region of the site. @example "westeurope" */
  location: string;
  /** Id of the subnet named exactly `AzureBastionSubnet` (/26 or larger). @example net.subnetId("primary-bastion") */
  subnetId: pulumi.Input<string>;
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

export class Bastion extends pulumi.ComponentResource {
  readonly host: network.BastionHost;
  readonly publicIp: network.PublicIPAddress;

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:access:Bastion", name, {}, opts);
    const tags = args.tags ?? {};
    // Bastion Standard requires a Standard, static public IP.
    this.publicIp = new network.PublicIPAddress(
      args.bastion.publicIpName,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        publicIpAddressName: args.bastion.publicIpName,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        tags,
      },
      { parent: this },
    );
    this.host = new network.BastionHost(
      args.bastion.name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        bastionHostName: args.bastion.name,
        sku: { name: args.bastion.sku },
        enableTunneling: args.bastion.enableTunneling,
        ipConfigurations: [{ name: "bastion-ipconfig", subnet: { id: args.subnetId }, publicIPAddress: { id: this.publicIp.id } }],
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ name: args.bastion.name });
  }
}
