/**
 * The structure of a sample deployment: its categories and rooms with their settings, sizes, member
 * pools and message-day budgets. It is small (one record per node, tens of thousands at `max`) and
 * built once; the bulky entities (principals, roles, scopes, invitations, message days, file links)
 * are generated from it row by row (generate.ts), so memory does not grow with them.
 *
 * A sample is a synthetic Lync Server 2010 Group Chat deployment. Its first nodes are the planted
 * cases (every tricky or bad case of the migration, listed by `plantedCases`); the rest is ordinary
 * volume that respects Lync's rules: members, managers, presenters and creators are drawn from the
 * users their category's scope allows.
 */
import type { Category, Room, RoomPrivacy, RoomType } from "../inventory/inventory";
import { Rng, STREAM, evenShare, mixSeed } from "./prng";
import { SCALE_SPECS, type RoomGroup, type SampleScale, type ScaleSpec } from "./scale";

/** The moment the sample "was read"; every message and invitation is before it. */
export const SAMPLE_AS_OF = "2026-07-01T00:00:00.000Z";
/** The suggested cutoff date: messages of earlier days are not migrated (domain §2.3 step 8). */
export const SAMPLE_CUTOFF = "2025-01-01";
/** Messages fall on days in [SAMPLE_FIRST_DAY, SAMPLE_AS_OF). */
export const SAMPLE_FIRST_DAY = "2022-07-01";
export const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.parse(SAMPLE_FIRST_DAY + "T00:00:00Z");
export const DAY_SPAN = Math.round((Date.parse(SAMPLE_AS_OF) - FIRST_DAY_MS) / DAY_MS);

export function dayString(offset: number): string {
  return new Date(FIRST_DAY_MS + offset * DAY_MS).toISOString().slice(0, 10);
}

// Principal ids: the planted ones first, then the users.
export const PRINCIPAL = {
  system: 1,
  domain: 2,
  /** Ten OUs, OU=Dept00 .. OU=Dept09; user i lives in Dept(i % 10). */
  firstContainer: 3,
  /** Ten security groups "Dept00 Staff" ..; their membership is not part of the model. */
  firstGroup: 13,
  firstFederated: 23,
  federatedCount: 5,
  /** prinTypeID values no Lync version defines. */
  unknownTypes: [28, 29] as const,
  firstUser: 100,
} as const;
export const DEPARTMENTS = 10;
export const DOMAIN_DN = "DC=contoso,DC=com";
export const SIP_DOMAIN = "contoso.com";

/** Node ids that no node has: the parents of the planted orphans. */
export const MISSING_PARENT_ID = 2_000_000_001;
export const MISSING_CATEGORY_ID = 2_000_000_002;

export interface ScopeSpec {
  /** Non-user principals in the scope (domain, container, group). */
  principals: number[];
  /** A window of user indices listed one by one, or null. */
  userWindow: { start: number; size: number } | null;
}

export interface CategorySpec extends Category {
  scope: ScopeSpec;
  /** Principal ids with the Creator role on the category. */
  creators: number[];
}

/** Where a room's members come from: a window of user indices, or one department's users. */
export type MemberPool = { kind: "window"; start: number; size: number } | { kind: "department"; department: number };

export interface ProbeDay {
  day: string;
  messages: number;
  fileLinks: number;
}

export interface RoomSpec extends Room {
  /** Member role assignments (users from `pool`, plus `federatedMembers`). */
  members: number;
  pool: MemberPool;
  federatedMembers: number[];
  managers: number[];
  /** How many of the members (the first ones) are also presenters. */
  presenters: number;
  /** Active days (MessageDay rows) and the index of the first one in the deployment-wide sequence. */
  activeDays: number;
  dayIndex: number;
  /** The cutoff probe room's exact days; null for every other room. */
  fixedDays: ProbeDay[] | null;
  /** Whether pending invitations may exist (room enabled, invitations effectively on). */
  inviteEligible: boolean;
  /** Index of the room's first eligible member assignment in the deployment-wide sequence. */
  inviteIndex: number;
}

