import { z } from "zod";
import { boolField, intField } from "./primitives";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * The Persistent Chat file store (domain §6.2 step 8).
 * @example { kind: "windows-share", shareName: "pchatfs", quotaGb: 200 }
 * @example { kind: "azure-files", adAuthentication: true }
 */
export const fileStoreSchema = z
  .strictObject({
    /** `windows-share` on a file-server VM (faithful), `azure-files` with AD DS auth, or `local-path` (refused: the pool is multiple-computer). @default "windows-share" @example "azure-files" */
    kind: z.enum(["windows-share", "azure-files", "local-path"]).default("windows-share"),
    /** @default "pchatfs" @example "pchatfs" */
    shareName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, "must be letters, digits and hyphens").default("pchatfs"),
    /** @default 100 @example 200 */
    quotaGb: intField(1).default(100),
    /** Azure Files only: identity-based access with AD DS (the only way Lync servers can use it). @default true @example true */
    adAuthentication: boolField().default(true),
  })
  .prefault({});

export const FILE_STORE_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "fileStore",
    type: "object",
    description: "Persistent Chat file store: kind (windows-share or azure-files; local-path is refused), shareName, quotaGb, adAuthentication (Azure Files).",
    default: undefined,
    secret: false,
    example: '{ kind: "windows-share", shareName: "pchatfs" }',
    schema: fileStoreSchema,
  },
];
