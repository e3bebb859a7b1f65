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
import type { Category, Room, RoomPrivacy, RoomType } from "../model/inventory";
import { Rng, evenShare, mixSeed } from "./prng";
import { SCALE_SPECS, SampleScale, ScaleSpec } from "./scale";

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
  return new Rng(mixSeed(seed, id, 0x6e6f6465)).guid();
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

/** The skeleton of the sample deployment of `scale` for `seed`. Deterministic. */
export function buildSkeleton(scale: SampleScale, seed: number): Skeleton {
  const spec = SCALE_SPECS[scale];
  const rng = new Rng(mixSeed(seed, 0x736b656c));
  const [g0, g1, g2] = spec.roomGroups as [ScaleSpec["roomGroups"][0], ScaleSpec["roomGroups"][0], ScaleSpec["roomGroups"][0]];
  const users = spec.users;
  const allUsers: MemberPool = { kind: "window", start: 0, size: users };
  const pickUsers = (count: number, pool: { start: number; size: number }) => rng.distinct(count, pool.size).map((i) => userId(pool.start + i));

  // Add-ins: one ordinary, and the two whose name or URL the 2013 columns cannot hold (domain §5:
  // siopName nvarchar(50), siopUrl nvarchar(255)).
  const addins: AddInSpec[] = [
    { id: rng.guid(), name: "Team Wiki", url: "https://wiki.contoso.com/chat/addin" },
    { id: rng.guid(), name: padTo("Quarterly business review dashboard for regional sales", 64), url: "https://bi.contoso.com/qbr" },
    { id: rng.guid(), name: "Build status", url: "https://build.contoso.com/status?" + padTo("view=rooms&filter", 280).replace(/ /g, "&") },
  ];
  const [wiki, longNameAddin, longUrlAddin] = addins as [AddInSpec, AddInSpec, AddInSpec];

  // --- Categories. Ids 1..18 are the root and the planted ones, whatever the scale.
  const cats: CategorySpec[] = [];
  const addCat = (name: string | null, parentId: number | null, extra: Partial<Category> = {}): CategorySpec => {
    const id = cats.length + 1;
    const c = category(id, nodeGuid(seed, id), name, parentId, extra);
    cats.push(c);
    return c;
  };
  const root = addCat("Group Chat", null, { isRoot: true, invitations: true, fileUpload: true, chatHistory: true });
  root.scope.principals.push(PRINCIPAL.domain);
  const engineering = addCat("Engineering", root.id, { invitations: true });
  const platform = addCat("Platform", engineering.id);
  const storage = addCat("Storage", platform.id);
  const replication = addCat("Replication", storage.id);
  const projectsA = addCat("Projects", engineering.id);
  const projectsB = addCat("Projects", engineering.id);
  const sales = addCat("Sales", root.id, { invitations: false });
  const reviews = addCat("Design Reviews", root.id, { fileUpload: true, chatHistory: true });
  const partners = addCat("Partners", root.id);
  const scoped = addCat("Finance Dept03", root.id);
  scoped.scope.principals.push(PRINCIPAL.firstContainer + 3, PRINCIPAL.firstGroup + 3);
  const archive = addCat("Archive", root.id);
  const history = addCat("Release History", root.id);
  const cycleA = addCat("Cycle A", 0);
  const cycleB = addCat("Cycle B", cycleA.id);
  cycleA.parentId = cycleB.id;
  const orphanCat = addCat("Orphaned Team", MISSING_PARENT_ID);
  const nullNameCat = addCat(null, root.id);
  const tools = addCat("Tools", root.id, { addinId: wiki.id });
  engineering.creators.push(userId(4));

  // --- The ordinary part of the tree: "All Company" for the largest rooms, divisions of leaf teams.
  const planted: Array<Partial<RoomSpec> & { name: string | null; categoryId: number }> = [];
  const longName = padTo("Replication design discussion", 240);
  const tooLongName = padTo("Storage capacity planning", 300);
  planted.push(
    { name: longName, categoryId: replication.id },
    { name: "Standup", categoryId: projectsA.id },
    { name: "Standup", categoryId: projectsB.id },
    { name: "Sales", categoryId: engineering.id },
    { name: "Deal Desk", categoryId: sales.id, invitations: true },
    { name: "Partner Sync", categoryId: partners.id, topic: "Weekly sync with Fabrikam and Litware" },
    { name: "Platform Chat", categoryId: platform.id, topic: "On call this week: see the wiki", type: "auditorium" },
    { name: "Review Board", categoryId: reviews.id, fileUpload: true, chatHistory: true },
    { name: "Review Drafts", categoryId: reviews.id, fileUpload: false, chatHistory: false },
    { name: "Review Lobby", categoryId: reviews.id },
    { name: "Budget 2026", categoryId: scoped.id },
    { name: "Old Launch", categoryId: archive.id, disabled: true },
    { name: "Old Hiring", categoryId: archive.id, disabled: true },
    { name: "Release Log", categoryId: history.id },
    { name: "Loop Room", categoryId: cycleA.id },
    { name: "Lost Team Room", categoryId: orphanCat.id },
    { name: "Homeless Room", categoryId: MISSING_CATEGORY_ID },
    { name: null, categoryId: engineering.id },
    { name: tooLongName, categoryId: engineering.id },
    { name: "Tooling", categoryId: tools.id, addinId: wiki.id },
    { name: "Tooling Mirror", categoryId: tools.id },
  );
  if (planted.length > g0.rooms) throw new Error(`scale ${scale}: ${planted.length} planted rooms exceed the first room group`);

  const allCompany = addCat("All Company", root.id, { invitations: true });
  allCompany.creators.push(userId(5));
  const ordinary = g0.rooms - planted.length + g1.rooms;
  const leafCount = Math.max(1, Math.ceil(ordinary / spec.roomsPerLeaf));
  const divisionCount = Math.max(1, Math.ceil(leafCount / 33));
  const divisions: CategorySpec[] = [];
  for (let d = 0; d < divisionCount; d++) divisions.push(addCat(`Division ${String(d + 1).padStart(2, "0")}`, root.id, { invitations: true }));
  const leaves: CategorySpec[] = [];
  for (let l = 0; l < leafCount; l++) {
    const division = divisions[l % divisionCount] as CategorySpec;
    leaves.push(addCat(`Team ${String(l + 1).padStart(4, "0")}`, division.id));
  }

  // --- Rooms: node ids follow the categories.
  const rooms: RoomSpec[] = [];
  const addRoom = (r: Partial<RoomSpec> & { name: string | null; categoryId: number; members: number; pool: MemberPool }): RoomSpec => {
    const id = cats.length + rooms.length + 1;
    const ordinal = rooms.length;
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
    rooms.push(room);
    return room;
  };
  for (const p of planted) {
    const pool: MemberPool = p.categoryId === scoped.id ? { kind: "department", department: 3 } : allUsers;
    const federated = p.categoryId === partners.id ? [0, 1, 2].map((k) => PRINCIPAL.firstFederated + k) : [];
    addRoom({ ...p, members: g0.members, pool, federatedMembers: federated });
  }
  const byName = (name: string) => rooms.find((r) => r.name === name) as RoomSpec;
  // Two rooms sharing one GUID: bad legacy data.
  byName("Tooling Mirror").guid = byName("Tooling").guid;

  for (let k = 0; k < g2.rooms; k++) {
    addRoom({ name: `All Company ${String(k + 1).padStart(2, "0")}`, categoryId: allCompany.id, members: Math.min(g2.members, users), pool: allUsers });
  }
  // Ordinary rooms: the 150-member ones spread evenly among the 30-member ones.
  let k = 0;
  for (let l = 0; l < leafCount; l++) {
    const leaf = leaves[l] as CategorySpec;
    const count = evenShare(ordinary, leafCount, l);
    const sizes: number[] = [];
    for (let j = 0; j < count; j++, k++) sizes.push(evenShare(g1.rooms, ordinary, k) === 1 ? g1.members : g0.members);
    leaf.scope.userWindow = { start: 0, size: Math.max(1, ...sizes) };
    for (let j = 0; j < count; j++) {
      // The pool and managers are placeholders until the leaf's scope window is sized below.
      addRoom({ name: `${leaf.name} room ${String(j + 1).padStart(2, "0")}`, categoryId: leaf.id, members: sizes[j] as number, pool: allUsers });
    }
  }

  // Scope windows: access control entries are role assignments plus scope entries; the leaves' scopes
  // take what role assignments leave of the scale's total, each at least as wide as its largest room.
  let roleAssignments = 2; // the root managers
  for (const c of cats) roleAssignments += c.creators.length + (c.scope.userWindow ? 2 : 0);
  for (const r of rooms) roleAssignments += r.members + r.managers.length + r.presenters;
  let fixedScopes = 0;
  for (const c of cats) fixedScopes += c.scope.principals.length;
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
    const size = Math.min(users, Math.max(window.size, evenShare(spare, leafCount, l)));
    window.size = size;
    window.start = (l * 104_729) % (users - size + 1);
    leaf.creators = pickUsers(2, window);
    for (const r of leafRooms.get(leaf.id) ?? []) {
      r.pool = { kind: "window", start: window.start, size };
      r.managers = pickUsers(managersFor(r.members), window);
    }
  });

  // Root managers: domain §2.3: they become managers of every room after the import.
  const rootManagers = [userId(2), userId(3)];

  // Message days and invitation eligibility.
  const parentOf = new Map(cats.map((c) => [c.id, c]));
  const effectiveInvitations = (categoryId: number | null): boolean => {
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
  const probe = byName("Release Log");
  probe.fixedDays = [
    { day: "2024-06-03", messages: 12, fileLinks: 0 },
    { day: "2024-09-10", messages: 7, fileLinks: 1 },
    { day: "2024-12-31", messages: 5, fileLinks: 0 },
    { day: SAMPLE_CUTOFF, messages: 9, fileLinks: 0 },
    { day: "2025-03-15", messages: 4, fileLinks: 1 },
  ];
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
    r.inviteEligible = !r.disabled && r.invitations !== false && effectiveInvitations(r.categoryId);
    r.inviteIndex = totalInviteEligible;
    if (r.inviteEligible) totalInviteEligible += r.members - r.federatedMembers.length;
  }

  if (spec.messages < totalDays) throw new Error(`scale ${scale}: ${spec.messages} messages cannot fill ${totalDays} active days`);
  const skeleton: Skeleton = { scale, seed, spec, categories: cats, rooms, addins, rootManagers, totalDays, totalInviteEligible, planted: [] };
  const id = (name: string) => byName(name).id;
  const probeBefore = probe.fixedDays.filter((d) => d.day < SAMPLE_CUTOFF);
  const probeAfter = probe.fixedDays.filter((d) => d.day >= SAMPLE_CUTOFF);
  const sum = (days: ProbeDay[], f: (d: ProbeDay) => number) => days.reduce((a, d) => a + f(d), 0);
  const c = (kind: PlantedKind, detail: string, what: Partial<Omit<PlantedCase, "kind" | "detail">>): PlantedCase => ({
    kind,
    detail,
    categories: [],
    rooms: [],
    principals: [],
    addins: [],
    expect: {},
    ...what,
  });
  skeleton.planted = [
    c("nested-categories", "Engineering > Platform > Storage > Replication: four levels under the root", { categories: [engineering.id, platform.id, storage.id, replication.id], expect: { depthUnderRoot: 4 } }),
    c("root-managers", "two users manage the root category, so they would manage every room", { categories: [root.id], principals: rootManagers }),
    c("room-name-too-long-with-prefix", "a 240-character room name under a four-level category chain", { rooms: [id(longName)], categories: [replication.id], expect: { nameLength: 240 } }),
    c("name-collision-after-flattening", "two sibling categories named Projects; two rooms named Standup (room names are unique per pool)", { categories: [projectsA.id, projectsB.id], rooms: rooms.filter((r) => r.name === "Standup").map((r) => r.id) }),
    c("room-named-like-category", "a room named Sales next to the category Sales", { rooms: [id("Sales")], categories: [sales.id] }),
    c("invitation-conflict", "room invitations on in a category with invitations off", { rooms: [id("Deal Desk")], categories: [sales.id] }),
    c("federated-users", "three federated users are members of Partner Sync", { rooms: [id("Partner Sync")], principals: [0, 1, 2].map((i) => PRINCIPAL.firstFederated + i) }),
    c("room-topic", "rooms with a topic, which the 2013 import drops", { rooms: [id("Partner Sync"), id("Platform Chat")] }),
    c("settings-disagree-within-category", "file upload and chat history set differently on rooms of Design Reviews", { categories: [reviews.id], rooms: [id("Review Board"), id("Review Drafts"), id("Review Lobby")] }),
    c("allowed-scopes", "the root is scoped to the domain; Finance Dept03 to the OU Dept03 and the group Dept03 Staff", { categories: [root.id, scoped.id], principals: [PRINCIPAL.domain, PRINCIPAL.firstContainer + 3, PRINCIPAL.firstGroup + 3] }),
    c("disabled-rooms", "two disabled rooms, which the import leaves out", { rooms: [id("Old Launch"), id("Old Hiring")] }),
    c("messages-around-cutoff", `Release Log has messages on both sides of the suggested cutoff ${SAMPLE_CUTOFF}`, {
      rooms: [probe.id],
      expect: {
        cutoff: SAMPLE_CUTOFF,
        messagesBefore: sum(probeBefore, (d) => d.messages),
        messagesSince: sum(probeAfter, (d) => d.messages),
        fileLinksBefore: sum(probeBefore, (d) => d.fileLinks),
        fileLinksSince: sum(probeAfter, (d) => d.fileLinks),
      },
    }),
    c("addin-name-too-long", "an add-in name longer than 50 characters", { addins: [longNameAddin.id], expect: { length: longNameAddin.name.length } }),
    c("addin-url-too-long", "an add-in URL longer than 255 characters", { addins: [longUrlAddin.id], expect: { length: longUrlAddin.url.length } }),
    c("parent-cycle", "Cycle A and Cycle B are each other's parent, unreachable from the root", { categories: [cycleA.id, cycleB.id], rooms: [id("Loop Room")] }),
    c("orphan-category", `a category whose parent ${MISSING_PARENT_ID} does not exist, with a room`, { categories: [orphanCat.id], rooms: [id("Lost Team Room")] }),
    c("orphan-room", `a room whose category ${MISSING_CATEGORY_ID} does not exist`, { rooms: [id("Homeless Room")] }),
    c("null-name", "a category and a room without a name", { categories: [nullNameCat.id], rooms: rooms.filter((r) => r.name === null).map((r) => r.id) }),
    c("name-too-long", "a room name of 300 characters, over nvarchar(256) on its own", { rooms: [id(tooLongName)], expect: { nameLength: 300 } }),
    c("unknown-principal-type", "principals whose prinTypeID no Lync version defines", { principals: [...PRINCIPAL.unknownTypes] }),
    c("duplicate-guid", "two rooms share a GUID, and so do the first two users", { rooms: [id("Tooling"), id("Tooling Mirror")], principals: [userId(0), userId(1)] }),
  ];
  return skeleton;
}
