import { z } from "zod";
import type { ConfigKeyDescriptor } from "./descriptor";

const region = z.string().regex(/^[a-z0-9]+$/, "must be an Azure region name in lower case, such as westeurope");

/**
 * Azure region of the primary site.
 * @default "westeurope"
 * @example "northeurope"
 */
export const locationSchema = region.default("westeurope");

/**
 * Azure region of the second datacentre of a stretched pool; empty when the pool is not stretched.
 * @default ""
 * @example "northeurope"
 */
export const secondaryLocationSchema = z.string().regex(/^[a-z0-9]*$/, "must be an Azure region name in lower case, such as northeurope, or empty").default("");

/**
 * Naming prefix of every resource and computer name (lower-case letters and digits, starting with a
 * letter). At most 7 characters: computer names are prefix + role code (up to 5) + 3 digits, at most 15.
 * @default "pck"
 * @example "lab1"
 */
export const prefixSchema = z.string().regex(/^[a-z][a-z0-9]*$/, "must be lower-case letters and digits, starting with a letter").default("pck");

export const SITE_KEYS: ConfigKeyDescriptor[] = [
  { name: "location", type: "string", description: "Azure region of the primary site.", default: "westeurope", secret: false, example: "westeurope", schema: locationSchema },
  { name: "secondaryLocation", type: "string", description: "Azure region of the second datacentre of a stretched pool; empty when the pool is not stretched.", default: "", secret: false, example: "northeurope", schema: secondaryLocationSchema },
  { name: "prefix", type: "string", description: "Naming prefix of resources and computer names (lower-case letters and digits, at most 7 characters, so that prefix + role code + 3 digits stays within the 15 of a computer name).", default: "pck", secret: false, example: "lab1", schema: prefixSchema },
];
