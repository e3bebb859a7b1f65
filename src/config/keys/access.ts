import { z } from "zod";
import { boolField, intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * How operators reach the servers: Bastion (RDP and tunnels), and the CIDRs allowed to reach SQL.
 * @example { bastion: true, sqlOperatorCidrs: ["10.99.0.0/24"] }
 */
export const accessSchema = z
  .strictObject({
    /** Azure Bastion in the primary site (the only inbound path from the Internet). @default true @example false */
    bastion: boolField().default(true),
    /** @default "Standard" (tunnelling to SQL 1433 needs Standard or Premium) @example "Premium" */
    bastionSku: z.enum(["Standard", "Premium"]).default("Standard"),
    /** Private CIDRs (VPN, jump hosts) allowed to reach SQL; never the Internet. @default [] @example ["10.99.0.0/24"] */
    sqlOperatorCidrs: z.array(z.string()).default([]),
  })
  .prefault({});

export const ACCESS_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "access",
    type: "object",
    description: "Operator access: bastion (on/off), bastionSku (Standard or Premium), sqlOperatorCidrs (private CIDRs allowed to reach SQL).",
    default: undefined,
    secret: false,
    example: '{ bastion: true, sqlOperatorCidrs: ["10.99.0.0/24"] }',
    schema: accessSchema,
  },
];