export interface AddInSpec {
  id: string;
  name: string;
  url: string;
}

export type PlantedKind =
  | "nested-categories"
  | "root-managers"
  | "room-name-too-long-with-prefix"
  | "name-collision-after-flattening"
  | "room-named-like-category"
  | "invitation-conflict"
  | "federated-users"
  | "room-topic"
  | "settings-disagree-within-category"
  | "allowed-scopes"
  | "disabled-rooms"
  | "messages-around-cutoff"
  | "addin-name-too-long"
  | "addin-url-too-long"
  | "parent-cycle"
  | "orphan-category"
  | "orphan-room"
  | "null-name"
  | "name-too-long"
  | "unknown-principal-type"
  | "duplicate-guid";

/** One planted case: what it is and exactly which objects carry it, so a test can assert it is found. */
export interface PlantedCase {
  kind: PlantedKind;
  detail: string;
  categories: number[];
  rooms: number[];
  principals: number[];
  addins: string[];
  /** Figures the analysis must reproduce, where the case has some. */
  expect: Record<string, number | string>;
}

export interface Skeleton {
  scale: SampleScale;
  seed: number;
  spec: ScaleSpec;
  categories: CategorySpec[];
  rooms: RoomSpec[];
  addins: AddInSpec[];
  /** Principal ids with the Manager role on the root category. */
  rootManagers: number[];
  /** Total active days of the ordinary rooms (the probe room is apart). */
  totalDays: number;
  /** Eligible member assignments (the population invitations are spread over). */
  totalInviteEligible: number;
  planted: PlantedCase[];
}

export function userId(index: number): number {
  return PRINCIPAL.firstUser + index;
}

function nodeGuid(seed: number, id: number): string {
  return new Rng(mixSeed(seed, id, STREAM.node)).guid();
}

function managersFor(members: number): number {
  return members >= 10_000 ? 5 : members >= 100 ? 2 : 1;
}

function padTo(text: string, length: number): string {
  let out = text;
  const words = ["notes", "decisions", "follow-up", "design", "archive", "review", "replication", "storage"];
  for (let i = 0; out.length < length; i++) out += " " + words[i % words.length];
  return out.slice(0, length).trimEnd().padEnd(length, "x");
}

/** Plain values of a category before its scope and creators are known. */
function category(id: number, guid: string, name: string | null, parentId: number | null, extra: Partial<Category> = {}): CategorySpec {
  return {
    id,
    guid,
    name,
    description: name === null ? null : `${name} rooms`,
    parentId,
    isRoot: false,
    invitations: null,
    fileUpload: null,
    chatHistory: null,
    addinId: null,
    ...extra,
    scope: { principals: [], userWindow: null },
    creators: [],
  };
}

/**
 * The skeleton of the sample deployment of `scale` for `seed`. Deterministic: every phase draws from
 * one random stream in this order, so the phases must not be reordered (the digest test of the small
 * samples, test/sample/digest.test.ts, says so if they are).
 */
export function buildSkeleton(scale: SampleScale, seed: number): Skeleton {
  const spec = SCALE_SPECS[scale];
  const rng = new Rng(mixSeed(seed, STREAM.skeleton));
  const addins = plantedAddins(rng);
  const tree = categoryTree(seed);
  const named = plantedCategories(tree, addins);
  const plantedRooms = plantedRoomSpecs(named, scale, spec);
  const ordinary = ordinaryCategories(tree, named.root.id, spec, plantedRooms.length);
  const rooms = roomBuilder(rng, seed, spec, tree.list);
  addPlantedRooms(rooms, plantedRooms, named, spec);
  addAllCompanyRooms(rooms, ordinary.allCompany, spec);
  addOrdinaryRooms(rooms, ordinary, spec);
  sizeScopeWindows(rng, spec, tree.list, rooms.list, ordinary.leaves);
  // Root managers: domain §2.3: they become managers of every room after the import.
  const rootManagers = [userId(2), userId(3)];
  const probe = rooms.byName("Release Log");
  const activity = scheduleActivity(rng, spec, tree.list, rooms.list, probe);
  if (spec.messages < activity.totalDays) throw new Error(`scale ${scale}: ${spec.messages} messages cannot fill ${activity.totalDays} active days`);
  const skeleton: Skeleton = { scale, seed, spec, categories: tree.list, rooms: rooms.list, addins, rootManagers, ...activity, planted: [] };
  skeleton.planted = plantedCases(named, addins, rooms, rootManagers, probe);
  return skeleton;
}

