import { z } from "zod";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The legacy Group Chat side the data comes from.
 * @example { mode: "provisioned", product: "lync2010" }
 * @example { mode: "existing", product: "ocs2007r2", dataSource: "gcsql.contoso.local\\GROUPCHAT", fileStoreUnc: "\\\\gcfs.contoso.local\\gcfiles" }
 */
export const legacySchema = z
  .strictObject({
    /** `none`, `provisioned` (built in Azure, database restored from the secret legacyBackupUrl) or `existing`. @default "none" @example "provisioned" */
    mode: z.enum(["none", "provisioned", "existing"]).default("none"),
    /** @default "lync2010" @example "ocs2007r2" */
    product: z.enum(["lync2010", "ocs2007r2"]).default("lync2010"),
    /**
     * Name of the Group Chat database: a plain identifier, because the restore and the runbook name it
     * in T-SQL and PowerShell. @default "GroupChat" @example "GroupChat"
     */
    database: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,128}$/, "must be a plain database name: 1 to 128 letters, digits or underscores (the restore and the runbook name it in T-SQL)")
      .default("GroupChat"),
    /** SQL Server version of a provisioned legacy SQL VM. @default "2012" @example "2012" */
    sqlVersion: z.string().default("2012"),
    /** Existing side: SQL data source of the Group Chat database (`host` or `host\\instance`). @example "gcsql.contoso.local\\GROUPCHAT" */
    dataSource: z
      .string()
      .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?(\\[A-Za-z0-9_$#-]{1,16})?(,\d{1,5})?$/, "must be a SQL Server data source: host, host\\instance or host,port (the runbook and the gates connect to it by that name)")
      .optional(),
    /** Existing side: UNC path of the legacy file store. @example "\\\\gcfs.contoso.local\\gcfiles" */
    fileStoreUnc: z.string().optional(),
    /** The well-known lookup SIP URI legacy clients use. @default "sip:ocschat@<domain.fqdn>" @example "sip:ocschat@contoso.local" */
    lookupSipUri: z.string().optional(),
  })
  .prefault({});

export const LEGACY_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "legacy",
    type: "object",
    description: "Legacy Group Chat side: mode (none, provisioned in Azure from legacyBackupUrl, or existing), product (lync2010 or ocs2007r2), database, sqlVersion, dataSource and fileStoreUnc (existing), lookupSipUri.",
    default: undefined,
    secret: false,
    example: '{ mode: "provisioned", product: "lync2010" }',
    schema: legacySchema,
  },
];
