/** One resource group per site, named by the plan so that a rebuild lands in the same place. */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import type { SiteKey, SitePlan } from "../topology/plan";

export interface ResourceGroupsArgs {
  /**
   * The sites of the plan; each gets its resource group in its own region.
   * @example plan.sites
   */
  sites: SitePlan[];
  /**
   * Azure tags on every group.
   * @default {}
   * @example { project: "pchat-kit", stack: "lab" }
   */
  tags?: Record<string, string>;
}

export class ResourceGroups extends pulumi.ComponentResource {
  readonly bySite: Partial<Record<SiteKey, resources.ResourceGroup>> = {};

  constructor(name: string, args: ResourceGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:core:ResourceGroups", name, {}, opts);
    for (const site of args.sites) {
      this.bySite[site.key] = new resources.ResourceGroup(
        `${site.key}-rg`,
        { resourceGroupName: site.resourceGroupName, location: site.location, tags: args.tags ?? {} },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
