/**
 * The four strategies of domain §9.1 (the seed article ITPRO05) as windows, and the planner that
 * walks them window by window. Every `.reg` file is read and parsed once: the first pass keeps each
 * owner's resolved list in a compact form (CompactContactList, about ten bytes per contact), so a
 * window, and above all a gradual-per-user rewrite of an earlier owner's list, needs no re-parse.
 * Full lists exist only for the batch being rendered.
 */
import type { Finding } from "../common/finding";
import { UserError, UserErrors } from "../common/errors";
import { extractContactLists, RawContactList } from "./extract";
import type { ContactLayout } from "./layout";
import { AccessEntry, CompactContactList, completeCompactList, ContactList, ContactListBuilder, userIndex, UserIndex } from "./contact-list";
import { parseRegBytes } from "./regfile";
import type { MappedUser, UserMap } from "./usermap";

export const STRATEGIES = ["immediate-recreate", "immediate-import", "gradual-per-user", "gradual-deferred"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** domain §9.1: MSFT_SIPESUserContactGroupData.GroupID is 1-64, at most 64 groups per user. */
export const MAX_GROUPS = 64;
/** domain §9.2: DisplayName "~" (base64 "fg==") is the default "Other Contacts" group. */
export const DEFAULT_GROUP = "~";
/** domain §9.1: Windows Messenger 5.1 keeps Exchange IM contacts in a separate group during coexistence. */
export const EXCHANGE_IM_GROUP = "Exchange IM Contacts";

/** A downtime window: a migration wave, the single immediate window, or the deferred final import. */
export interface WindowDef {
  /** `all`, `wave-<n>` or `final`; part of file and step names. */
  id: string;
  title: string;
  /** Waves whose users are homed on Lync in this window. */
  movesWaves: number[];
  /** Users of waves up to this one are on Lync once the window is done. */
  movedUpToWave: number;
  /** Whether lists are imported (false: immediate-recreate and the waves of gradual-deferred). */
  imports: boolean;
  /** Whether the lists of this window's owners are produced at all (re-create lists count). */
  producesLists: boolean;
}

export function windowsFor(strategy: Strategy, waves: number[]): WindowDef[] {
  const last = waves[waves.length - 1] ?? 1;
  switch (strategy) {
    case "immediate-recreate":
      return [{ id: "all", title: "Immediate migration: users re-create their contacts", movesWaves: waves, movedUpToWave: last, imports: false, producesLists: true }];
    case "immediate-import":
      return [{ id: "all", title: "Immediate migration: all contact lists imported", movesWaves: waves, movedUpToWave: last, imports: true, producesLists: true }];
    case "gradual-per-user":
      return waves.map((w) => ({ id: `wave-${w}`, title: `Wave ${w}: users moved, their contact lists imported`, movesWaves: [w], movedUpToWave: w, imports: true, producesLists: true }));
    case "gradual-deferred":
      return [
        ...waves.map((w) => ({ id: `wave-${w}`, title: `Wave ${w}: users moved, contact lists stay on the clients`, movesWaves: [w], movedUpToWave: w, imports: false, producesLists: false })),
        { id: "final", title: "Final: every contact list imported once all users have moved", movesWaves: [], movedUpToWave: last, imports: true, producesLists: true },
      ];
  }
}

export interface PlannedGroup {
  /** 1-64; 1 is always the default group. */
  number: number;
  name: string;
}

export interface PlannedContact {
  sipUri: string;
  imAddress: string;
  displayName: string;
  /** Read-only: contacts of one list in the same groups share the array. */
  groupNumbers: readonly number[];
  /** The contact's UserIndex id when planned from the index: renderers cache per user by it. */
  userId?: number;
}

/** A contact whose owner is still on Exchange IM: reachable there only, and messages do not cross. */
export interface HeldContact {
  imAddress: string;
  sipUri: string;
  displayName: string;
  movesInWave: number;
}

export interface PlannedList {
  owner: MappedUser;
  /** True when the owner moved in an earlier wave and the list is re-imported because contacts moved now. */
  rewrite: boolean;
  groups: PlannedGroup[];
  contacts: PlannedContact[];
  held: HeldContact[];
  allow: AccessEntry[];
  block: AccessEntry[];
  unmapped: string[];
  /** Over a limit: reported, not imported. */
  blocked: boolean;
}

export interface WindowPlan {
  window: WindowDef;
  strategy: Strategy;
  /** SIP URIs of the users homed on Lync in this window. */
  movedUsers: string[];
  lists: PlannedList[];
  findings: Finding[];
  /** 1-based batch within the window; each batch is one import ZIP. */
  batch: number;
  lastBatch: boolean;
}

/** Builds the list an owner has on Lync at the end of `window`: moved contacts as SIP, the rest held. */
export function planList(list: ContactList, window: WindowDef, rewrite: boolean): { planned: PlannedList; findings: Finding[] } {
  const findings: Finding[] = [];
  const held: HeldContact[] = [];
  const moved = list.contacts.filter((c) => {
    if (c.user.wave <= window.movedUpToWave) return true;
    held.push({ imAddress: c.user.imAddress, sipUri: c.user.sipUri, displayName: c.displayName, movesInWave: c.user.wave });
    return false;
  });
  // Groups keep the client's order; a group whose members are all held still exists, as it did in the client.
  const names = [DEFAULT_GROUP, ...list.groups.filter((g) => g !== DEFAULT_GROUP), ...(held.length > 0 ? [EXCHANGE_IM_GROUP] : [])];
  const groups = names.map((name, i) => ({ number: i + 1, name }));
  const numberOf = new Map(groups.map((g) => [g.name, g.number]));
  const blocked = groups.length > MAX_GROUPS;
  if (blocked && !rewrite) findings.push(tooManyGroups(list.owner, groups.length, held.length > 0));
  const contacts = moved.map((c) => ({
    sipUri: c.user.sipUri,
    imAddress: c.user.imAddress,
    displayName: c.displayName,
    groupNumbers: c.groups.length === 0 ? [1] : c.groups.map((g) => numberOf.get(g) ?? 1),
  }));
  return { planned: { owner: list.owner, rewrite, groups, contacts, held, allow: list.allow, block: list.block, unmapped: list.unmapped, blocked }, findings };
}

function tooManyGroups(owner: MappedUser, groups: number, held: boolean): Finding {
  return {
    code: "CONTACTS_TOO_MANY_GROUPS",
    severity: "error",
    subject: `user ${owner.sipUri}`,
    message: `${groups} contact groups (with the default${held ? " and the Exchange IM" : ""} group); Lync allows at most ${MAX_GROUPS}, numbered 1-${MAX_GROUPS}`,
    fix: `Have the user merge groups in the client to ${MAX_GROUPS - (held ? 2 : 1)} or fewer and collect the export again; the list is not imported until then.`,
  };
}

/**
 * planList straight from the compact index: the same PlannedList (tests compare them) without a
 * Contact object and group-name array per contact first. gradual-per-user at 50,000 users plans 23
 * million contacts, so that intermediate step was a large share of the garbage.
 */
export function planCompactList(c: CompactContactList, users: UserMap, ids: UserIndex, window: WindowDef, rewrite: boolean): { planned: PlannedList; listFindings: Finding[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const held: HeldContact[] = [];
  const n = c.contactIds.length;
  let moved = 0;
  for (let i = 0; i < n; i++) if ((ids.users[c.contactIds[i] as number] as MappedUser).wave <= window.movedUpToWave) moved++;
  const names = [DEFAULT_GROUP, ...c.groupNames.filter((g) => g !== DEFAULT_GROUP), ...(moved < n ? [EXCHANGE_IM_GROUP] : [])];
  const groups = names.map((name, i) => ({ number: i + 1, name }));
  const numberOf = new Map(groups.map((g) => [g.name, g.number]));
  const numberOfId = c.groupNames.map((g) => numberOf.get(g) ?? 1);
  const blocked = groups.length > MAX_GROUPS;
  if (blocked && !rewrite) findings.push(tooManyGroups(c.owner, groups.length, moved < n));
  const defaultOnly: readonly number[] = [1];
  const single = numberOfId.map((num) => [num] as readonly number[]);
  const contacts: PlannedContact[] = new Array(moved);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const user = ids.users[c.contactIds[i] as number] as MappedUser;
    const displayName = c.displayNames?.get(i) ?? user.displayName;
    if (user.wave > window.movedUpToWave) {
      held.push({ imAddress: user.imAddress, sipUri: user.sipUri, displayName, movesInWave: user.wave });
      continue;
    }
    let groupNumbers = defaultOnly;
    if (c.groupStart && c.groupIds) {
      const from = c.groupStart[i] as number;
      const to = c.groupStart[i + 1] as number;
      if (to - from === 1) groupNumbers = single[c.groupIds[from] as number] as readonly number[];
      else if (to - from > 1) groupNumbers = Array.from(c.groupIds.subarray(from, to), (g) => numberOfId[g] as number);
    }
    contacts[k++] = { sipUri: user.sipUri, imAddress: user.imAddress, displayName, groupNumbers, userId: c.contactIds[i] as number };
  }
  const complete = completeCompactList(c, users);
  return { planned: { owner: c.owner, rewrite, groups, contacts, held, allow: complete.allow, block: complete.block, unmapped: [...c.unmapped], blocked }, listFindings: complete.findings, findings };
}

/** Where the `.reg` files come from: a folder for the CLI, memory for tests. */
export interface RegSource {
  /** File names, in a stable order. */
  files(): string[];
  read(file: string): Uint8Array;
}

export interface OwnerEntry {
  owner: MappedUser;
  files: string[];
  /** The owner's lists from every file, resolved. */
  list: CompactContactList;
  /** Waves in which this owner's mapped contacts move (for gradual-per-user rewrites). */
  contactWaves: Set<number>;
}

export interface ContactIndex {
  owners: Map<string, OwnerEntry>;
  findings: Finding[];
  files: number;
}

/**
 * The single pass over the files: parses every one (so that any bad file stops the run before anything
 * is written) and keeps each owner's list in compact form. Throws UserErrors listing every bad file.
 */
export function indexContactFiles(source: RegSource, layout: ContactLayout, users: UserMap): ContactIndex {
  const owners = new Map<string, OwnerEntry>();
  const findings: Finding[] = [];
  const problems: UserError[] = [];
  const unknown = new Map<string, string[]>();
  const files = source.files();
  const ids = userIndex(users);
  for (const file of files) {
    let lists: RawContactList[];
    try {
      const ex = extractContactLists(parseRegBytes(source.read(file), file), layout);
      findings.push(...ex.findings);
      lists = ex.lists;
    } catch (e) {
      if (e instanceof UserError) {
        problems.push(e);
        continue;
      }
      throw e;
    }
    for (const raw of lists) {
      const owner = users.byAddress.get(raw.account);
      if (!owner) {
        unknown.set(raw.account, [...(unknown.get(raw.account) ?? []), file]);
        continue;
      }
      let entry = owners.get(owner.sipUri);
      // One file per user is the rule; a second machine's file thaws the owner's list and adds to it.
      const builder = entry ? ContactListBuilder.thaw(entry.list, users) : new ContactListBuilder(owner, users, ids);
      builder.add(raw);
      if (!entry) owners.set(owner.sipUri, (entry = { owner, files: [], list: builder.freeze(), contactWaves: new Set() }));
      else entry.list = builder.freeze();
      if (!entry.files.includes(file)) entry.files.push(file);
      // The resolved contacts are the mapped ones other than the owner: their waves, from the compact ids.
      for (const id of entry.list.contactIds) entry.contactWaves.add((ids.users[id] as MappedUser).wave);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  for (const [account, inFiles] of unknown) {
    findings.push({ code: "CONTACTS_OWNER_NOT_IN_MAP", severity: "warning", subject: inFiles.join(", "), message: `the contact list of ${account} belongs to no user in the user map, so it is not migrated`, fix: "Add the user to the user map, or remove the export if the user does not move." });
  }
  for (const u of users.byAddress.values()) {
    if (!owners.has(u.sipUri)) findings.push({ code: "CONTACTS_NO_LIST_FOR_USER", severity: "info", subject: `${users.file}:${u.row}`, message: `no .reg file holds a contact list for ${u.imAddress}; ${u.sipUri} starts with an empty list`, fix: "Collect the user's export if they had contacts." });
  }
  return { owners, findings, files: files.length };
}

export interface ContactPlanInput {
  strategy: Strategy;
  users: UserMap;
  layout: ContactLayout;
  source: RegSource;
}

/** Lists per batch: one ZIP each, so memory follows the batch, not the window. @default 2000 */
export const DEFAULT_BATCH_SIZE = 2000;

/**
 * The planner, window by window and batch by batch: the caller renders and writes each WindowPlan
 * before asking for the next, so at most one batch of lists is in memory. A window yields at least
 * one batch (possibly without lists); the index's findings come with the first.
 */
export function* planWindows(input: ContactPlanInput, index: ContactIndex, batchSize = DEFAULT_BATCH_SIZE): Generator<WindowPlan> {
  const windows = windowsFor(input.strategy, input.users.waves);
  const ids = userIndex(input.users);
  let first = true;
  for (const window of windows) {
    let findings: Finding[] = first ? [...index.findings] : [];
    first = false;
    let movedUsers = [...input.users.bySip.values()].filter((u) => window.movesWaves.includes(u.wave)).map((u) => u.sipUri);
    let lists: PlannedList[] = [];
    let batch = 1;
    const take = (lastBatch: boolean): WindowPlan => {
      const plan: WindowPlan = { window, strategy: input.strategy, movedUsers, lists, findings, batch, lastBatch };
      batch++;
      lists = [];
      findings = [];
      movedUsers = [];
      return plan;
    };
    if (window.producesLists) {
      for (const entry of index.owners.values()) {
        const ownWindow = window.id === "all" || window.id === "final" || entry.owner.wave === window.movedUpToWave;
        // gradual-per-user: an earlier owner's list is rewritten when some of its contacts move now.
        const rewrite = !ownWindow && entry.owner.wave < window.movedUpToWave && entry.contactWaves.has(window.movedUpToWave);
        if (!ownWindow && !rewrite) continue;
        if (lists.length >= batchSize) yield take(false);
        const p = planCompactList(entry.list, input.users, ids, window, rewrite);
        if (ownWindow) findings.push(...p.listFindings);
        findings.push(...p.findings);
        lists.push(p.planned);
      }
    }
    yield take(true);
  }
}
