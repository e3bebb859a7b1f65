import { z } from "zod";
import { boolField, intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * Local administrator of every VM (its password is the secret `adminPassword`).
 * @default "pckadmin"
 * @example "lyncadmin"
 */
export const adminUsernameSchema = z.string().min(1).max(20).default("pckadmin");

/**
 * OS image of every Windows VM that is not a SQL Server image, from the allow-list.
 * @default "2012-R2-Datacenter"
 * @example "2012-Datacenter"
 */
export const imageSchema = z.string().default("2012-R2-Datacenter");

/**
 * LAB ONLY: allow OS images newer than Windows Server 2012 R2, SQL Server newer than 2012 and the
 * Developer edition, none of which Lync Server 2013 supports. Never set it for staging or production.
 * @default false
 * @example true
 */
export const allowUnsupportedImagesForLabSchema = boolField().default(false);

/**
 * Azure VM size per role.
 * @default domainController Standard_B2ms, frontEnd Standard_D4s_v3, persistentChat Standard_D4s_v3, sql Standard_E4s_v3, fileServer Standard_B2s, legacyGroupChat Standard_D2s_v3, legacySql Standard_E2s_v3
 * @example { persistentChat: "Standard_D8s_v3", sql: "Standard_E8s_v3" }
 */
const vmSize = z.string().regex(/^(Standard|Basic)_[A-Za-z0-9_]+$/, "must be an Azure VM size such as Standard_D4s_v3");
export const vmSizesSchema = z
  .strictObject({
    /** Domain controller of a new forest. @default "Standard_B2ms" @example "Standard_B2s" */
    domainController: vmSize.default("Standard_B2ms"),
    /** Lync 2013 Front End servers. @default "Standard_D4s_v3" @example "Standard_D8s_v3" */
    frontEnd: vmSize.default("Standard_D4s_v3"),
    /** Persistent Chat servers (domain §6.4 asks for 32 GB RAM in production). @default "Standard_D4s_v3" @example "Standard_E4s_v3" */
    persistentChat: vmSize.default("Standard_D4s_v3"),
    /** SQL Server VMs of the stores. @default "Standard_E4s_v3" @example "Standard_E8s_v3" */
    sql: vmSize.default("Standard_E4s_v3"),
    /** The file server. @default "Standard_B2s" @example "Standard_D2s_v3" */
    fileServer: vmSize.default("Standard_B2s"),
    /** The provisioned legacy Group Chat server. @default "Standard_D2s_v3" @example "Standard_D4s_v3" */
    legacyGroupChat: vmSize.default("Standard_D2s_v3"),
    /** The provisioned legacy SQL Server. @default "Standard_E2s_v3" @example "Standard_E4s_v3" */
    legacySql: vmSize.default("Standard_E2s_v3"),
  })
  .prefault({});

function volume(sizeGb: number) {
  return z
    .strictObject({
      /** Size of the data disk in GB. @default per volume (see volumesSchema) @example 512 */
      sizeGb: intField(4, 32767).default(sizeGb),
      /** domain §6.4: NTFS is mandatory; any other value is refused by a rule, by name. @default "NTFS" @example "NTFS" */
      fileSystem: z.string().default("NTFS"),
    })
    .prefault({});
}

/**
 * Data volumes by purpose: size and file system (NTFS only).
 * @default sqlData 256 GB, sqlLog 128, backup 256, fileStore 128, adDatabase 32, frontEndDatabase 64, legacyFileStore 64; all NTFS
 * @example { sqlData: { sizeGb: 512 }, fileStore: { sizeGb: 256, fileSystem: "NTFS" } }
 */
export const volumesSchema = z
  .strictObject({
    sqlData: volume(256),
    sqlLog: volume(128),
    backup: volume(256),
    fileStore: volume(128),
    adDatabase: volume(32),
    frontEndDatabase: volume(64),
    legacyFileStore: volume(64),
  })
  .prefault({});

export const COMPUTE_KEYS: ConfigKeyDescriptor[] = [
  { name: "adminUsername", type: "string", description: "Local administrator of every VM (its password is the secret adminPassword).", default: "pckadmin", secret: false, example: "lyncadmin", schema: adminUsernameSchema },
  { name: "image", type: "string", description: "OS image of the Windows VMs: 2012-Datacenter or 2012-R2-Datacenter (2016-Datacenter, 2019-Datacenter, 2022-datacenter-g2 only with allowUnsupportedImagesForLab).", default: "2012-R2-Datacenter", secret: false, example: "2012-Datacenter", schema: imageSchema },
  { name: "allowUnsupportedImagesForLab", type: "boolean", description: "LAB ONLY: allow Windows/SQL Server versions and the SQL Developer edition that Lync Server 2013 does not support.", default: false, secret: false, example: "true", schema: allowUnsupportedImagesForLabSchema },
  { name: "vmSizes", type: "object", description: "Azure VM size per role: domainController, frontEnd, persistentChat, sql, fileServer, legacyGroupChat, legacySql.", default: undefined, secret: false, example: '{ persistentChat: "Standard_D8s_v3" }', schema: vmSizesSchema },
  { name: "volumes", type: "object", description: "Data volumes by purpose (sqlData, sqlLog, backup, fileStore, adDatabase, frontEndDatabase, legacyFileStore): sizeGb and fileSystem, which must be NTFS.", default: undefined, secret: false, example: "{ sqlData: { sizeGb: 512 } }", schema: volumesSchema },
];