/**
 * Phase: the add-ins: one ordinary, and the two whose name or URL the 2013 columns cannot hold
 * (domain §5: siopName nvarchar(50), siopUrl nvarchar(255)).
 */
export function plantedAddins(rng: Rng): [AddInSpec, AddInSpec, AddInSpec] {
  return [
    { id: rng.guid(), name: "Team Wiki", url: "https://wiki.contoso.com/chat/addin" },
    { id: rng.guid(), name: padTo("Quarterly business review dashboard for regional sales", 64), url: "https://bi.contoso.com/qbr" },
    { id: rng.guid(), name: "Build status", url: "https://build.contoso.com/status?" + padTo("view=rooms&filter", 280).replace(/ /g, "&") },
  ];
}

/** The categories in id order; `add` gives the next id. */
interface CategoryTree {
  list: CategorySpec[];
  add(name: string | null, parentId: number | null, extra?: Partial<Category>): CategorySpec;
}

export function categoryTree(seed: number): CategoryTree {
  const list: CategorySpec[] = [];
  const add = (name: string | null, parentId: number | null, extra: Partial<Category> = {}): CategorySpec => {
    const id = list.length + 1;
    const c = category(id, nodeGuid(seed, id), name, parentId, extra);
    list.push(c);
    return c;
  };
  return { list, add };
}

/** The planted categories, by the role they play. */
export interface PlantedCategories {
  root: CategorySpec;
  engineering: CategorySpec;
  platform: CategorySpec;
  storage: CategorySpec;
  replication: CategorySpec;
  projectsA: CategorySpec;
  projectsB: CategorySpec;
  sales: CategorySpec;
  reviews: CategorySpec;
  partners: CategorySpec;
  scoped: CategorySpec;
  archive: CategorySpec;
  history: CategorySpec;
  cycleA: CategorySpec;
  cycleB: CategorySpec;
  orphanCat: CategorySpec;
  nullNameCat: CategorySpec;
  tools: CategorySpec;
}

/** Phase: categories 1..18, the root and the planted ones, whatever the scale. */
export function plantedCategories(tree: CategoryTree, addins: readonly AddInSpec[]): PlantedCategories {
  const add = tree.add;
  const root = add("Group Chat", null, { isRoot: true, invitations: true, fileUpload: true, chatHistory: true });
  root.scope.principals.push(PRINCIPAL.domain);
  const engineering = add("Engineering", root.id, { invitations: true });
  const platform = add("Platform", engineering.id);
  const storage = add("Storage", platform.id);
  const replication = add("Replication", storage.id);
  const projectsA = add("Projects", engineering.id);
  const projectsB = add("Projects", engineering.id);
  const sales = add("Sales", root.id, { invitations: false });
  const reviews = add("Design Reviews", root.id, { fileUpload: true, chatHistory: true });
  const partners = add("Partners", root.id);
  const scoped = add("Finance Dept03", root.id);
  scoped.scope.principals.push(PRINCIPAL.firstContainer + 3, PRINCIPAL.firstGroup + 3);
  const archive = add("Archive", root.id);
  const history = add("Release History", root.id);
  const cycleA = add("Cycle A", 0);
  const cycleB = add("Cycle B", cycleA.id);
  cycleA.parentId = cycleB.id;
  const orphanCat = add("Orphaned Team", MISSING_PARENT_ID);
  const nullNameCat = add(null, root.id);
  const tools = add("Tools", root.id, { addinId: addins[0]!.id });
  engineering.creators.push(userId(4));
  return { root, engineering, platform, storage, replication, projectsA, projectsB, sales, reviews, partners, scoped, archive, history, cycleA, cycleB, orphanCat, nullNameCat, tools };
}

