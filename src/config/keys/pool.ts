import { z } from "zod";
import { boolField, intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The Persistent Chat pool (domain §5, §6.2).
 * @example { activeServers: 2, compliance: true }
 * @example { activeServers: 4, stretched: true, standbyServers: 4 }
 */
export const poolSchema = z
  .strictObject({
    /** Pool FQDN. @default "pchatpool.<domain.fqdn>" @example "pchat.contoso.local" */
    fqdn: z.string().optional(),
    /** @default "Persistent Chat pool" @example "Contoso Persistent Chat" */
    displayName: z.string().default("Persistent Chat pool"),
    /** Active servers, 1 to 4. @default 1 @example 2 */
    activeServers: intField().default(1),
    /** Standby servers in the second datacentre (stretched pool only); active + standby at most 8. @default 0 @example 4 */
    standbyServers: intField().default(0),
    /** One pool across two datacentres for disaster recovery (needs secondaryLocation and log shipping). @default false @example true */
    stretched: boolField().default(false),
    /** SIP port of the Persistent Chat service. @default 5041 @example 5041 */
    sipPort: intField().default(5041),
    /** Compliance service and the `mgccomp` store. @default false @example true */
    compliance: boolField().default(false),
    /** Must stay true: a single-server pool can never grow (domain §5). @default true @example true */
    multipleComputerPool: boolField().default(true),
    /** Collocate Persistent Chat on the Standard Edition Front End (new deployments only, no HA). @default false @example false */
    collocatedWithFrontEnd: boolField().default(false),
    /** NICs per Persistent Chat server; must be 1 (multi-homed NICs are not supported, domain §5). @default 1 @example 1 */
    networkInterfaces: intField().default(1),
    /** Windows time zone of the Persistent Chat servers. @default frontEnd.timeZone @example "W. Europe Standard Time" */
    timeZone: z.string().optional(),
  })
  .prefault({});

export const POOL_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "pool",
    type: "object",
    description: "Persistent Chat pool: fqdn, displayName, activeServers (1-4), standbyServers and stretched (DR), sipPort (5041), compliance, multipleComputerPool (always true), collocatedWithFrontEnd, networkInterfaces (1), timeZone.",
    default: undefined,
    secret: false,
    example: "{ activeServers: 2, compliance: true }",
    schema: poolSchema,
  },
];
