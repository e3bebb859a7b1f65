import { z } from "zod";
import { intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The next-hop Lync Server 2013 Front End pool of the Persistent Chat pool.
 * @example { edition: "Enterprise", servers: 2, timeZone: "Eastern Standard Time" }
 */
export const frontEndSchema = z
  .strictObject({
    /** @default "Standard" @example "Enterprise" */
    edition: z.enum(["Standard", "Enterprise"]).default("Standard"),
    /** Pool FQDN. @default the server FQDN (Standard), "lyncpool.<domain.fqdn>" (Enterprise) @example "lyncpool.contoso.local" */
    fqdn: z.string().optional(),
    /** Front End servers: 1 for Standard Edition, 1-12 for Enterprise. @default 1 @example 2 */
    servers: intField().default(1),
    /** Windows time zone of the Front Ends; active Persistent Chat servers must match it. @default "W. Europe Standard Time" @example "Eastern Standard Time" */
    timeZone: z.string().default("W. Europe Standard Time"),
  })
  .prefault({});

export const FRONT_END_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "frontEnd",
    type: "object",
    description: "Next-hop Lync 2013 Front End pool: edition (Standard or Enterprise), fqdn, servers, timeZone (Windows id, shared with the active Persistent Chat servers).",
    default: undefined,
    secret: false,
    example: '{ edition: "Standard", timeZone: "W. Europe Standard Time" }',
    schema: frontEndSchema,
  },
];
