/**
 * The proposed Pulumi config for the contacts job, `pchat-kit:migration.contacts`, so that the runbook
 * (src/runbook) can call planContacts with the same inputs as `pchat-kit contacts plan`. Validated
 * here because `requireObject` is only a cast; every error names the key and the fix.
 *
 *   pchat-kit:migration.contacts:
 *     strategy: gradual-per-user
 *     regDir: migration/contacts/regs
 *     usersFile: migration/contacts/users.csv
 *     format: lync2013              # or lcs
 *     layout: migration/contacts/layout.yaml   # optional
 *     remoteFolder: \\files01\pchat-staging\contacts
 *     batchSize: 2000
 *     acceptWarnings: false
 */
import { z } from "zod";
import { UserError, UserErrors } from "../common/errors";
import { checkSchema, type Checked, type SchemaContext } from "../common/validation";
import { STRATEGIES } from "./plan";

export const CONTACTS_CONFIG_KEY = "pchat-kit:migration.contacts";

export const contactsConfigSchema = z
  .object({
    /** One of the four strategies of domain §9.1. @example "gradual-per-user" */
    strategy: z.enum(STRATEGIES),
    /** Folder of `.reg` exports, relative to the Pulumi project. @example "migration/contacts/regs" */
    regDir: z.string().min(1),
    /** User map CSV. @example "migration/contacts/users.csv" */
    usersFile: z.string().min(1),
    /** @default "lync2013" */
    format: z.enum(["lync2013", "lcs"]).default("lync2013"),
    /** Registry layout file (JSON or YAML); the documented default when absent. */
    layout: z.string().min(1).optional(),
    /**
     * Share (or local path on the first front end) holding the window folders.
     * @default the topology's migration staging share, `\\<server>\migration\contacts\<runId>`
     * @example "\\\\files01\\pchat-staging\\contacts"
     */
    remoteFolder: z
      .string()
      .regex(/^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/, "an absolute Windows path or share such as \\\\files01\\pchat-staging\\contacts")
      .optional(),
    /** @default 2000 */
    batchSize: z.number().int().min(1).max(999999).default(2000),
    /** @default false */
    acceptWarnings: z.boolean().default(false),
  })
  .strict();

export type ContactsConfig = z.infer<typeof contactsConfigSchema>;

/** How to fix each field, shown under the problem (the others take the fix of the problem's kind). */
const FIXES: Record<string, string> = {
  regDir: "give the folder of the .reg exports, relative to the Pulumi project, e.g. pulumi config set --path 'migration.contacts.regDir' migration/contacts/regs",
  usersFile: "give the user map CSV, relative to the Pulumi project, e.g. pulumi config set --path 'migration.contacts.usersFile' migration/contacts/users.csv",
  layout: "give the registry layout file (JSON or YAML), or remove the key for the documented layout",
  remoteFolder: "give an absolute Windows path or a share, e.g. \\\\files01\\pchat-staging\\contacts, or remove the key for the topology's staging share",
};

const SCHEMA_CONTEXT: SchemaContext = {
  base: CONTACTS_CONFIG_KEY,
  docs: 'README, section "Exchange 2000 IM contact lists"',
  fixFor: (path) => FIXES[String(path[0] ?? "")],
};

/** `pchat-kit:migration.contacts` validated, null when absent, or every problem of it. */
export function checkContactsConfig(value: unknown): Checked<ContactsConfig | null> {
  if (value === undefined || value === null) return { ok: true, data: null };
  return checkSchema(contactsConfigSchema, value, SCHEMA_CONTEXT);
}

export function parseContactsConfig(value: unknown): ContactsConfig {
  const r = checkSchema(contactsConfigSchema, value, SCHEMA_CONTEXT);
  if (r.ok) return r.data;
  if (r.problems.length === 1) throw r.problems[0];
  throw new UserErrors(r.problems);
}
