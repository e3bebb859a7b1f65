/**
 * The readiness analysis: reads a legacy Group Chat inventory (live or snapshot) and predicts what
 * Import-CsPersistentChatData will make of it (domain §2.3, §4.4, §5, §7), as the expected 2013
 * model plus findings.
 *
 * Memory: categories, rooms, principals and add-ins are held (tens of thousands of rows); the large
 * entities (role assignments, scopes, invitations, message days, file links) are streamed once and
 * folded into per-room aggregates of integers, so memory does not grow with the number of messages.
 */
import { expectLegacySource, expectTargetSource } from "../model/source-role";
import type { AddIn, Category, InventorySource, Room, SourceInfo } from "../model/inventory";
import type { Finding } from "./finding";
import { SEVERITY_ORDER, isBlocking } from "./finding";
import { finding, type FindingCodeName } from "./codes";
import { FLATTEN_SEPARATOR, isRootCategory, resolveCategories, type ResolvedCategory } from "./categories";
import {
  addinFindings,
  isFederated,
  listSome,
  nameKey,
  poolLimitFindings,
  principalKey,
  roomInvitations,
  nodeNameTooLong,
  roomName2013,
  roomPrivacy,
  roomSettingOverrides,
  roomType,
} from "./rules";
import { MAX_NODE_NAME } from "./categories";
import { DEFAULT_EXPORT_LEVEL, type ExportLevel } from "./export-level";
import type { AnalysisResult, ExpectedAddIn, ExpectedCategory, ExpectedRoom } from "./model";

export type { AnalysisResult, ExpectedCategory, ExpectedRoom, ExpectedAddIn } from "./model";
export { FLATTEN_SEPARATOR } from "./categories";
export { FINDING_CODES } from "./codes";
export { isBlocking, type Finding } from "./finding";
export { EXPORT_LEVELS, EXPORTED_BY_LEVEL, EXPORTED_KINDS, DEFAULT_EXPORT_LEVEL, exportedKinds, isExportLevel, type ExportLevel, type ExportedKind } from "./export-level";

export interface AnalyzeOptions {
  /** YYYY-MM-DD: messages before this UTC day are not migrated (domain §2.3.8). */
  cutoff?: string;
  /** The 2013 `mgc` the import goes into: items of the same name will be overwritten (domain §2.2). */
  target?: InventorySource;
  onProgress?: (msg: string) => void;
  /** Separator of flattened category names; default FLATTEN_SEPARATOR. */
  separator?: string;
  /** Whether warnings are accepted when computing `blocking.blocked`. */
  acceptWarnings?: boolean;
  /**
   * The `-Level` the export runs with (`pchat-kit:migration.exportLevel`); with a cutoff at any level
   * but RoomDirectory the analysis says the export's honouring of the cutoff is undocumented.
   * @default "All" (the cmdlet's default, domain §4.1)
   */
  exportLevel?: ExportLevel;
}