type PlantedRoom = Partial<RoomSpec> & { name: string | null; categoryId: number };

/** The 240-character room name under a four-level chain, and the 300-character one. */
const LONG_ROOM_NAME = padTo("Replication design discussion", 240);
const TOO_LONG_ROOM_NAME = padTo("Storage capacity planning", 300);

/** Phase: the planted rooms, taken from the first room group. */
export function plantedRoomSpecs(c: PlantedCategories, scale: SampleScale, spec: ScaleSpec): PlantedRoom[] {
  const wikiId = c.tools.addinId;
  const planted: PlantedRoom[] = [
    { name: LONG_ROOM_NAME, categoryId: c.replication.id },
    { name: "Standup", categoryId: c.projectsA.id },
    { name: "Standup", categoryId: c.projectsB.id },
    { name: "Sales", categoryId: c.engineering.id },
    { name: "Deal Desk", categoryId: c.sales.id, invitations: true },
    { name: "Partner Sync", categoryId: c.partners.id, topic: "Weekly sync with Fabrikam and Litware" },
    { name: "Platform Chat", categoryId: c.platform.id, topic: "On call this week: see the wiki", type: "auditorium" },
    { name: "Review Board", categoryId: c.reviews.id, fileUpload: true, chatHistory: true },
    { name: "Review Drafts", categoryId: c.reviews.id, fileUpload: false, chatHistory: false },
    { name: "Review Lobby", categoryId: c.reviews.id },
    { name: "Budget 2026", categoryId: c.scoped.id },
    { name: "Old Launch", categoryId: c.archive.id, disabled: true },
    { name: "Old Hiring", categoryId: c.archive.id, disabled: true },
    { name: "Release Log", categoryId: c.history.id },
    { name: "Loop Room", categoryId: c.cycleA.id },
    { name: "Lost Team Room", categoryId: c.orphanCat.id },
    { name: "Homeless Room", categoryId: MISSING_CATEGORY_ID },
    { name: null, categoryId: c.engineering.id },
    { name: TOO_LONG_ROOM_NAME, categoryId: c.engineering.id },
    { name: "Tooling", categoryId: c.tools.id, addinId: wikiId },
    { name: "Tooling Mirror", categoryId: c.tools.id },
  ];
  if (planted.length > spec.roomGroups[0]!.rooms) throw new Error(`scale ${scale}: ${planted.length} planted rooms exceed the first room group`);
  return planted;
}

/** The ordinary part of the tree: "All Company" for the largest rooms, divisions of leaf teams. */
export interface OrdinaryCategories {
  allCompany: CategorySpec;
  leaves: CategorySpec[];
  /** Ordinary rooms (the first two room groups less the planted rooms), spread over the leaves. */
  rooms: number;
}

/** Phase: "All Company", the divisions (33 leaves each at most) and their leaf teams. */
export function ordinaryCategories(tree: CategoryTree, rootId: number, spec: ScaleSpec, plantedRooms: number): OrdinaryCategories {
  const [g0, g1] = spec.roomGroups as [RoomGroup, RoomGroup];
  const allCompany = tree.add("All Company", rootId, { invitations: true });
  allCompany.creators.push(userId(5));
  const rooms = g0.rooms - plantedRooms + g1.rooms;
  const leafCount = Math.max(1, Math.ceil(rooms / spec.roomsPerLeaf));
  const divisionCount = Math.max(1, Math.ceil(leafCount / 33));
  const divisions: CategorySpec[] = [];
  for (let d = 0; d < divisionCount; d++) divisions.push(tree.add(`Division ${String(d + 1).padStart(2, "0")}`, rootId, { invitations: true }));
  const leaves: CategorySpec[] = [];
  for (let l = 0; l < leafCount; l++) leaves.push(tree.add(`Team ${String(l + 1).padStart(4, "0")}`, divisions[l % divisionCount]!.id));
  return { allCompany, leaves, rooms };
}

