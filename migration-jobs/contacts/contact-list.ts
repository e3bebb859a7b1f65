/**
 * The contact list of one user, resolved against the user map: the model every strategy and every
 * output format works from. Resolution applies the rules of domain §9: contacts and owners outside
 * the map are reported, not guessed; duplicates are merged; a contact that is the owner is dropped.
 */
import type { Finding } from "../common/finding";
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

/** Users as integers, so that a list can hold its contacts in a typed array. */
export interface UserIndex {
  users: MappedUser[];
  idOf: Map<MappedUser, number>;
  /** Exchange IM address -> id: one lookup per contact read instead of two. */
  idByAddress: Map<string, number>;
}

const USER_INDEXES = new WeakMap<UserMap, UserIndex>();

export function userIndex(map: UserMap): UserIndex {
  let index = USER_INDEXES.get(map);
  if (!index) {
    const users = [...map.byAddress.values()];
    index = { users, idOf: new Map(users.map((u, i) => [u, i])), idByAddress: new Map(users.map((u, i) => [u.imAddress, i])) };
    USER_INDEXES.set(map, index);
  }
  return index;
}

/**
 * One owner's resolved contacts in about ten bytes per contact, so that the planner can keep every
 * user's list from a single reading of the `.reg` files (a 50,000-user migration holds 5 million
 * contacts) and rebuild a ContactList for any window without parsing a file again.
 */
export interface CompactContactList {
  owner: MappedUser;
  /** UserIndex ids of the contacts, in first-seen order. */
  contactIds: Int32Array;
  /** Display names that differ from the user map's, by position in `contactIds`. */
  displayNames: Map<number, string> | null;
  /** The owner's group names in first-seen order (without the default group). */
  groupNames: string[];
  /** Contact i is in groupNames[groupIds[k]] for k in groupStart[i] .. groupStart[i + 1]; null: no groups at all. */
  groupStart: Int32Array | null;
  groupIds: Int32Array | null;
  /** Allow and block addresses as read; mapped when the list is completed. */
  allowRaw: string[];
  blockRaw: string[];
  unmapped: string[];
  /** Findings about single contacts (not in map, self, long name, duplicates), in reading order. */
  findings: Finding[];
}

/**
 * Resolves one owner's raw lists (one per file and machine) incrementally. The planner adds each raw
 * list as its file is read, then freezes the builder: only the compact form stays in memory between
 * files, and a second machine's file thaws it.
 */
export class ContactListBuilder {
  private readonly ids: number[] = [];
  private readonly posOf = new Map<number, number>();
  private readonly contactGroups: Array<number[] | null> = [];
  private readonly displayNames = new Map<number, string>();
  private readonly groupNames: string[] = [];
  private readonly groupPos = new Map<string, number>();
  private readonly unmapped = new Set<string>();
  private readonly allowRaw: string[] = [];
  private readonly blockRaw: string[] = [];
  private readonly findings: Finding[] = [];

  constructor(
    readonly owner: MappedUser,
    private readonly users: UserMap,
    private readonly index: UserIndex = userIndex(users),
  ) {}

  static thaw(c: CompactContactList, users: UserMap): ContactListBuilder {
    const b = new ContactListBuilder(c.owner, users);
    for (const g of c.groupNames) b.groupId(g);
    for (let i = 0; i < c.contactIds.length; i++) {
      const id = c.contactIds[i] as number;
      b.posOf.set(id, i);
      b.ids.push(id);
      b.contactGroups.push(c.groupStart && c.groupIds && c.groupStart[i] !== c.groupStart[i + 1] ? Array.from(c.groupIds.subarray(c.groupStart[i], c.groupStart[i + 1])) : null);
    }
    if (c.displayNames) for (const [i, n] of c.displayNames) b.displayNames.set(i, n);
    for (const u of c.unmapped) b.unmapped.add(u);
    b.allowRaw.push(...c.allowRaw);
    b.blockRaw.push(...c.blockRaw);
    b.findings.push(...c.findings);
    return b;
  }

  private groupId(name: string): number {
    let id = this.groupPos.get(name);
    if (id === undefined) {
      id = this.groupNames.length;
      this.groupNames.push(name);
      this.groupPos.set(name, id);
    }
    return id;
  }