const CUTOFF_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a plain Error for a malformed cutoff; the CLI validates before calling with a UserError. */
export function isValidCutoff(s: string): boolean {
  if (!CUTOFF_RE.test(s)) return false;
  const d = new Date(s + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Compact per-principal data: index by prinID. */
interface PrincipalTable {
  index: Map<number, number>;
  keys: string[];
  ids: number[];
  /** 1 federated, 2 unknown type, 4 enabled user, 8 disabled. */
  flags: Uint8Array;
  count: number;
}

/** Roles of one node, as principal indexes. */
interface NodeRoles {
  members: number[];
  managers: number[];
  presenters: number[];
  creators: number[];
}

const ROLE_FIELD = { member: "members", manager: "managers", presenter: "presenters", creator: "creators" } as const;

function emptyRoles(): NodeRoles {
  return { members: [], managers: [], presenters: [], creators: [] };
}

function describeRoom(r: Pick<Room, "id" | "name">): string {
  return `room "${r.name ?? "(no name)"}" (id ${r.id})`;
}
function describeCategory(c: Pick<Category, "id" | "name">, flat?: string | null): string {
  return `category "${flat ?? c.name ?? "(no name)"}" (id ${c.id})`;
}

function sourceSummary(description: string, info: SourceInfo): AnalysisResult["source"] {
  return { description, kind: info.kind, database: info.database, server: info.server };
}

export async function analyze(legacy: InventorySource, opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const separator = opts.separator ?? FLATTEN_SEPARATOR;
  const cutoff = opts.cutoff ?? null;
  if (cutoff !== null && !isValidCutoff(cutoff)) throw new Error(`cutoff "${cutoff}" is not a YYYY-MM-DD date`);
  const progress = opts.onProgress ?? (() => {});
  const findings: Finding[] = [];
  const info = await legacy.info();
  expectLegacySource(info, legacy.description);
  // Checked before the long read, so swapped sources fail in seconds.
  const targetInfo = opts.target ? await opts.target.info() : null;
  if (opts.target && targetInfo) expectTargetSource(targetInfo, opts.target.description);

  // --- categories and rooms (held) ---
  progress("reading categories");
  const categories: Category[] = [];
  for await (const c of legacy.read("categories")) categories.push(c);
  progress("reading rooms");
  const rooms: Room[] = [];
  for await (const r of legacy.read("rooms")) rooms.push(r);
  const roomIdx = new Map<number, number>();
  rooms.forEach((r, i) => {
    if (!roomIdx.has(r.id)) roomIdx.set(r.id, i);
  });

  // --- duplicate GUIDs among nodes (domain §7.3: the import identifies nodes by GUID) ---
  const nodeGuids = new Map<string, string>();
  const dupGuid = (guid: string | null, subject: string, seen: Map<string, string>) => {
    if (!guid) return;
    const k = guid.toLowerCase();
    const first = seen.get(k);
    if (first !== undefined) findings.push(finding("DUPLICATE_GUID", subject, `GUID ${k} is also used by ${first}.`));
    else seen.set(k, subject);
  };
  for (const c of categories) dupGuid(c.guid, describeCategory(c), nodeGuids);
  for (const r of rooms) dupGuid(r.guid, describeRoom(r), nodeGuids);
  // Every node of a shared GUID is blocked: which one the import keeps is not known.
  const guidUses = new Map<string, number>();
  for (const n of [...categories, ...rooms]) if (n.guid) guidUses.set(n.guid.toLowerCase(), (guidUses.get(n.guid.toLowerCase()) ?? 0) + 1);
  const sharesGuid = (guid: string | null) => guid !== null && (guidUses.get(guid.toLowerCase()) ?? 0) > 1;

  // --- principals (compact) ---
  progress("reading principals");
  const principals = await readPrincipals(legacy, findings);

  // --- add-ins ---
  const addins: AddIn[] = [];
  for await (const a of legacy.read("addins")) addins.push(a);
  const addinNames = new Map<string, string>();
  const expectedAddins: ExpectedAddIn[] = [];
  const seenAddinNames = new Set<string>();
  for (const a of addins) {
    const fs = addinFindings(a);
    findings.push(...fs);
    if (a.name && a.name.trim() !== "") {
      const k = nameKey(a.name);
      if (seenAddinNames.has(k)) {
        findings.push(finding("ADDIN_NAME_INVALID", `add-in "${a.name}" (id ${a.id})`, "Another add-in has the same name; add-in names are unique per pool."));
        continue;
      }
      seenAddinNames.add(k);
      addinNames.set(a.id.toLowerCase(), a.name);
      expectedAddins.push({ name: a.name, url: a.url ?? "" });
    }
  }
  const addinName = (id: string | null, subject: string): string | null => {
    if (!id) return null;
    const n = addinNames.get(id.toLowerCase());
    if (n === undefined) findings.push(finding("ADDIN_MISSING", subject, `Add-in ${id} does not exist (or cannot be created); the reference is dropped.`));
    return n ?? null;
  };

  // --- the category tree ---
  const resolved = resolveCategories(categories, separator);
  for (const r of resolved.values()) {
    const c = r.category;
    if (r.status === "cycle") findings.push(finding("CATEGORY_PARENT_CYCLE", describeCategory(c), `The parent chain of this category loops (parent id ${c.parentId}).`));
    else if (r.status === "orphan") findings.push(finding("CATEGORY_ORPHAN", describeCategory(c), `The parent category (id ${c.parentId}) does not exist.`));
    else if (r.status === "unnamed") findings.push(finding("CATEGORY_NAME_MISSING", describeCategory(c), "The category has no name."));
    else if (r.status === "ancestor-broken")
      findings.push(finding("CATEGORY_ORPHAN", describeCategory(c), "A parent of this category has no name, no parent or a parent loop, so this category cannot be placed either."));
  }

  // Which rooms migrate: enabled, named, in a placeable category.
  const migrating = new Uint8Array(rooms.length); // 1 = migrates
  let disabledRooms = 0;
  const roomCategory: (ResolvedCategory | null)[] = new Array(rooms.length).fill(null);
  rooms.forEach((r, i) => {
    if (r.disabled) {
      disabledRooms++;
      findings.push(finding("ROOM_DISABLED_EXCLUDED", describeRoom(r), "The room is disabled and will not be migrated."));
      return;
    }
    const rc = r.categoryId === null ? undefined : resolved.get(r.categoryId);
    if (!rc || rc.status !== "ok") {
      const why = !rc ? `its category (id ${r.categoryId}) does not exist` : `its category cannot be placed (${rc.status})`;
      findings.push(finding("ROOM_ORPHAN", describeRoom(r), `The room cannot migrate: ${why}.`));
      return;
    }
    if (!r.name || r.name.trim() === "") {
      findings.push(finding("ROOM_NAME_MISSING", describeRoom(r), "The room has no name."));
      return;
    }
    roomCategory[i] = rc;
    migrating[i] = 1;
  });

  // --- roles (streamed) ---
  progress("reading role assignments");
  const roomRoles: (NodeRoles | undefined)[] = new Array(rooms.length);
  const categoryRoles = new Map<number, NodeRoles>();
  let roleRows = 0;
  const dangling = { roles: 0, scopes: 0, invitations: 0 };
  const federatedRooms = new Map<number, Set<number>>(); // principal index -> room indexes
  for await (const ra of legacy.read("roleAssignments")) {
    roleRows++;
    const p = principals.index.get(ra.principalId);
    const ri = roomIdx.get(ra.nodeId);
    if (p === undefined || (ri === undefined && !resolved.has(ra.nodeId))) {
      dangling.roles++;
      continue;
    }
    const field = ROLE_FIELD[ra.role];
    if (field === undefined) {
      dangling.roles++;
      continue;
    }
    if (ri !== undefined) {
      if (!migrating[ri]) continue;
      let roles = roomRoles[ri];
      if (!roles) roomRoles[ri] = roles = emptyRoles();
      roles[field].push(p);
      if (principals.flags[p]! & 1) {
        let s = federatedRooms.get(p);
        if (!s) federatedRooms.set(p, (s = new Set()));
        s.add(ri);
      }
    } else {
      let roles = categoryRoles.get(ra.nodeId);
      if (!roles) categoryRoles.set(ra.nodeId, (roles = emptyRoles()));
      roles[field].push(p);
    }
    if (roleRows % 500_000 === 0) progress(`role assignments: ${roleRows.toLocaleString("en-US")}`);
  }

  // --- scopes (streamed) ---
  progress("reading scopes");
  let scopeRows = 0;
  const categoryScopes = new Map<number, { allowed: number[]; denied: number[] }>();
  const roomScopeReported = new Set<number>();
  for await (const s of legacy.read("scopes")) {
    scopeRows++;
    const p = principals.index.get(s.principalId);
    const ri = roomIdx.get(s.nodeId);
    if (p === undefined || (ri === undefined && !resolved.has(s.nodeId))) {
      dangling.scopes++;
      continue;
    }
    if (ri !== undefined) {
      if (migrating[ri] && !roomScopeReported.has(ri)) {
        roomScopeReported.add(ri);
        findings.push(finding("SCOPE_ON_ROOM_DROPPED", describeRoom(rooms[ri]!), "The room has scope entries of its own; 2013 keeps scopes on categories only."));
      }
      continue;
    }
    let sc = categoryScopes.get(s.nodeId);
    if (!sc) categoryScopes.set(s.nodeId, (sc = { allowed: [], denied: [] }));
    (s.denied ? sc.denied : sc.allowed).push(p);
  }

  // --- invitations (streamed: counts only) ---
  progress("reading invitations");
  let invitationRows = 0;
  const invitationsPerRoom = new Uint32Array(rooms.length);
  for await (const inv of legacy.read("invitations")) {
    invitationRows++;
    const ri = roomIdx.get(inv.nodeId);
    if (ri === undefined || !principals.index.has(inv.principalId)) {
      dangling.invitations++;
      continue;
    }
    invitationsPerRoom[ri]!++;
  }

  // --- message days (streamed: counts only) ---
  progress("reading message statistics");
  const since = new Float64Array(rooms.length);
  let messagesTotal = 0;
  let messagesBefore = 0;
  let messagesOfExcluded = 0;
  let dayRows = 0;
  for await (const d of legacy.read("messageDays")) {
    dayRows++;
    messagesTotal += d.messages;
    const ri = roomIdx.get(d.roomId);
    if (ri === undefined || !migrating[ri]) {
      messagesOfExcluded += d.messages;
      continue;
    }
    if (cutoff !== null && d.day < cutoff) messagesBefore += d.messages;
    else since[ri]! += d.messages;
    if (dayRows % 500_000 === 0) progress(`message days: ${dayRows.toLocaleString("en-US")}`);
  }

  // --- file links (streamed) ---
  progress("reading file links");
  let fileLinkRows = 0;
  let filesToCopy = 0;
  let fileBytes: number | null = 0;
  for await (const f of legacy.read("fileLinks")) {
    fileLinkRows++;
    const ri = roomIdx.get(f.roomId);
    if (ri === undefined || !migrating[ri] || (cutoff !== null && f.day < cutoff)) continue;
    filesToCopy++;
    if (f.bytes === null || fileBytes === null) fileBytes = null;
    else fileBytes += f.bytes;
  }

  // --- expected categories ---
  progress("converting");
  const expectedCategories: ExpectedCategory[] = [];
  const categoryByName = new Map<string, ExpectedCategory>();
  const roomsPerCategory = new Map<number, number[]>();
  rooms.forEach((_, i) => {
    const rc = roomCategory[i];
    if (!rc) return;
    let list = roomsPerCategory.get(rc.category.id);
    if (!list) roomsPerCategory.set(rc.category.id, (list = []));
    list.push(i);
  });
  const keysOf = (ids: Iterable<number>): string[] => {
    const set = new Set<string>();
    for (const p of ids) set.add(principals.keys[p]!);
    return [...set].sort();
  };
  const emitted = new Map<number, ExpectedCategory>();
  for (const r of resolved.values()) {
    if (r.status !== "ok") continue;
    const c = r.category;
    const roomsHere = roomsPerCategory.get(c.id) ?? [];
    if (isRootCategory(c)) {
      // domain §5: 2013 has no root; it becomes a category only when rooms sit directly in it.
      if (roomsHere.length === 0) continue;
      findings.push(finding("ROOT_HOLDS_ROOMS", describeCategory(c), `${roomsHere.length} room(s) sit directly under the root; they go into a category named "${r.flatName}".`));
    }
    const flat = r.flatName!;
    const blockedBy: FindingCodeName[] = [];
    if (nodeNameTooLong(flat)) {
      findings.push(finding("CATEGORY_NAME_TOO_LONG", describeCategory(c, flat), `The flattened name has ${flat.length} characters; at most ${MAX_NODE_NAME} fit.`));
      blockedBy.push("CATEGORY_NAME_TOO_LONG");
    }
    if (sharesGuid(c.guid)) blockedBy.push("DUPLICATE_GUID");
    if (r.nested) findings.push(finding("CATEGORY_FLATTENED", describeCategory(c), `The nested category becomes "${flat}".`));
    const k = nameKey(flat);
    const other = categoryByName.get(k);
    if (other) {
      findings.push(finding("CATEGORY_NAME_COLLISION", describeCategory(c, flat), `After flattening, its name equals that of category id ${other.legacyId} ("${other.name}").`));
      continue;
    }
    // domain §4.4: scopes become the allowed/denied lists; a category without scope of its own
    // inherits the scope of its nearest ancestor that defines one (the legacy scopeDefinerId), copied down.
    let scope = categoryScopes.get(c.id);
    let definer = c.id;
    if (!scope) {
      for (let i = r.chain.length - 2; i >= 0; i--) {
        const s = categoryScopes.get(r.chain[i]!);
        if (s) {
          scope = s;
          definer = r.chain[i]!;
          break;
        }
      }
      if (scope) findings.push(finding("SCOPE_INHERITED", describeCategory(c, flat), `The scope of category id ${definer} is copied into its allowed list (${scope.allowed.length} entries).`));
    }
    // Creators are inherited down the legacy tree (roleDefinerId), so they are unioned along the chain.
    const creators: number[] = [];
    for (const id of r.chain) creators.push(...(categoryRoles.get(id)?.creators ?? []));
    const ec: ExpectedCategory = {
      name: flat,
      description: c.description,
      invitations: r.invitations,
      fileUpload: r.fileUpload,
      chatHistory: r.chatHistory,
      allowed: keysOf(scope?.allowed ?? []),
      denied: keysOf(scope?.denied ?? []),
      creators: keysOf(creators),
      addin: addinName(c.addinId, describeCategory(c, flat)),
      legacyId: c.id,
      blockedBy,
    };
    categoryByName.set(k, ec);
    emitted.set(c.id, ec);
    expectedCategories.push(ec);
  }

  // domain §2.3.2 (LS:migration-process-details, step 2): "If any Managers exist at this level [the
  // root Category], these users will be added as Managers to all rooms". Only the root's managers:
  // the docs say nothing of other categories' managers, and a 2013 category has no Managers role
  // (only Creators, AllowedMembers, DeniedMembers, domain §7.4), so the kit expects the import to
  // drop them, and says so (CATEGORY_MANAGERS_DROPPED) for each category whose managers manage rooms
  // below it in Group Chat by role inheritance (the legacy roleDefinerId). (inferred)
  const rootIds: number[] = [];
  for (const r of resolved.values()) if (r.status === "ok" && isRootCategory(r.category)) rootIds.push(r.category.id);
  const rootManagers: number[] = rootIds.flatMap((id) => categoryRoles.get(id)?.managers ?? []);
  const managedRooms = new Map<number, number>(); // category id with managers -> migrating rooms below it

  // --- expected rooms ---
  // One naming rule (roomName2013) for the expected name, the length check and both collision checks.
  const expectedRooms: ExpectedRoom[] = [];
  const roomByName = new Map<string, ExpectedRoom>();
  const roomNamesSeen = new Map<string, { id: number; category: string }>();
  let acesAll = 0; // pool limits count blocked rooms too: they import once their errors are fixed
  let invitationsAll = 0;
  for (let i = 0; i < rooms.length; i++) {
    const rc = roomCategory[i];
    if (!rc) continue;
    const r = rooms[i]!;
    const prefix = rc.flatName!;
    const name = roomName2013(rc, r.name!, separator);
    const blockedBy: FindingCodeName[] = [];
    // Name rules first, so a room whose category collides is still checked against the others.
    if (nodeNameTooLong(name)) {
      const why = rc.nested ? `With the prefix "${prefix}${separator}" the 2013 name has ${name.length} characters` : `The name has ${name.length} characters`;
      findings.push(finding("ROOM_NAME_TOO_LONG", describeRoom(r), `${why}; at most ${MAX_NODE_NAME} fit.`));
      blockedBy.push("ROOM_NAME_TOO_LONG");
    }
    const k = nameKey(name);
    const sameCategory = categoryByName.get(k);
    if (sameCategory) {
      findings.push(finding("ROOM_NAMED_LIKE_CATEGORY", describeRoom(r), `Its 2013 name "${name}" is also the name of a category (id ${sameCategory.legacyId}).`));
      blockedBy.push("ROOM_NAMED_LIKE_CATEGORY");
    }
    const sameRoom = roomNamesSeen.get(k);
    if (sameRoom) {
      findings.push(finding("ROOM_NAME_COLLISION", describeRoom(r), `Room id ${sameRoom.id} in category "${sameRoom.category}" has the same 2013 name "${name}"; only one can exist.`));
      // Which of the two the import keeps is not known: the one in the model is blocked too.
      const kept = roomByName.get(k);
      if (kept && !kept.blockedBy.includes("ROOM_NAME_COLLISION")) kept.blockedBy.push("ROOM_NAME_COLLISION");
      continue;
    }
    roomNamesSeen.set(k, { id: r.id, category: prefix });
    const ec = emitted.get(rc.category.id);
    if (!ec) {
      findings.push(finding("ROOM_ORPHAN", describeRoom(r), `The room cannot migrate: its category "${prefix}" collides with another category.`));
      continue;
    }
    if (sharesGuid(r.guid)) blockedBy.push("DUPLICATE_GUID");
    // A room cannot be created without its category.
    for (const code of ec.blockedBy) if (!blockedBy.includes(code as FindingCodeName)) blockedBy.push(code as FindingCodeName);
    const inv = roomInvitations(r.invitations, ec.invitations);
    if (inv.forced) findings.push(finding("ROOM_INVITATIONS_FORCED_OFF", describeRoom(r), `The room turns invitations on but category "${ec.name}" has them off; the import sets the room to false.`));
    if (r.topic && r.topic.trim() !== "") findings.push(finding("ROOM_TOPIC_DROPPED", describeRoom(r), `The topic "${r.topic.length > 80 ? r.topic.slice(0, 77) + "..." : r.topic}" is dropped.`));
    const roles = roomRoles[i] ?? emptyRoles();
    const managers = [...roles.managers, ...rootManagers];
    for (const cid of new Set([...rootIds, ...rc.chain])) if ((categoryRoles.get(cid)?.managers.length ?? 0) > 0) managedRooms.set(cid, (managedRooms.get(cid) ?? 0) + 1);
    const type = roomType(r.type);
    let presenters = keysOf(roles.presenters);
    if (type === "normal" && presenters.length > 0) {
      findings.push(finding("NORMAL_ROOM_PRESENTERS_DROPPED", describeRoom(r), `The Normal room has ${presenters.length} presenter(s): ${listSome(presenters, 5)}.`));
      presenters = [];
    }
    const er: ExpectedRoom = {
      name,
      category: ec.name,
      description: r.description,
      privacy: roomPrivacy(r.privacy),
      type,
      disabled: false,
      invitations: inv.value,
      addin: addinName(r.addinId, describeRoom(r)),
      managers: keysOf(managers),
      presenters,
      members: keysOf(roles.members),
      messagesSinceCutoff: since[i]!,
      pendingInvitations: invitationsPerRoom[i]!,
      legacyId: r.id,
      blockedBy,
    };
    acesAll += er.managers.length + er.presenters.length + er.members.length;
    invitationsAll += er.pendingInvitations;
    roomByName.set(k, er);
    expectedRooms.push(er);
  }
  for (const ec of expectedCategories) acesAll += ec.allowed.length + ec.denied.length + ec.creators.length;
  for (const x of [...expectedCategories, ...expectedRooms]) x.blockedBy.sort();

  // The 2013 model as the import will leave it: what errors block is marked (blockedBy) and not counted.
  const importableRooms = expectedRooms.filter((x) => x.blockedBy.length === 0);
  const importableCategories = expectedCategories.filter((x) => x.blockedBy.length === 0);
  let aces = 0;
  let invitationsAfter = 0;
  let messagesAfter = 0;
  for (const x of importableRooms) {
    aces += x.managers.length + x.presenters.length + x.members.length;
    invitationsAfter += x.pendingInvitations;
    messagesAfter += x.messagesSinceCutoff;
  }
  for (const x of importableCategories) aces += x.allowed.length + x.denied.length + x.creators.length;
  for (const x of expectedRooms) if (x.blockedBy.length > 0) messagesOfExcluded += x.messagesSinceCutoff;

  for (const [cid, affected] of managedRooms) {
    const rcat = resolved.get(cid)!;
    const cat = rcat.category;
    const names = keysOf(categoryRoles.get(cid)!.managers);
    if (isRootCategory(cat)) {
      findings.push(finding("MANAGERS_COPIED_TO_ROOMS", describeCategory(cat, rcat.flatName), `Managers of the root category (${listSome(names, 5)}) become managers of every room: ${affected} room(s).`));
      continue;
    }
    findings.push(
      finding(
        "CATEGORY_MANAGERS_DROPPED",
        describeCategory(cat, rcat.flatName),
        `Managers of category "${rcat.flatName ?? cat.name}" (${listSome(names, 5)}) manage ${affected} room(s) below it in Group Chat by role inheritance. pchat-kit expects the import to drop them: a 2013 category has no managers, and the docs copy only the root category's managers to rooms. They stay managers only of rooms where they hold the role themselves; if the import copies them after all, verification reports them as unexpected managers.`,
      ),
    );
  }

  // domain §4.4: per-room file upload / chat history move to the category; the category's value wins.
  for (const [cid, idxs] of roomsPerCategory) {
    const ec = emitted.get(cid);
    if (!ec) continue;
    const list = idxs.map((i) => rooms[i]!);
    for (const setting of ["fileUpload", "chatHistory"] as const) {
      const differing = roomSettingOverrides(ec[setting], list, setting);
      if (differing.length > 0)
        findings.push(
          finding(
            "ROOM_SETTINGS_DISAGREE",
            describeCategory({ id: cid, name: ec.name }, ec.name),
            `${differing.length} room(s) set ${setting === "fileUpload" ? "file upload" : "chat history"} to ${!ec[setting]} while the category has ${ec[setting]}: ${listSome(differing)}. The category's value (${ec[setting]}) wins, because 2013 keeps this setting on the category only.`,
          ),
        );
    }
  }

  // domain §2.3.6: federated principals, with the rooms they lose.
  let disabledAfter = 0;
  let provisioned = 0;
  for (let p = 0; p < principals.count; p++) {
    const f = principals.flags[p]!;
    if (f & 1 || f & 8) disabledAfter++;
    if (f & 4) provisioned++;
    if (f & 1) {
      const roomsOf = [...(federatedRooms.get(p) ?? [])].map((ri) => rooms[ri]!.name ?? `id ${rooms[ri]!.id}`);
      findings.push(
        finding(
          "FEDERATED_PRINCIPAL_DISABLED",
          `principal "${principals.keys[p]}" (id ${principals.ids[p]})`,
          roomsOf.length > 0 ? `Becomes a disabled principal; it loses access to ${roomsOf.length} room(s): ${listSome(roomsOf)}.` : "Becomes a disabled principal; it has no room roles.",
        ),
      );
    }
  }

  if (dangling.roles + dangling.scopes + dangling.invitations > 0)
    findings.push(
      finding("DANGLING_REFERENCE", "legacy database", `${dangling.roles} role assignment(s), ${dangling.scopes} scope entr(ies) and ${dangling.invitations} invitation(s) refer to missing nodes or principals; they are ignored.`),
    );

  findings.push(...poolLimitFindings({ provisionedUsers: provisioned, accessControlEntries: acesAll, invitations: invitationsAll }));

  if (messagesBefore > 0)
    findings.push(finding("MESSAGES_BEFORE_CUTOFF", "messages", `${messagesBefore.toLocaleString("en-US")} message(s) before ${cutoff} are not migrated; ${messagesAfter.toLocaleString("en-US")} are.`));
  // domain §4.1: -StartDate is documented as "valid only when Level is RoomDirectory"; the kit passes the cutoff at every level.
  const exportLevel = opts.exportLevel ?? DEFAULT_EXPORT_LEVEL;
  if (cutoff !== null && exportLevel !== "RoomDirectory")
    findings.push(
      finding(
        "CUTOFF_LEVEL_UNDOCUMENTED",
        "export",
        `The export runs with -Level ${exportLevel} and -StartDate ${cutoff}; the docs describe -StartDate as valid only with -Level RoomDirectory, so whether messages before ${cutoff} stay behind is undocumented. The verification counts the messages older than the cutoff that arrive in the migrated rooms and reports it.`,
      ),
    );
  if (filesToCopy > 0)
    findings.push(finding("FILES_TO_COPY", "file store", `${filesToCopy} file(s)${fileBytes === null ? " (size unknown)" : `, ${fileBytes.toLocaleString("en-US")} bytes,`} are linked from migrated messages; copy the file store after the import.`));

  // --- the target mgc (domain §2.2) ---
  let targetSource: AnalysisResult["targetSource"] = null;
  if (opts.target) {
    progress("reading the target mgc");
    targetSource = sourceSummary(opts.target.description, targetInfo ?? (await opts.target.info()));
    findings.push(...(await overwriteFindings(opts.target, categoryByName, roomByName, expectedAddins)));
  }

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code) || a.subject.localeCompare(b.subject));
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    format: "pchat-kit.analysis",
    version: 1,
    source: sourceSummary(legacy.description, info),
    targetSource,
    cutoff,
    separator,
    findings,
    blocking: {
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      blocked: isBlocking(findings, opts.acceptWarnings ?? false),
      blockedUnlessWarningsAccepted: isBlocking(findings, true),
    },
    counts: {
      before: {
        categories: categories.length,
        rooms: rooms.length,
        disabledRooms,
        principals: principals.count,
        roleAssignments: roleRows,
        scopes: scopeRows,
        invitations: invitationRows,
        addins: addins.length,
        messages: messagesTotal,
        fileLinks: fileLinkRows,
      },
      after: {
        categories: importableCategories.length,
        rooms: importableRooms.length,
        principals: principals.count,
        disabledPrincipals: disabledAfter,
        accessControlEntries: aces,
        invitations: invitationsAfter,
        addins: expectedAddins.length,
        messagesSinceCutoff: messagesAfter,
      },
      excluded: {
        rooms: rooms.length - importableRooms.length,
        blockedRooms: expectedRooms.length - importableRooms.length,
        blockedCategories: expectedCategories.length - importableCategories.length,
        messagesBeforeCutoff: messagesBefore,
        messagesOfExcludedRooms: messagesOfExcluded,
      },
    },
    target: { categories: expectedCategories, rooms: expectedRooms, addins: expectedAddins },
    files: { count: filesToCopy, bytes: fileBytes },
  };
}

