import { z } from "zod";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The AD domain every Lync and Persistent Chat server joins (domain §5: one domain for all of them).
 * @example { fqdn: "corp.contoso.com", netbiosName: "CORP", mode: "existing", dnsServers: ["10.1.0.4"] }
 */
export const domainSchema = z
  .strictObject({
    /** @default "contoso.local" @example "corp.contoso.com" */
    fqdn: z.string().default("contoso.local"),
    /** At most 15 characters. @default "CONTOSO" @example "CORP" */
    netbiosName: z.string().default("CONTOSO"),
    /** `new-forest`: a domain controller VM creates the forest (labs); `existing`: join a reachable domain. @default "new-forest" @example "existing" */
    mode: z.enum(["new-forest", "existing"]).default("new-forest"),
    /** DNS servers of an existing domain (leave empty for a new forest). @default [] @example ["10.1.0.4", "10.1.0.5"] */
    dnsServers: z.array(z.string()).default([]),
    /** OU for computer accounts, or null for the default Computers container. @default null @example "OU=Lync,DC=corp,DC=contoso,DC=com" */
    ouPath: z.string().nullable().default(null),
  })
  .prefault({});

export const DOMAIN_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "domain",
    type: "object",
    description: "AD domain: fqdn, netbiosName (at most 15 characters), mode (new-forest on a lab domain controller, or existing with its dnsServers), ouPath.",
    default: undefined,
    secret: false,
    example: '{ fqdn: "contoso.local", netbiosName: "CONTOSO", mode: "new-forest" }',
    schema: domainSchema,
  },
];