type NewRoom = Partial<RoomSpec> & { name: string | null; categoryId: number; members: number; pool: MemberPool };

/** Adds rooms in order (node ids follow the categories); managers are drawn as each room is added. */
interface RoomBuilder {
  list: RoomSpec[];
  add(r: NewRoom): RoomSpec;
  byName(name: string): RoomSpec;
  pickUsers(count: number, pool: { start: number; size: number }): number[];
}

function roomBuilder(rng: Rng, seed: number, spec: ScaleSpec, categories: readonly CategorySpec[]): RoomBuilder {
  const users = spec.users;
  const list: RoomSpec[] = [];
  const pickUsers = (count: number, pool: { start: number; size: number }) => rng.distinct(count, pool.size).map((i) => userId(pool.start + i));
  const add = (r: NewRoom): RoomSpec => {
    const id = categories.length + list.length + 1;
    const ordinal = list.length;
    const type: RoomType = r.type ?? (ordinal % 20 === 7 ? "auditorium" : "normal");
    const privacy: RoomPrivacy = r.privacy ?? (ordinal % 10 < 6 ? "open" : ordinal % 10 < 9 ? "closed" : "secret");
    const poolSize = r.pool.kind === "window" ? r.pool.size : Math.floor((users - 1 - r.pool.department) / DEPARTMENTS) + 1;
    const managerPool = r.pool.kind === "window" ? r.pool : { start: 0, size: poolSize };
    const managers =
      r.pool.kind === "window"
        ? pickUsers(managersFor(r.members), managerPool)
        : rng.distinct(managersFor(r.members), poolSize).map((t) => userId(r.pool.kind === "department" ? r.pool.department + DEPARTMENTS * t : t));
    const room: RoomSpec = {
      id,
      guid: nodeGuid(seed, id),
      name: r.name,
      description: r.name === null ? null : `Room ${ordinal + 1}`,
      topic: r.topic ?? null,
      categoryId: r.categoryId,
      privacy,
      type,
      disabled: r.disabled ?? false,
      invitations: r.invitations ?? null,
      fileUpload: r.fileUpload ?? null,
      chatHistory: r.chatHistory ?? null,
      addinId: r.addinId ?? null,
      members: r.members,
      pool: r.pool,
      federatedMembers: r.federatedMembers ?? [],
      managers,
      // domain §5: only auditorium rooms have presenters.
      presenters: type === "auditorium" ? Math.min(2, r.members) : 0,
      activeDays: 0,
      dayIndex: 0,
      fixedDays: null,
      inviteEligible: false,
      inviteIndex: 0,
    };
    list.push(room);
    return room;
  };
  const byName = (name: string) => list.find((r) => r.name === name) as RoomSpec;
  return { list, add, byName, pickUsers };
}

function allUsers(spec: ScaleSpec): MemberPool {
  return { kind: "window", start: 0, size: spec.users };
}

/** Phase: the planted rooms: Finance Dept03's draw from its department, Partner Sync has federated members. */
function addPlantedRooms(rooms: RoomBuilder, planted: readonly PlantedRoom[], c: PlantedCategories, spec: ScaleSpec): void {
  for (const p of planted) {
    const pool: MemberPool = p.categoryId === c.scoped.id ? { kind: "department", department: 3 } : allUsers(spec);
    const federated = p.categoryId === c.partners.id ? [0, 1, 2].map((k) => PRINCIPAL.firstFederated + k) : [];
    rooms.add({ ...p, members: spec.roomGroups[0]!.members, pool, federatedMembers: federated });
  }
  // Two rooms sharing one GUID: bad legacy data.
  rooms.byName("Tooling Mirror").guid = rooms.byName("Tooling").guid;
}