  add(raw: RawContactList): void {
    const owner = this.owner;
    for (const rc of raw.contacts) {
      const id = this.index.idByAddress.get(rc.address);
      const user = id === undefined ? null : (this.index.users[id] as MappedUser);
      if (id === undefined || !user) {
        if (!this.unmapped.has(rc.address)) {
          this.unmapped.add(rc.address);
          this.findings.push({ code: "CONTACTS_CONTACT_NOT_IN_MAP", severity: "warning", subject: rc.where, message: `${owner.sipUri}'s contact ${rc.address} is not in the user map, so it is not imported`, fix: "Add the contact's user to the user map if they are moving to Lync; otherwise the user re-adds them (the wave report lists them)." });
        }
        continue;
      }
      if (user === owner) {
        this.findings.push({ code: "CONTACTS_SELF_DROPPED", severity: "info", subject: rc.where, message: `${owner.sipUri} has themself as a contact; the entry is dropped`, fix: "Nothing to do: Lync does not list a user as their own contact." });
        continue;
      }
      let displayName = rc.displayName ?? user.displayName;
      if (displayName.length > MAX_DISPLAY_NAME) {
        // domain §9.1: Name is at most 256 characters; the map's name keeps the contact recognisable.
        this.findings.push({ code: "CONTACTS_DISPLAY_NAME_TOO_LONG", severity: "warning", subject: rc.where, message: `the display name of ${user.sipUri} has ${displayName.length} characters (at most ${MAX_DISPLAY_NAME}); the user map's name "${user.displayName}" is used`, fix: "Nothing to do, or shorten the name in the client before collecting again." });
        displayName = user.displayName;
      }
      const groups = rc.groups.length === 0 ? null : rc.groups.map((g) => this.groupId(g));
      const known = this.posOf.get(id);
      if (known !== undefined) {
        this.findings.push({ code: "CONTACTS_DUPLICATE_MERGED", severity: "info", subject: rc.where, message: `${owner.sipUri} lists ${user.sipUri} more than once (${rc.address}); the entries are merged, with the groups of both`, fix: "Nothing to do." });
        if (groups) {
          const mine = (this.contactGroups[known] ??= []);
          for (const g of groups) if (!mine.includes(g)) mine.push(g);
        }
        continue;
      }
      const pos = this.ids.length;
      this.posOf.set(id, pos);
      this.ids.push(id);
      this.contactGroups.push(groups);
      if (displayName !== user.displayName) this.displayNames.set(pos, displayName);
    }
    this.allowRaw.push(...raw.allow);
    this.blockRaw.push(...raw.block);
  }

  freeze(): CompactContactList {
    const n = this.ids.length;
    let groupStart: Int32Array | null = null;
    let groupIds: Int32Array | null = null;
    if (this.contactGroups.some((g) => g !== null)) {
      groupStart = new Int32Array(n + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        groupStart[i] = total;
        total += this.contactGroups[i]?.length ?? 0;
      }
      groupStart[n] = total;
      groupIds = new Int32Array(total);
      let k = 0;
      for (const g of this.contactGroups) if (g) for (const id of g) groupIds[k++] = id;
    }
    return {
      owner: this.owner,
      contactIds: Int32Array.from(this.ids),
      displayNames: this.displayNames.size > 0 ? new Map(this.displayNames) : null,
      groupNames: [...this.groupNames],
      groupStart,
      groupIds,
      allowRaw: [...this.allowRaw],
      blockRaw: [...this.blockRaw],
      unmapped: [...this.unmapped],
      findings: [...this.findings],
    };
  }
}

/** What a compact list adds once complete: allow and block entries mapped, and the list's findings. */
export function completeCompactList(c: CompactContactList, users: UserMap): { allow: AccessEntry[]; block: AccessEntry[]; findings: Finding[] } {
  const findings: Finding[] = [...c.findings];
  const subject = `user ${c.owner.sipUri}`;
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
  const allow = access(c.allowRaw);
  const block = access(c.blockRaw);
  for (const e of [...allow, ...block]) {
    if (!e.mapped) findings.push({ code: "CONTACTS_ACCESS_ENTRY_NOT_IN_MAP", severity: "warning", subject, message: `the allow/block entry ${e.mask} is not in the user map, so it is not carried over`, fix: "Add the user to the map, or have the user set the entry again in Lync." });
  }
  if (c.contactIds.length > CAPACITY_MODEL_CONTACTS) {
    findings.push({ code: "CONTACTS_OVER_CAPACITY_MODEL", severity: "warning", subject, message: `${c.contactIds.length} contacts; the Lync 2013 capacity model assumes at most ${CAPACITY_MODEL_CONTACTS} per user`, fix: "Import anyway if the pool is sized for it (accept warnings), or ask the user to trim the list." });
  }
  return { allow, block, findings };
}

/** The full ContactList of a compact one, with the findings of the whole list (access entries, capacity). */
export function expandContactList(c: CompactContactList, users: UserMap): { list: ContactList; findings: Finding[] } {
  const { users: byId } = userIndex(users);
  const contacts: Contact[] = new Array(c.contactIds.length);
  for (let i = 0; i < c.contactIds.length; i++) {
    const user = byId[c.contactIds[i] as number] as MappedUser;
    const groups: string[] = [];
    if (c.groupStart && c.groupIds) for (let k = c.groupStart[i] as number; k < (c.groupStart[i + 1] as number); k++) groups.push(c.groupNames[c.groupIds[k] as number] as string);
    contacts[i] = { user, displayName: c.displayNames?.get(i) ?? user.displayName, groups };
  }
  const { allow, block, findings } = completeCompactList(c, users);
  return { list: { owner: c.owner, contacts, groups: [...c.groupNames], allow, block, unmapped: [...c.unmapped] }, findings };
}

/** Resolves all raw lists of one owner (one per file/machine) into one ContactList. */
export function resolveContactList(owner: MappedUser, raws: RawContactList[], users: UserMap): { list: ContactList; findings: Finding[] } {
  const b = new ContactListBuilder(owner, users);
  for (const raw of raws) b.add(raw);
  return expandContactList(b.freeze(), users);
}
