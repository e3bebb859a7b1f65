/**
 * The sample deployment as an InventorySource: each entity is generated row by row from the skeleton
 * on every `read`, so even `max` (millions of rows) streams in bounded memory, and the same seed always
 * gives the same rows in the same order.
 */
import type { AddIn, Category, EntityName, EntityTypes, FileLink, Invitation, InventorySource, MessageDay, Principal, PrincipalKind, Room, RoleAssignment, ScopeEntry, SourceInfo } from "../inventory/inventory";
import { UserError } from "../common/errors";
import { Rng, STREAM, evenShare, mixSeed } from "./prng";
import { SampleScale } from "./scale";
import {
  DAY_MS,
  DAY_SPAN,
  DEPARTMENTS,
  DOMAIN_DN,
  PRINCIPAL,
  PlantedCase,
  RoomSpec,
  SAMPLE_AS_OF,
  SIP_DOMAIN,
  Skeleton,
  buildSkeleton,
  dayString,
  userId,
} from "./skeleton";

export interface SampleOptions {
  scale: SampleScale;
  /** Any integer in [0, 2^32). */
  seed: number;
}

/** prinTypeID values of the planted unknown-type principals: no Lync version defines them. */
export const UNKNOWN_TYPE_IDS = [42, 99] as const;

const FIRST = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indra", "Jordan", "Kai", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Taylor"];
const LAST = ["Chen", "Okafor", "Garcia", "Novak", "Haddad", "Larsen", "Ito", "Moreau", "Silva", "Kowalski", "Nguyen", "Fischer", "Rossi", "Khan", "Dubois", "Berg", "Sato", "Costa", "Walsh", "Patel"];

/** Group Chat stores no file sizes; the sample pretends its file store was read too. */
export function fileLinkUrl(roomId: number, day: string, n: number): string {
  return `ma-filelink://chatfiles/${roomId}/${day.replace(/-/g, "")}/${n}.pdf`;
}

function checkOptions(opts: SampleOptions): void {
  if (!["small", "medium", "max"].includes(opts.scale)) throw new UserError("scale", `"${String(opts.scale)}" is not a sample scale`, "use small, medium or max");
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new UserError("seed", `${String(opts.seed)} is not a seed`, "use an integer from 0 to 4294967295");
}

// ---------------------------------------------------------------------------------------------
// Rows of each entity.

function* categories(s: Skeleton): Generator<Category> {
  for (const c of s.categories) {
    yield { id: c.id, guid: c.guid, name: c.name, description: c.description, parentId: c.parentId, isRoot: c.isRoot, invitations: c.invitations, fileUpload: c.fileUpload, chatHistory: c.chatHistory, addinId: c.addinId };
  }
}

function* rooms(s: Skeleton): Generator<Room> {
  for (const r of s.rooms) {
    yield { id: r.id, guid: r.guid, name: r.name, description: r.description, topic: r.topic, categoryId: r.categoryId, privacy: r.privacy, type: r.type, disabled: r.disabled, invitations: r.invitations, fileUpload: r.fileUpload, chatHistory: r.chatHistory, addinId: r.addinId };
  }
}

function principal(id: number, guid: string | null, uri: string | null, name: string | null, kind: PrincipalKind, typeId: number, adPath: string | null): Principal {
  return { id, guid, uri, name, kind, typeId, disabled: false, adPath };
}

function* principals(s: Skeleton): Generator<Principal> {
  const guid = (id: number) => new Rng(mixSeed(s.seed, id, STREAM.principal)).guid();
  const dept = (d: number) => `Dept${String(d).padStart(2, "0")}`;
  yield principal(PRINCIPAL.system, guid(PRINCIPAL.system), `sip:ocschat@${SIP_DOMAIN}`, "Group Chat Service", "system", 4, `CN=ocschat,CN=Users,${DOMAIN_DN}`);
  yield principal(PRINCIPAL.domain, guid(PRINCIPAL.domain), `ma-grp://domain/${SIP_DOMAIN}`, "contoso", "domain", 8, DOMAIN_DN);
  for (let d = 0; d < DEPARTMENTS; d++) {
    const id = PRINCIPAL.firstContainer + d;
    yield principal(id, guid(id), `ma-grp://ou/${dept(d).toLowerCase()}`, dept(d), "container", 10, `OU=${dept(d)},OU=Users,${DOMAIN_DN}`);
  }
  for (let d = 0; d < DEPARTMENTS; d++) {
    const id = PRINCIPAL.firstGroup + d;
    yield principal(id, guid(id), `ma-grp://group/${dept(d).toLowerCase()}-staff`, `${dept(d)} Staff`, "group", 9, `CN=${dept(d)} Staff,OU=Groups,${DOMAIN_DN}`);
  }
  for (let k = 0; k < PRINCIPAL.federatedCount; k++) {
    const id = PRINCIPAL.firstFederated + k;
    yield principal(id, guid(id), `sip:partner${k + 1}@fabrikam.com`, `Partner ${k + 1} (Fabrikam)`, "federated-user", 7, null);
  }
  for (const [k, id] of PRINCIPAL.unknownTypes.entries()) {
    const typeId = UNKNOWN_TYPE_IDS[k] as number;
    yield principal(id, guid(id), `ma-grp://unknown/${typeId}`, `Imported object ${k + 1}`, "unknown", typeId, null);
  }
  const firstGuid = guid(userId(0));
  for (let i = 0; i < s.spec.users; i++) {
    const id = userId(i);
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    // The first two users share a GUID: bad legacy data (see plantedCases).
    const g = i <= 1 ? firstGuid : guid(id);
    yield principal(id, g, `sip:user${i}@${SIP_DOMAIN}`, name, "user", 5, `CN=${name} (${i}),OU=${dept(i % DEPARTMENTS)},OU=Users,${DOMAIN_DN}`);
  }
}

