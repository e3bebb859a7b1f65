/**
 * Reads the contact lists out of a parsed `.reg` file according to a ContactLayout. One file can
 * hold several accounts (a shared machine); one account can come from several files (one per
 * machine): callers merge by account.
 */
import type { Finding } from "../common/finding";
import type { ContactLayout } from "./layout";
import { RegFile, RegKey, valueAsString } from "./regfile";
import { normalizeAddress } from "./usermap";

export interface RawContact {
  /** Lower-cased Exchange IM address as the client stored it. */
  address: string;
  displayName: string | null;
  /** Group names as the client stored them (empty: not in any group). */
  groups: string[];
  /** `file:line`, for findings. */
  where: string;
}

export interface RawContactList {
  /** Lower-cased owner's Exchange IM address, from the key path. */
  account: string;
  file: string;
  contacts: RawContact[];
  allow: string[];
  block: string[];
}

export interface Extraction {
  lists: RawContactList[];
  findings: Finding[];
}

/** Splits the layout's account key into the lower-cased prefix before `{account}`. */
function accountPrefix(layout: ContactLayout): string {
  return layout.accountKey.slice(0, layout.accountKey.length - "{account}".length).toLowerCase();
}

export function extractContactLists(reg: RegFile, layout: ContactLayout): Extraction {
  const prefix = accountPrefix(layout);
  const findings: Finding[] = [];
  // account (lower-cased) -> sub-path (lower-cased, "" for the account key itself) -> key
  const accounts = new Map<string, Map<string, RegKey>>();
  for (const [lower, key] of reg.keys) {
    if (!lower.startsWith(prefix)) continue;
    const rest = lower.slice(prefix.length);
    const cut = rest.indexOf("\\");
    const account = cut < 0 ? rest : rest.slice(0, cut);
    if (account === "") continue;
    let keys = accounts.get(account);
    if (!keys) accounts.set(account, (keys = new Map()));
    keys.set(cut < 0 ? "" : rest.slice(cut + 1), key);
  }
  if (accounts.size === 0) {
    findings.push({
      code: "CONTACTS_FILE_NO_MATCH",
      severity: "warning",
      subject: reg.file,
      message: `no key matches the layout's account key ${layout.accountKey}`,
      fix: "Check that the export is of the Exchange IM client's key, or pass a --layout that matches where these clients keep contacts.",
    });
    return { lists: [], findings };
  }
  const lists: RawContactList[] = [];
  for (const [account, keys] of accounts) {
    const byAddress = new Map<string, RawContact>();
    const contacts: RawContact[] = [];
    const addContact = (address: string, displayName: string | null, groups: string[], where: string): void => {
      const a = normalizeAddress(address);
      if (a === "") return;
      // The same address twice in one file (listed and grouped) is one contact, not a duplicate.
      const known = byAddress.get(a);
      if (known) {
        known.displayName ??= displayName;
        for (const g of groups) if (!known.groups.includes(g)) known.groups.push(g);
        return;
      }
      const c: RawContact = { address: a, displayName, groups: [...groups], where };
      byAddress.set(a, c);
      contacts.push(c);
    };
    const contactsSub = layout.contacts.subkey.toLowerCase();
    const groupsSub = layout.groupsSubkey.toLowerCase() + "\\";
    for (const [sub, key] of keys) {
      if (layout.contacts.encoding === "values" && sub === contactsSub) {
        for (const { name, value, line } of key.values.values()) {
          if (name === "") continue;
          const text = valueAsString(value);
          if (text === null) {
            findings.push(nonString(reg.file, line, name, value.type));
          }
          addContact(name, text === null || text.trim() === "" ? null : text, [], `${reg.file}:${line}`);
        }
      } else if (layout.contacts.encoding === "values" && sub.startsWith(groupsSub) && !sub.slice(groupsSub.length).includes("\\")) {
        const group = key.path.slice(key.path.lastIndexOf("\\") + 1);
        for (const { name, line } of key.values.values()) if (name !== "") addContact(name, null, [group], `${reg.file}:${line}`);
      } else if (layout.contacts.encoding === "subkeys" && sub.startsWith(contactsSub + "\\") && !sub.slice(contactsSub.length + 1).includes("\\")) {
        const enc = layout.contacts;
        const get = (n: string) => key.values.get(n.toLowerCase());
        const addr = get(enc.addressValue);
        const address = addr ? valueAsString(addr.value) : null;
        if (!addr || address === null) {
          findings.push({
            code: "CONTACTS_ENTRY_WITHOUT_ADDRESS",
            severity: "warning",
            subject: `${reg.file}:${key.line}`,
            message: `the contact key ${key.path} has no string value "${enc.addressValue}"`,
            fix: "Check the layout's contacts.addressValue, or remove the entry from the export.",
          });
          continue;
        }
        const dn = get(enc.displayNameValue);
        const gv = get(enc.groupsValue);
        const groups = gv?.value.type === "REG_MULTI_SZ" ? gv.value.data : gv && valueAsString(gv.value) !== null ? [valueAsString(gv.value) as string] : [];
        const name = dn ? valueAsString(dn.value) : null;
        addContact(address, name && name.trim() !== "" ? name : null, groups.filter((g) => g.trim() !== ""), `${reg.file}:${addr.line}`);
      }
    }
    const names = (sub: string): string[] => [...(keys.get(sub.toLowerCase())?.values.values() ?? [])].map((v) => normalizeAddress(v.name)).filter((n) => n !== "");
    lists.push({ account, file: reg.file, contacts, allow: names(layout.allowSubkey), block: names(layout.blockSubkey) });
  }
  return { lists, findings };
}

function nonString(file: string, line: number, name: string, type: string): Finding {
  return {
    code: "CONTACTS_DISPLAY_NAME_NOT_STRING",
    severity: "info",
    subject: `${file}:${line}`,
    message: `the contact ${name} has ${type} data where a display name (REG_SZ) was expected; the map's display name is used`,
    fix: "Nothing to do unless the layout is wrong for these clients (then pass --layout).",
  };
}
