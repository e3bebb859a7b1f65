/**
 * The whole config shape: one module per key group under `keys/`. A new group (the migration
 * section, for instance) adds its schema here and its descriptors to CONFIG_KEYS.
 */
import { z } from "zod";
import { ACCESS_KEYS, accessSchema } from "./keys/access";
import { adminUsernameSchema, allowUnsupportedImagesForLabSchema, COMPUTE_KEYS, imageSchema, vmSizesSchema, volumesSchema } from "./keys/compute";
import type { ConfigKeyDescriptor } from "./keys/descriptor";
import { DOMAIN_KEYS, domainSchema } from "./keys/domain";
import { FILE_STORE_KEYS, fileStoreSchema } from "./keys/fileStore";
import { FRONT_END_KEYS, frontEndSchema } from "./keys/frontEnd";
import { LEGACY_KEYS, legacySchema } from "./keys/legacy";
import { LYNC_KEYS, lyncSchema } from "./keys/lync";
import { MIGRATION_KEYS, migrationSchema } from "./keys/migration";
import { NETWORK_KEYS, networkSchema } from "./keys/network";
import { POOL_KEYS, poolSchema } from "./keys/pool";
import { SECRET_KEYS } from "./keys/secrets";
import { locationSchema, prefixSchema, secondaryLocationSchema, SITE_KEYS } from "./keys/site";
import { SQL_KEYS, sqlSchema } from "./keys/sql";

export const kitConfigShape = {
  location: locationSchema,
  secondaryLocation: secondaryLocationSchema,
  prefix: prefixSchema,
  network: networkSchema,
  domain: domainSchema,
  adminUsername: adminUsernameSchema,
  image: imageSchema,
  allowUnsupportedImagesForLab: allowUnsupportedImagesForLabSchema,
  vmSizes: vmSizesSchema,
  volumes: volumesSchema,
  pool: poolSchema,
  sql: sqlSchema,
  fileStore: fileStoreSchema,
  frontEnd: frontEndSchema,
  legacy: legacySchema,
  lync: lyncSchema,
  access: accessSchema,
  migration: migrationSchema,
};

/** Unknown top-level keys are refused by name: a typo would otherwise silently fall back to a default. */
export const kitConfigSchema = z.strictObject(kitConfigShape);

/** The validated configuration: every default applied, every rule passed. No secret is in it. */
export type KitConfig = z.output<typeof kitConfigSchema>;

/** What the user may write (every key optional). */
export type KitConfigInput = z.input<typeof kitConfigSchema>;

/** Every key of the namespace `pchat-kit:`: the single source of truth for Pulumi.yaml and the README. */
export const CONFIG_KEYS: readonly ConfigKeyDescriptor[] = [
  ...SITE_KEYS,
  ...NETWORK_KEYS,
  ...DOMAIN_KEYS,
  ...COMPUTE_KEYS,
  ...POOL_KEYS,
  ...SQL_KEYS,
  ...FILE_STORE_KEYS,
  ...FRONT_END_KEYS,
  ...LEGACY_KEYS,
  ...LYNC_KEYS,
  ...ACCESS_KEYS,
  ...MIGRATION_KEYS,
  ...SECRET_KEYS,
];

export const CONFIG_NAMESPACE = "pchat-kit";