async function readPrincipals(source: InventorySource, findings: Finding[]): Promise<PrincipalTable> {
  const index = new Map<number, number>();
  const keys: string[] = [];
  const ids: number[] = [];
  const flagList: number[] = [];
  const guids = new Map<string, string>();
  for await (const p of source.read("principals")) {
    if (index.has(p.id)) continue;
    const i = keys.length;
    index.set(p.id, i);
    const key = principalKey(p);
    keys.push(key);
    ids.push(p.id);
    let f = 0;
    if (isFederated(p.kind)) f |= 1;
    if (p.kind === "unknown") {
      f |= 2;
      findings.push(finding("PRINCIPAL_TYPE_UNKNOWN", `principal "${key}" (id ${p.id})`, `prinTypeID ${p.typeId} is not a documented principal type.`));
    }
    if (p.kind === "user" && !p.disabled) f |= 4;
    if (p.disabled) f |= 8;
    flagList.push(f);
    if (p.guid) {
      const g = p.guid.toLowerCase();
      const first = guids.get(g);
      if (first !== undefined) findings.push(finding("DUPLICATE_GUID", `principal "${key}" (id ${p.id})`, `GUID ${g} is also used by ${first}.`));
      else guids.set(g, `principal "${key}" (id ${p.id})`);
    }
  }
  return { index, keys, ids, flags: Uint8Array.from(flagList), count: keys.length };
}