/** Phase: the largest rooms (the third room group), in All Company. */
function addAllCompanyRooms(rooms: RoomBuilder, allCompany: CategorySpec, spec: ScaleSpec): void {
  const g2 = spec.roomGroups[2]!;
  for (let k = 0; k < g2.rooms; k++) {
    rooms.add({ name: `All Company ${String(k + 1).padStart(2, "0")}`, categoryId: allCompany.id, members: Math.min(g2.members, spec.users), pool: allUsers(spec) });
  }
}

/** Phase: the ordinary rooms of the leaves, the larger ones (second group) spread evenly among the others. */
function addOrdinaryRooms(rooms: RoomBuilder, ordinary: OrdinaryCategories, spec: ScaleSpec): void {
  const [g0, g1] = spec.roomGroups as [RoomGroup, RoomGroup];
  const leafCount = ordinary.leaves.length;
  let k = 0;
  for (let l = 0; l < leafCount; l++) {
    const leaf = ordinary.leaves[l]!;
    const count = evenShare(ordinary.rooms, leafCount, l);
    const sizes: number[] = [];
    for (let j = 0; j < count; j++, k++) sizes.push(evenShare(g1.rooms, ordinary.rooms, k) === 1 ? g1.members : g0.members);
    leaf.scope.userWindow = { start: 0, size: Math.max(1, ...sizes) };
    for (let j = 0; j < count; j++) {
      // The pool and managers are placeholders until the leaf's scope window is sized (sizeScopeWindows).
      rooms.add({ name: `${leaf.name} room ${String(j + 1).padStart(2, "0")}`, categoryId: leaf.id, members: sizes[j] as number, pool: allUsers(spec) });
    }
  }
}

/**
 * Phase: the scope windows. Access control entries are role assignments plus scope entries; the
 * leaves' scopes take what role assignments leave of the scale's total, each at least as wide as its
 * largest room. The leaves' creators and their rooms' managers are drawn from the sized windows.
 */
function sizeScopeWindows(rng: Rng, spec: ScaleSpec, categories: readonly CategorySpec[], rooms: readonly RoomSpec[], leaves: readonly CategorySpec[]): void {
  const users = spec.users;
  const pickUsers = (count: number, pool: { start: number; size: number }) => rng.distinct(count, pool.size).map((i) => userId(pool.start + i));
  let roleAssignments = 2; // the root managers
  for (const c of categories) roleAssignments += c.creators.length + (c.scope.userWindow ? 2 : 0);
  for (const r of rooms) roleAssignments += r.members + r.managers.length + r.presenters;
  let fixedScopes = 0;
  for (const c of categories) fixedScopes += c.scope.principals.length;
  const spare = Math.max(0, spec.accessControlEntries - roleAssignments - fixedScopes);
  const leafRooms = new Map<number, RoomSpec[]>();
  for (const r of rooms) {
    if (r.categoryId === null) continue;
    const list = leafRooms.get(r.categoryId);
    if (list) list.push(r);
    else leafRooms.set(r.categoryId, [r]);
  }
  leaves.forEach((leaf, l) => {
    const window = leaf.scope.userWindow as { start: number; size: number };
    const size = Math.min(users, Math.max(window.size, evenShare(spare, leaves.length, l)));
    window.size = size;
    window.start = (l * 104_729) % (users - size + 1);
    leaf.creators = pickUsers(2, window);
    for (const r of leafRooms.get(leaf.id) ?? []) {
      r.pool = { kind: "window", start: window.start, size };
      r.managers = pickUsers(managersFor(r.members), window);
    }
  });
}

