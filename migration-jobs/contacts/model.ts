/**
 * The contact list of one user, resolved against the user map: the model every strategy and every
 * output format works from. Resolution applies the rules of domain §9: contacts and owners outside
 * the map are reported, not guessed; duplicates are merged; a contact that is the owner is dropped.
 */
import type { Finding } from "../analysis/finding";
import type { RawContactList } from "./extract";
import { MappedUser, MAX_DISPLAY_NAME, UserMap } from "./usermap";

export interface Contact {
  /** The contact's user, from the map (SIP URI, Exchange IM address, wave). */
  user: MappedUser;
  displayName: string;
  /** Group names; empty means the default group (`~`, "Other Contacts"). */
  groups: string[];
}

export interface AccessEntry {
  /** `sip:` URI of a mapped user, or the raw address when it is not in the map (then not imported). */
  mask: string;
  mapped: boolean;
}

export interface ContactList {
  owner: MappedUser;
  contacts: Contact[];
  /** The owner's group names in first-seen order (without the default group). */
  groups: string[];
  allow: AccessEntry[];
  block: AccessEntry[];
  /** Addresses of contacts not in the user map: reported, not imported. */
  unmapped: string[];
}

/** domain §9.2: the capacity model assumes at most 1,000 contacts per user (not an enforced limit). */
export const CAPACITY_MODEL_CONTACTS = 1000;

/** Resolves all raw lists of one owner (one per file/machine) into one ContactList. */
export function resolveContactList(owner: MappedUser, raws: RawContactList[], users: UserMap): { list: ContactList; findings: Finding[] } {
  const findings: Finding[] = [];
  const subject = `user ${owner.sipUri}`;
  const bySip = new Map<string, Contact>();
  const groups: string[] = [];
  const unmapped = new Set<string>();
  for (const raw of raws) {
    for (const rc of raw.contacts) {
      const user = users.byAddress.get(rc.address) ?? null;
      if (!user) {
        if (!unmapped.has(rc.address)) {
          unmapped.add(rc.address);
          findings.push({ code: "CONTACTS_CONTACT_NOT_IN_MAP", severity: "warning", subject: rc.where, message: `${owner.sipUri}'s contact ${rc.address} is not in the user map, so it is not imported`, fix: "Add the contact's user to the user map if they are moving to Lync; otherwise the user re-adds them (the wave report lists them)." });
        }
        continue;
      }
      if (user === owner) {
        findings.push({ code: "CONTACTS_SELF_DROPPED", severity: "info", subject: rc.where, message: `${owner.sipUri} has themself as a contact; the entry is dropped`, fix: "Nothing to do: Lync does not list a user as their own contact." });
        continue;
      }
      let displayName = rc.displayName ?? user.displayName;
      if (displayName.length > MAX_DISPLAY_NAME) {
        // domain §9.1: Name is at most 256 characters; the map's name keeps the contact recognisable.
        findings.push({ code: "CONTACTS_DISPLAY_NAME_TOO_LONG", severity: "warning", subject: rc.where, message: `the display name of ${user.sipUri} has ${displayName.length} characters (at most ${MAX_DISPLAY_NAME}); the user map's name "${user.displayName}" is used`, fix: "Nothing to do, or shorten the name in the client before collecting again." });
        displayName = user.displayName;
      }
      for (const g of rc.groups) if (!groups.includes(g)) groups.push(g);
      const known = bySip.get(user.sipUri);
      if (known) {
        findings.push({ code: "CONTACTS_DUPLICATE_MERGED", severity: "info", subject: rc.where, message: `${owner.sipUri} lists ${user.sipUri} more than once (${rc.address}); the entries are merged, with the groups of both`, fix: "Nothing to do." });
        for (const g of rc.groups) if (!known.groups.includes(g)) known.groups.push(g);
        continue;
      }
      bySip.set(user.sipUri, { user, displayName, groups: [...rc.groups] });
    }
  }
  const access = (addresses: string[]): AccessEntry[] => {
    const seen = new Set<string>();
    const out: AccessEntry[] = [];
    for (const a of addresses) {
      const u = users.byAddress.get(a);
      const mask = u ? u.sipUri : a;
      if (seen.has(mask)) continue;
      seen.add(mask);
      out.push({ mask, mapped: Boolean(u) });
    }
    return out;
  };
  const allRaw = (pick: (r: RawContactList) => string[]) => raws.flatMap(pick);
  const list: ContactList = { owner, contacts: [...bySip.values()], groups, allow: access(allRaw((r) => r.allow)), block: access(allRaw((r) => r.block)), unmapped: [...unmapped] };
  for (const e of [...list.allow, ...list.block]) {
    if (!e.mapped) findings.push({ code: "CONTACTS_ACCESS_ENTRY_NOT_IN_MAP", severity: "warning", subject, message: `the allow/block entry ${e.mask} is not in the user map, so it is not carried over`, fix: "Add the user to the map, or have the user set the entry again in Lync." });
  }
  if (list.contacts.length > CAPACITY_MODEL_CONTACTS) {
    findings.push({ code: "CONTACTS_OVER_CAPACITY_MODEL", severity: "warning", subject, message: `${list.contacts.length} contacts; the Lync 2013 capacity model assumes at most ${CAPACITY_MODEL_CONTACTS} per user`, fix: "Import anyway if the pool is sized for it (accept warnings), or ask the user to trim the list." });
  }
  return { list, findings };
}
