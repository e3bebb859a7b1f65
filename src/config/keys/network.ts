import { z } from "zod";
import type { ConfigKeyDescriptor } from "./descriptor";

function siteNetwork(second: number) {
  const base = `10.${second}`;
  return z
    .strictObject({
      /** Address space of the site's VNet. @default "10.40.0.0/16" (secondary "10.41.0.0/16") @example "10.50.0.0/16" */
      addressSpace: z.string().default(`${base}.0.0/16`),
      subnets: z
        .strictObject({
          /** Domain controller and file server. @default "10.40.0.0/24" @example "10.50.0.0/24" */
          infrastructure: z.string().default(`${base}.0.0/24`),
          /** Front Ends and Persistent Chat servers. @default "10.40.1.0/24" @example "10.50.1.0/24" */
          lync: z.string().default(`${base}.1.0/24`),
          /** SQL Server VMs. @default "10.40.2.0/24" @example "10.50.2.0/24" */
          sql: z.string().default(`${base}.2.0/24`),
          /** The lab's legacy Group Chat side (used only when `legacy.mode` is `provisioned`). @default "10.40.3.0/24" @example "10.50.3.0/24" */
          legacy: z.string().default(`${base}.3.0/24`),
          /** `AzureBastionSubnet`, /26 or larger (used only when `access.bastion` is true). @default "10.40.255.0/26" @example "10.50.255.0/26" */
          bastion: z.string().default(`${base}.255.0/26`),
        })
        .prefault({}),
    })
    .prefault({});
}

/**
 * VNet address spaces and subnets per site. The secondary site exists only for a stretched pool.
 * @default primary 10.40.0.0/16 (infrastructure .0, lync .1, sql .2, legacy .3, bastion .255/26), secondary 10.41.0.0/16
 * @example { primary: { addressSpace: "10.50.0.0/16", subnets: { lync: "10.50.1.0/24" } } }
 */
export const networkSchema = z
  .strictObject({
    primary: siteNetwork(40),
    secondary: siteNetwork(41),
  })
  .prefault({});

export const NETWORK_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "network",
    type: "object",
    description: "VNet address space and subnets (infrastructure, lync, sql, legacy, bastion) per site (primary; secondary for a stretched pool). Subnets must not overlap.",
    default: undefined,
    secret: false,
    example: '{ primary: { addressSpace: "10.50.0.0/16", subnets: { infrastructure: "10.50.0.0/24", lync: "10.50.1.0/24", sql: "10.50.2.0/24" } } }',
    schema: networkSchema,
  },
];