/** The user members of a room (in a fixed order), then its federated members. */
export function roomMembers(s: Skeleton, r: RoomSpec): number[] {
  const rng = new Rng(mixSeed(s.seed, r.id, STREAM.members));
  const count = r.members - r.federatedMembers.length;
  let users: number[];
  if (r.pool.kind === "window") {
    const { start, size } = r.pool;
    users = rng.distinct(count, size).map((i) => userId(start + i));
  } else {
    const department = r.pool.department;
    const size = Math.floor((s.spec.users - 1 - department) / DEPARTMENTS) + 1;
    users = rng.distinct(count, size).map((t) => userId(department + DEPARTMENTS * t));
  }
  return [...users, ...r.federatedMembers];
}

const ROLE_ORDER = { member: 1, manager: 2, presenter: 3, creator: 4 } as const;

function* roleAssignments(s: Skeleton): Generator<RoleAssignment> {
  for (const principalId of s.rootManagers) yield { nodeId: 1, principalId, role: "manager" };
  for (const c of s.categories) for (const principalId of [...c.creators].sort((a, b) => a - b)) yield { nodeId: c.id, principalId, role: "creator" };
  for (const r of s.rooms) {
    const members = roomMembers(s, r);
    const roles: RoleAssignment[] = [];
    for (const principalId of members) roles.push({ nodeId: r.id, principalId, role: "member" });
    for (const principalId of r.managers) roles.push({ nodeId: r.id, principalId, role: "manager" });
    for (let k = 0; k < r.presenters; k++) roles.push({ nodeId: r.id, principalId: members[k] as number, role: "presenter" });
    // The readers' order (node, principal, role type), so a snapshot of the SQL-built database lines up.
    roles.sort((a, b) => a.principalId - b.principalId || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
    yield* roles;
  }
}

function* scopes(s: Skeleton): Generator<ScopeEntry> {
  for (const c of s.categories) {
    // Legacy scopes only ever allow (domain §7.3: no scopeIsDenied before 2013).
    for (const principalId of c.scope.principals) yield { nodeId: c.id, principalId, denied: false };
    const w = c.scope.userWindow;
    if (w) for (let i = 0; i < w.size; i++) yield { nodeId: c.id, principalId: userId(w.start + i), denied: false };
  }
}

export function invitationTarget(s: Skeleton): number {
  return Math.min(s.spec.invitations, s.totalInviteEligible);
}

function* invitations(s: Skeleton): Generator<Invitation> {
  const target = invitationTarget(s);
  const asOf = Date.parse(SAMPLE_AS_OF);
  for (const r of s.rooms) {
    if (!r.inviteEligible) continue;
    const rng = new Rng(mixSeed(s.seed, r.id, STREAM.invitations));
    const users = roomMembers(s, r).slice(0, r.members - r.federatedMembers.length);
    for (let j = 0; j < users.length; j++) {
      if (evenShare(target, s.totalInviteEligible, r.inviteIndex + j) === 0) continue;
      const createdAt = new Date(asOf - rng.int(1, 180 * 86_400) * 1000).toISOString();
      yield { principalId: users[j] as number, nodeId: r.id, createdAt };
    }
  }
}

function* addins(s: Skeleton): Generator<AddIn> {
  for (const a of s.addins) yield { id: a.id, name: a.name, url: a.url };
}

export function fileLinkTarget(s: Skeleton): number {
  return Math.min(s.totalDays, Math.floor(s.spec.messages / s.spec.messagesPerFileLink));
}

/** The message days of one room, in day order. */
export function* roomDays(s: Skeleton, r: RoomSpec): Generator<MessageDay> {
  const rng = new Rng(mixSeed(s.seed, r.id, STREAM.days));
  const stamp = (day: string, messages: number): { first: string; last: string } => {
    const first = Date.parse(day + "T00:00:00Z") + (8 * 3600 + rng.int(0, 4 * 3600)) * 1000;
    const last = messages === 1 ? first : first + rng.int(60, 10 * 3600) * 1000;
    return { first: new Date(first).toISOString(), last: new Date(last).toISOString() };
  };
  if (r.fixedDays) {
    for (const d of r.fixedDays) yield { roomId: r.id, day: d.day, messages: d.messages, fileLinks: d.fileLinks, ...stamp(d.day, d.messages) };
    return;
  }
  const offsets = rng.distinct(r.activeDays, DAY_SPAN).sort((a, b) => a - b);
  const T = s.spec.messages;
  const D = s.totalDays;
  const F = fileLinkTarget(s);
  // Messages are spread evenly over all active days of the deployment (exact total), then moved
  // between the two days of each pair of a room so that days differ; every day keeps at least one.
  let carry = 0;
  for (let j = 0; j < offsets.length; j++) {
    const k = r.dayIndex + j;
    let messages = evenShare(T, D, k) + carry;
    carry = 0;
    if (j % 2 === 0 && j + 1 < offsets.length) {
      const next = evenShare(T, D, k + 1);
      const shift = rng.int(0, next - 1);
      messages += shift;
      carry = -shift;
    }
    const day = dayString(offsets[j] as number);
    yield { roomId: r.id, day, messages, fileLinks: evenShare(F, D, k), ...stamp(day, messages) };
  }
}

function* messageDays(s: Skeleton): Generator<MessageDay> {
  for (const r of s.rooms) yield* roomDays(s, r);
}

export function fileLinkBytes(seed: number, roomId: number, day: string, n: number): number {
  return 2048 + (mixSeed(seed, roomId, Date.parse(day) / DAY_MS, n) % 5_000_000);
}

function* fileLinks(s: Skeleton): Generator<FileLink> {
  for (const r of s.rooms) {
    for (const d of roomDays(s, r)) {
      for (let n = 1; n <= d.fileLinks; n++) yield { roomId: r.id, url: fileLinkUrl(r.id, d.day, n), day: d.day, bytes: fileLinkBytes(s.seed, r.id, d.day, n) };
    }
  }
}

const GENERATORS: { [E in EntityName]: (s: Skeleton) => Iterable<EntityTypes[E]> } = {
  categories,
  rooms,
  principals,
  roleAssignments,
  scopes,
  invitations,
  addins,
  messageDays,
  fileLinks,
};

// ---------------------------------------------------------------------------------------------

const skeletons = new Map<string, Skeleton>();

/** The skeleton of a sample, built once per (scale, seed) and process: it is small. */
export function sampleSkeleton(opts: SampleOptions): Skeleton {
  checkOptions(opts);
  const key = `${opts.scale}:${opts.seed}`;
  let s = skeletons.get(key);
  if (!s) {
    s = buildSkeleton(opts.scale, opts.seed);
    skeletons.clear(); // keep one: a max skeleton is tens of MB
    skeletons.set(key, s);
  }
  return s;
}

/** Rows per entity of a sample, computed from its skeleton without generating the rows. */
export type SampleCounts = Record<EntityName, number> & {
  users: number;
  messages: number;
  accessControlEntries: number;
  roomsByMembers: Record<number, number>;
};

export function plannedCounts(scale: SampleScale, seed = 1): SampleCounts {
  const s = sampleSkeleton({ scale, seed });
  let roleAssignments = s.rootManagers.length;
  let scopes = 0;
  for (const c of s.categories) {
    roleAssignments += c.creators.length;
    scopes += c.scope.principals.length + (c.scope.userWindow?.size ?? 0);
  }
  const roomsByMembers: Record<number, number> = {};
  let messageDays = s.totalDays;
  let messages = s.spec.messages;
  let fileLinks = fileLinkTarget(s);
  for (const r of s.rooms) {
    roleAssignments += r.members + r.managers.length + r.presenters;
    roomsByMembers[r.members] = (roomsByMembers[r.members] ?? 0) + 1;
    for (const d of r.fixedDays ?? []) {
      messageDays++;
      messages += d.messages;
      fileLinks += d.fileLinks;
    }
  }
  const planted = PRINCIPAL.firstFederated + PRINCIPAL.federatedCount - 1 + PRINCIPAL.unknownTypes.length;
  return {
    categories: s.categories.length,
    rooms: s.rooms.length,
    principals: planted + s.spec.users,
    roleAssignments,
    scopes,
    invitations: invitationTarget(s),
    addins: s.addins.length,
    messageDays,
    fileLinks,
    users: s.spec.users,
    messages,
    accessControlEntries: roleAssignments + scopes,
    roomsByMembers,
  };
}

/** Every planted case of the sample, with the ids that carry it. */
export function plantedCases(opts: SampleOptions): PlantedCase[] {
  return sampleSkeleton(opts).planted;
}

/** A deterministic synthetic Lync Server 2010 Group Chat deployment. */
export function sampleSource(opts: SampleOptions): InventorySource {
  checkOptions(opts);
  const { scale, seed } = opts;
  return {
    description: `sample ${scale} seed ${seed}`,
    async info(): Promise<SourceInfo> {
      return { kind: "lync2010", database: "GroupChat", server: null, schemaEvidence: [`synthetic sample: scale ${scale}, seed ${seed}`], readAt: SAMPLE_AS_OF };
    },
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      const generate = GENERATORS[entity] as (s: Skeleton) => Iterable<EntityTypes[E]>;
      return (async function* () {
        // Built on the first read, not at construction: `sampleSource` itself stays cheap.
        yield* generate(sampleSkeleton(opts));
      })();
    },
    async close(): Promise<void> {},
  };
}
