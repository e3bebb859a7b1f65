/**
 * Where in a client's registry an Exchange IM contact list is, and how it is encoded. No
 * authoritative source documents it (domain §9.1, §10: "The Exchange IM client registry path for
 * contacts ... not found"), so the layout is data, not code: the default below is a documented
 * assumption, and a site that finds its clients wrote something else passes a layout file.
 *
 * Default (see README section "contacts"): Windows Messenger / MSN Messenger kept per-service data
 * under HKCU\Software\Microsoft\MessengerService; the Exchange IM service's list is assumed under
 *   HKEY_CURRENT_USER\Software\Microsoft\MessengerService\ListCache\Exchange Instant Messaging Service\{account}
 * with the subkeys
 *   Contacts      one value per contact: name = the contact's Exchange IM address, data = display name (REG_SZ)
 *   Groups\<name> one subkey per contact group; its value names are the member addresses
 *   Allow, Block  value names are the allowed / blocked addresses
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { UserError, UserErrors } from "../common/errors";
import { checkSchema } from "../common/validation";

const subkeyName = z.string().min(1).refine((s) => !s.includes("\\"), "a single subkey name, without backslashes");

export const contactLayoutSchema = z
  .object({
    /**
     * Key path pattern; `{account}` stands for one path segment holding the owner's Exchange IM address.
     * @default "HKEY_CURRENT_USER\\Software\\Microsoft\\MessengerService\\ListCache\\Exchange Instant Messaging Service\\{account}"
     * @example "HKEY_CURRENT_USER\\Software\\Contoso\\IM\\{account}"
     */
    accountKey: z.string().refine((s) => s.toUpperCase().startsWith("HKEY_CURRENT_USER\\") && s.split("{account}").length === 2 && s.endsWith("\\{account}"), {
      message: "must start with HKEY_CURRENT_USER\\ and end with \\{account} (exactly once)",
    }),
    contacts: z.discriminatedUnion("encoding", [
      /** One value per contact in `subkey`: name = address, data = display name. */
      z.object({ encoding: z.literal("values"), subkey: subkeyName }),
      /** One subkey per contact under `subkey`, with the address, display name and groups (REG_MULTI_SZ) in named values. */
      z.object({
        encoding: z.literal("subkeys"),
        subkey: subkeyName,
        addressValue: z.string().min(1),
        displayNameValue: z.string().min(1),
        groupsValue: z.string().min(1),
      }),
    ]),
    /** Subkey whose subkeys are groups whose value names are member addresses (only with contacts.encoding "values"). @default "Groups" */
    groupsSubkey: subkeyName,
    /** @default "Allow" */
    allowSubkey: subkeyName,
    /** @default "Block" */
    blockSubkey: subkeyName,
  })
  .strict();

export type ContactLayout = z.infer<typeof contactLayoutSchema>;

export const DEFAULT_LAYOUT: ContactLayout = {
  accountKey: "HKEY_CURRENT_USER\\Software\\Microsoft\\MessengerService\\ListCache\\Exchange Instant Messaging Service\\{account}",
  contacts: { encoding: "values", subkey: "Contacts" },
  groupsSubkey: "Groups",
  allowSubkey: "Allow",
  blockSubkey: "Block",
};

/** Validates a layout object (from a file or from Pulumi config); `where` names its source. */
export function validateLayout(value: unknown, where: string): ContactLayout {
  const merged = typeof value === "object" && value !== null && !Array.isArray(value) ? { ...DEFAULT_LAYOUT, ...(value as Record<string, unknown>) } : value;
  // Every problem at once, each naming its field after the file (`layout.json: contacts.encoding`).
  const result = checkSchema(contactLayoutSchema, merged, { base: `${where}: `, docs: 'README, section "Exchange 2000 IM contact lists", for the default layout' });
  if (result.ok) return result.data;
  if (result.problems.length === 1) throw result.problems[0];
  throw new UserErrors(result.problems);
}

/** Reads a layout from a JSON or YAML file. */
export function loadLayout(file: string): ContactLayout {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UserError(file, "the layout file cannot be read", "Check the --layout path.");
  }
  let value: unknown;
  try {
    value = /\.json$/i.test(path.extname(file)) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    // `yaml` refuses an alias bomb with a ReferenceError; deep nesting overflows the stack (RangeError).
    if (e instanceof ReferenceError || e instanceof RangeError || /call stack/i.test((e as Error).message)) {
      throw new UserError(file, "the layout file trips the YAML reader's safety limits (too many aliases expanded, or nesting too deep)", "Write the layout out plainly: five keys, no aliases (*name), no deep nesting.");
    }
    throw new UserError(file, `the layout file is not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`, "Fix the syntax of the layout file.");
  }
  return validateLayout(value, path.basename(file));
}