async function overwriteFindings(
  target: InventorySource,
  categories: Map<string, ExpectedCategory>,
  rooms: Map<string, ExpectedRoom>,
  addins: ExpectedAddIn[],
): Promise<Finding[]> {
  const out: Finding[] = [];
  const addinKeys = new Set(addins.map((a) => nameKey(a.name)));
  let items = 0;
  for await (const c of target.read("categories")) {
    if (c.isRoot || !c.name) continue;
    items++;
    if (categories.has(nameKey(c.name))) out.push(finding("TARGET_WILL_OVERWRITE", `category "${c.name}"`, `The target mgc already has category "${c.name}" (id ${c.id}); the legacy category of that name overwrites it.`));
  }
  for await (const r of target.read("rooms")) {
    if (!r.name) continue;
    items++;
    if (rooms.has(nameKey(r.name))) out.push(finding("TARGET_WILL_OVERWRITE", `room "${r.name}"`, `The target mgc already has room "${r.name}" (id ${r.id}); the legacy room of that name overwrites it.`));
  }
  for await (const a of target.read("addins")) {
    if (!a.name) continue;
    items++;
    if (addinKeys.has(nameKey(a.name))) out.push(finding("TARGET_WILL_OVERWRITE", `add-in "${a.name}"`, `The target mgc already has add-in "${a.name}"; the legacy add-in of that name overwrites it.`));
  }
  if (items > 0) out.push(finding("TARGET_NOT_EMPTY", "target mgc", `The target mgc already holds ${items} categories, rooms or add-ins.`));
  return out;
}
