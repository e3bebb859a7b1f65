import { z } from "zod";
import { boolField, intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The SQL Server back end of the Persistent Chat stores (domain §6.3, §6.4).
 * @example { version: "2012", edition: "Enterprise", highAvailability: "mirroring", witness: true, complianceStore: "own-instance" }
 */
export const sqlSchema = z
  .strictObject({
    /** SQL Server version of the marketplace image: 2012 (supported); 2014-2022 only with the lab opt-out. @default "2012" @example "2012" */
    version: z.string().default("2012"),
    /** Standard or Enterprise (Developer only with the lab opt-out). @default "Enterprise" @example "Standard" */
    edition: z.string().default("Enterprise"),
    /** `MSSQLSERVER` (default instance) or a named instance. @default "MSSQLSERVER" @example "PCHAT" */
    instanceName: z.string().default("MSSQLSERVER"),
    /** TCP port of the instance. @default 1433 @example 1433 */
    port: intField().default(1433),
    /** In-site HA of `mgc` (and `mgccomp`): none or mirroring. @default "none" @example "mirroring" */
    highAvailability: z.enum(["none", "mirroring"]).default("none"),
    /** A witness instance for automatic mirroring failover (mirroring only). @default false @example true */
    witness: boolField().default(false),
    /** Disaster recovery: log shipping of `mgc` to the second datacentre (stretched pool only). @default "none" @example "log-shipping" */
    disasterRecovery: z.enum(["none", "log-shipping"]).default("none"),
    /** Where `mgc` lives: its own instance, or the Enterprise Edition back-end instance (not recommended). @default "dedicated" @example "dedicated" */
    storePlacement: z.enum(["dedicated", "front-end-back-end"]).default("dedicated"),
    /** Where `mgccomp` lives (compliance only). @default "own-instance" when compliance is on @example "own-instance" */
    complianceStore: z.enum(["own-instance", "store-instance", "front-end-back-end"]).optional(),
    /** Azure licence: pay as you go, or Azure Hybrid Benefit. @default "PAYG" @example "AHUB" */
    licenseType: z.enum(["PAYG", "AHUB"]).default("PAYG"),
  })
  .prefault({});

export const SQL_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "sql",
    type: "object",
    description: "SQL Server back end: version (2012), edition (Standard or Enterprise), instanceName, port, highAvailability (none or mirroring), witness, disasterRecovery (none or log-shipping), storePlacement, complianceStore (own-instance, store-instance, front-end-back-end), licenseType.",
    default: undefined,
    secret: false,
    example: '{ highAvailability: "mirroring", witness: true, complianceStore: "own-instance" }',
    schema: sqlSchema,
  },
];