/** The cutoff probe room's exact days, on both sides of SAMPLE_CUTOFF. */
const PROBE_DAYS: readonly ProbeDay[] = [
  { day: "2024-06-03", messages: 12, fileLinks: 0 },
  { day: "2024-09-10", messages: 7, fileLinks: 1 },
  { day: "2024-12-31", messages: 5, fileLinks: 0 },
  { day: SAMPLE_CUTOFF, messages: 9, fileLinks: 0 },
  { day: "2025-03-15", messages: 4, fileLinks: 1 },
];

/** A room's effective invitations setting: the nearest category that sets it; false on a broken chain. */
export function effectiveInvitations(categories: readonly CategorySpec[]): (categoryId: number | null) => boolean {
  const parentOf = new Map(categories.map((c) => [c.id, c]));
  return (categoryId) => {
    const seen = new Set<number>();
    let c = categoryId === null ? undefined : parentOf.get(categoryId);
    while (c && !seen.has(c.id)) {
      if (c.invitations !== null) return c.invitations;
      if (c.isRoot) return true;
      seen.add(c.id);
      c = c.parentId === null ? undefined : parentOf.get(c.parentId);
    }
    return false; // a broken chain (orphan or cycle) has no defined setting
  };
}

/** Phase: each room's active days (the probe room's are fixed) and whether it may hold pending invitations. */
function scheduleActivity(rng: Rng, spec: ScaleSpec, categories: readonly CategorySpec[], rooms: readonly RoomSpec[], probe: RoomSpec): { totalDays: number; totalInviteEligible: number } {
  probe.fixedDays = PROBE_DAYS.map((d) => ({ ...d }));
  const invitationsOn = effectiveInvitations(categories);
  let totalDays = 0;
  let totalInviteEligible = 0;
  const maxDays = Math.min(DAY_SPAN, 2 * spec.averageActiveDays - 1);
  for (const r of rooms) {
    if (r.fixedDays) r.activeDays = r.fixedDays.length;
    else {
      r.activeDays = rng.int(1, maxDays);
      r.dayIndex = totalDays;
      totalDays += r.activeDays;
    }
    r.inviteEligible = !r.disabled && r.invitations !== false && invitationsOn(r.categoryId);
    r.inviteIndex = totalInviteEligible;
    if (r.inviteEligible) totalInviteEligible += r.members - r.federatedMembers.length;
  }
  return { totalDays, totalInviteEligible };
}

function plantedCase(kind: PlantedKind, detail: string, what: Partial<Omit<PlantedCase, "kind" | "detail">>): PlantedCase {
  return { kind, detail, categories: [], rooms: [], principals: [], addins: [], expect: {}, ...what };
}

/** Phase: the catalogue of planted cases, naming exactly the objects that carry each. */
function plantedCases(c: PlantedCategories, addins: readonly AddInSpec[], rooms: RoomBuilder, rootManagers: number[], probe: RoomSpec): PlantedCase[] {
  const [, longNameAddin, longUrlAddin] = addins as [AddInSpec, AddInSpec, AddInSpec];
  const id = (name: string) => rooms.byName(name).id;
  const probeDays = probe.fixedDays ?? [];
  const probeBefore = probeDays.filter((d) => d.day < SAMPLE_CUTOFF);
  const probeAfter = probeDays.filter((d) => d.day >= SAMPLE_CUTOFF);
  const sum = (days: ProbeDay[], f: (d: ProbeDay) => number) => days.reduce((a, d) => a + f(d), 0);
  const k = plantedCase;
  return [
    k("nested-categories", "Engineering > Platform > Storage > Replication: four levels under the root", { categories: [c.engineering.id, c.platform.id, c.storage.id, c.replication.id], expect: { depthUnderRoot: 4 } }),
    k("root-managers", "two users manage the root category, so they would manage every room", { categories: [c.root.id], principals: rootManagers }),
    k("room-name-too-long-with-prefix", "a 240-character room name under a four-level category chain", { rooms: [id(LONG_ROOM_NAME)], categories: [c.replication.id], expect: { nameLength: 240 } }),
    k("name-collision-after-flattening", "two sibling categories named Projects; two rooms named Standup (room names are unique per pool)", { categories: [c.projectsA.id, c.projectsB.id], rooms: rooms.list.filter((r) => r.name === "Standup").map((r) => r.id) }),
    k("room-named-like-category", "a room named Sales next to the category Sales", { rooms: [id("Sales")], categories: [c.sales.id] }),
    k("invitation-conflict", "room invitations on in a category with invitations off", { rooms: [id("Deal Desk")], categories: [c.sales.id] }),
    k("federated-users", "three federated users are members of Partner Sync", { rooms: [id("Partner Sync")], principals: [0, 1, 2].map((i) => PRINCIPAL.firstFederated + i) }),
    k("room-topic", "rooms with a topic, which the 2013 import drops", { rooms: [id("Partner Sync"), id("Platform Chat")] }),
    k("settings-disagree-within-category", "file upload and chat history set differently on rooms of Design Reviews", { categories: [c.reviews.id], rooms: [id("Review Board"), id("Review Drafts"), id("Review Lobby")] }),
    k("allowed-scopes", "the root is scoped to the domain; Finance Dept03 to the OU Dept03 and the group Dept03 Staff", { categories: [c.root.id, c.scoped.id], principals: [PRINCIPAL.domain, PRINCIPAL.firstContainer + 3, PRINCIPAL.firstGroup + 3] }),
    k("disabled-rooms", "two disabled rooms, which the import leaves out", { rooms: [id("Old Launch"), id("Old Hiring")] }),
    k("messages-around-cutoff", `Release Log has messages on both sides of the suggested cutoff ${SAMPLE_CUTOFF}`, {
      rooms: [probe.id],
      expect: {
        cutoff: SAMPLE_CUTOFF,
        messagesBefore: sum(probeBefore, (d) => d.messages),
        messagesSince: sum(probeAfter, (d) => d.messages),
        fileLinksBefore: sum(probeBefore, (d) => d.fileLinks),
        fileLinksSince: sum(probeAfter, (d) => d.fileLinks),
      },
    }),
    k("addin-name-too-long", "an add-in name longer than 50 characters", { addins: [longNameAddin.id], expect: { length: longNameAddin.name.length } }),
    k("addin-url-too-long", "an add-in URL longer than 255 characters", { addins: [longUrlAddin.id], expect: { length: longUrlAddin.url.length } }),
    k("parent-cycle", "Cycle A and Cycle B are each other's parent, unreachable from the root", { categories: [c.cycleA.id, c.cycleB.id], rooms: [id("Loop Room")] }),
    k("orphan-category", `a category whose parent ${MISSING_PARENT_ID} does not exist, with a room`, { categories: [c.orphanCat.id], rooms: [id("Lost Team Room")] }),
    k("orphan-room", `a room whose category ${MISSING_CATEGORY_ID} does not exist`, { rooms: [id("Homeless Room")] }),
    k("null-name", "a category and a room without a name", { categories: [c.nullNameCat.id], rooms: rooms.list.filter((r) => r.name === null).map((r) => r.id) }),
    k("name-too-long", "a room name of 300 characters, over nvarchar(256) on its own", { rooms: [id(TOO_LONG_ROOM_NAME)], expect: { nameLength: 300 } }),
    k("unknown-principal-type", "principals whose prinTypeID no Lync version defines", { principals: [...PRINCIPAL.unknownTypes] }),
    k("duplicate-guid", "two rooms share a GUID, and so do the first two users", { rooms: [id("Tooling"), id("Tooling Mirror")], principals: [userId(0), userId(1)] }),
  ];
}
