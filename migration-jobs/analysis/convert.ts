/**
 * The conversion phases: the held nodes and the folded aggregates become the expected 2013 categories
 * and rooms (domain §2.3, §4.4, §5, §7.4), with the findings of each decision.
 */
import type { Room } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding, type FindingCodeName } from "./codes";
import { MAX_NODE_NAME, isRootCategory, type ResolvedCategory } from "./categories";
import { listSome, nameKey, nodeNameTooLong, roomInvitations, roomName2013, roomPrivacy, roomSettingOverrides, roomType } from "./rules";
import { describeCategory, describeRoom, type AddinCatalog, type RoomPlacement } from "./nodes";
import { emptyRoles, type CategoryScope, type NodeRoles } from "./fold";
import type { ExpectedCategory, ExpectedRoom } from "./result";

/** What every conversion phase reads besides its own inputs. */
export interface ConvertContext {
  findings: Finding[];
  separator: string;
  /** The sorted, distinct keys of principal indexes. */
  keysOf: (ids: Iterable<number>) => string[];
  addins: AddinCatalog;
  sharesGuid: (guid: string | null) => boolean;
}

export interface CategoryConversion {
  list: ExpectedCategory[];
  /** nameKey of the 2013 name -> category. */
  byName: Map<string, ExpectedCategory>;
  /** Legacy id -> the category it became (not for a category lost to a name collision). */
  byLegacyId: Map<number, ExpectedCategory>;
}

/**
 * domain §4.4: scopes become the allowed/denied lists; a category without scope of its own inherits
 * the scope of its nearest ancestor that defines one (the legacy scopeDefinerId), copied down.
 */
export function effectiveScope(id: number, chain: readonly number[], scopes: ReadonlyMap<number, CategoryScope>): { scope: CategoryScope; definer: number; inherited: boolean } | null {
  const own = scopes.get(id);
  if (own) return { scope: own, definer: id, inherited: false };
  for (let i = chain.length - 2; i >= 0; i--) {
    const s = scopes.get(chain[i]!);
    if (s) return { scope: s, definer: chain[i]!, inherited: true };
  }
  return null;
}

/** Phase: the expected 2013 categories, in tree order. */
export function convertCategories(
  ctx: ConvertContext,
  resolved: ReadonlyMap<number, ResolvedCategory>,
  roomsPerCategory: ReadonlyMap<number, number[]>,
  scopes: ReadonlyMap<number, CategoryScope>,
  roles: ReadonlyMap<number, NodeRoles>,
): CategoryConversion {
  const { findings } = ctx;
  const out: CategoryConversion = { list: [], byName: new Map(), byLegacyId: new Map() };
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
    if (ctx.sharesGuid(c.guid)) blockedBy.push("DUPLICATE_GUID");
    if (r.nested) findings.push(finding("CATEGORY_FLATTENED", describeCategory(c), `The nested category becomes "${flat}".`));
    const k = nameKey(flat);
    const other = out.byName.get(k);
    if (other) {
      findings.push(finding("CATEGORY_NAME_COLLISION", describeCategory(c, flat), `After flattening, its name equals that of category id ${other.legacyId} ("${other.name}").`));
      continue;
    }
    const scope = effectiveScope(c.id, r.chain, scopes);
    if (scope?.inherited) findings.push(finding("SCOPE_INHERITED", describeCategory(c, flat), `The scope of category id ${scope.definer} is copied into its allowed list (${scope.scope.allowed.length} entries).`));
    // Creators are inherited down the legacy tree (roleDefinerId), so they are unioned along the chain.
    const creators: number[] = [];
    for (const id of r.chain) creators.push(...(roles.get(id)?.creators ?? []));
    const ec: ExpectedCategory = {
      name: flat,
      description: c.description,
      invitations: r.invitations,
      fileUpload: r.fileUpload,
      chatHistory: r.chatHistory,
      allowed: ctx.keysOf(scope?.scope.allowed ?? []),
      denied: ctx.keysOf(scope?.scope.denied ?? []),
      creators: ctx.keysOf(creators),
      addin: ctx.addins.nameOf(c.addinId, describeCategory(c, flat)),
      legacyId: c.id,
      blockedBy,
    };
    out.byName.set(k, ec);
    out.byLegacyId.set(c.id, ec);
    out.list.push(ec);
  }
  return out;
}

/**
 * domain §2.3.2 (LS:migration-process-details, step 2): "If any Managers exist at this level [the
 * root Category], these users will be added as Managers to all rooms". Only the root's managers:
 * the docs say nothing of other categories' managers, and a 2013 category has no Managers role
 * (only Creators, AllowedMembers, DeniedMembers, domain §7.4), so the kit expects the import to
 * drop them, and says so (CATEGORY_MANAGERS_DROPPED) for each category whose managers manage rooms
 * below it in Group Chat by role inheritance (the legacy roleDefinerId). (inferred)
 */
export interface InheritedManagers {
  rootIds: number[];
  /** Principal indexes of the root's managers, copied to every room. */
  rootManagers: number[];
  /** Category id with managers -> migrating rooms below it; filled by convertRooms. */
  managedRooms: Map<number, number>;
}

export function inheritedManagers(resolved: ReadonlyMap<number, ResolvedCategory>, roles: ReadonlyMap<number, NodeRoles>): InheritedManagers {
  const rootIds: number[] = [];
  for (const r of resolved.values()) if (r.status === "ok" && isRootCategory(r.category)) rootIds.push(r.category.id);
  return { rootIds, rootManagers: rootIds.flatMap((id) => roles.get(id)?.managers ?? []), managedRooms: new Map() };
}

export interface RoomConversion {
  list: ExpectedRoom[];
  /** nameKey of the 2013 name -> room. */
  byName: Map<string, ExpectedRoom>;
}

/** What convertRooms reads of the folded aggregates. */
export interface RoomAggregates {
  roles: readonly (NodeRoles | undefined)[];
  categoryRoles: ReadonlyMap<number, NodeRoles>;
  pendingInvitations: Uint32Array;
  messagesSinceCutoff: Float64Array;
}

/**
 * Phase: the expected 2013 rooms. One naming rule (roomName2013) for the expected name, the length
 * check and both collision checks.
 */
export function convertRooms(ctx: ConvertContext, placement: RoomPlacement, categories: CategoryConversion, managers: InheritedManagers, agg: RoomAggregates): RoomConversion {
  const out: RoomConversion = { list: [], byName: new Map() };
  const seen = new Map<string, { id: number; category: string }>();
  for (let i = 0; i < placement.rooms.length; i++) {
    const rc = placement.category[i];
    if (!rc) continue;
    const r = placement.rooms[i]!;
    const name = roomName2013(rc, r.name!, ctx.separator);
    const k = nameKey(name);
    const blockedBy = roomNameChecks(ctx, r, rc, name, categories);
    const sameRoom = seen.get(k);
    if (sameRoom) {
      ctx.findings.push(finding("ROOM_NAME_COLLISION", describeRoom(r), `Room id ${sameRoom.id} in category "${sameRoom.category}" has the same 2013 name "${name}"; only one can exist.`));
      // Which of the two the import keeps is not known: the one in the model is blocked too.
      const kept = out.byName.get(k);
      if (kept && !kept.blockedBy.includes("ROOM_NAME_COLLISION")) kept.blockedBy.push("ROOM_NAME_COLLISION");
      continue;
    }
    seen.set(k, { id: r.id, category: rc.flatName! });
    const ec = categories.byLegacyId.get(rc.category.id);
    if (!ec) {
      ctx.findings.push(finding("ROOM_ORPHAN", describeRoom(r), `The room cannot migrate: its category "${rc.flatName!}" collides with another category.`));
      continue;
    }
    if (ctx.sharesGuid(r.guid)) blockedBy.push("DUPLICATE_GUID");
    // A room cannot be created without its category.
    for (const code of ec.blockedBy) if (!blockedBy.includes(code as FindingCodeName)) blockedBy.push(code as FindingCodeName);
    const er = expectedRoom(ctx, { index: i, room: r, category: rc, name, expectedCategory: ec, blockedBy }, managers, agg);
    out.byName.set(k, er);
    out.list.push(er);
  }
  return out;
}

/** The name rules of one room, first, so a room whose category collides is still checked against the others. */
function roomNameChecks(ctx: ConvertContext, r: Room, rc: ResolvedCategory, name: string, categories: CategoryConversion): FindingCodeName[] {
  const blockedBy: FindingCodeName[] = [];
  if (nodeNameTooLong(name)) {
    const why = rc.nested ? `With the prefix "${rc.flatName!}${ctx.separator}" the 2013 name has ${name.length} characters` : `The name has ${name.length} characters`;
    ctx.findings.push(finding("ROOM_NAME_TOO_LONG", describeRoom(r), `${why}; at most ${MAX_NODE_NAME} fit.`));
    blockedBy.push("ROOM_NAME_TOO_LONG");
  }
  const sameCategory = categories.byName.get(nameKey(name));
  if (sameCategory) {
    ctx.findings.push(finding("ROOM_NAMED_LIKE_CATEGORY", describeRoom(r), `Its 2013 name "${name}" is also the name of a category (id ${sameCategory.legacyId}).`));
    blockedBy.push("ROOM_NAMED_LIKE_CATEGORY");
  }
  return blockedBy;
}

/** A room that passed the name checks, with its category. */
interface RoomCandidate {
  index: number;
  room: Room;
  category: ResolvedCategory;
  name: string;
  expectedCategory: ExpectedCategory;
  blockedBy: FindingCodeName[];
}

/** One expected room, with the findings of what the import changes on it. */
function expectedRoom(ctx: ConvertContext, candidate: RoomCandidate, managers: InheritedManagers, agg: RoomAggregates): ExpectedRoom {
  const { findings } = ctx;
  const { index: i, room: r, category: rc, name, expectedCategory: ec, blockedBy } = candidate;
  const inv = roomInvitations(r.invitations, ec.invitations);
  if (inv.forced) findings.push(finding("ROOM_INVITATIONS_FORCED_OFF", describeRoom(r), `The room turns invitations on but category "${ec.name}" has them off; the import sets the room to false.`));
  if (r.topic && r.topic.trim() !== "") findings.push(finding("ROOM_TOPIC_DROPPED", describeRoom(r), `The topic "${r.topic.length > 80 ? r.topic.slice(0, 77) + "..." : r.topic}" is dropped.`));
  const roles = agg.roles[i] ?? emptyRoles();
  for (const cid of new Set([...managers.rootIds, ...rc.chain]))
    if ((agg.categoryRoles.get(cid)?.managers.length ?? 0) > 0) managers.managedRooms.set(cid, (managers.managedRooms.get(cid) ?? 0) + 1);
  const type = roomType(r.type);
  let presenters = ctx.keysOf(roles.presenters);
  if (type === "normal" && presenters.length > 0) {
    findings.push(finding("NORMAL_ROOM_PRESENTERS_DROPPED", describeRoom(r), `The Normal room has ${presenters.length} presenter(s): ${listSome(presenters, 5)}.`));
    presenters = [];
  }
  return {
    name,
    category: ec.name,
    description: r.description,
    privacy: roomPrivacy(r.privacy),
    type,
    disabled: false,
    invitations: inv.value,
    addin: ctx.addins.nameOf(r.addinId, describeRoom(r)),
    managers: ctx.keysOf([...roles.managers, ...managers.rootManagers]),
    presenters,
    members: ctx.keysOf(roles.members),
    messagesSinceCutoff: agg.messagesSinceCutoff[i]!,
    pendingInvitations: agg.pendingInvitations[i]!,
    legacyId: r.id,
    blockedBy,
  };
}

/** Phase: what the expected model says of the managers of categories (see InheritedManagers). */
export function managerFindings(ctx: ConvertContext, managers: InheritedManagers, resolved: ReadonlyMap<number, ResolvedCategory>, roles: ReadonlyMap<number, NodeRoles>): void {
  for (const [cid, affected] of managers.managedRooms) {
    const rcat = resolved.get(cid)!;
    const cat = rcat.category;
    const names = ctx.keysOf(roles.get(cid)!.managers);
    if (isRootCategory(cat)) {
      ctx.findings.push(finding("MANAGERS_COPIED_TO_ROOMS", describeCategory(cat, rcat.flatName), `Managers of the root category (${listSome(names, 5)}) become managers of every room: ${affected} room(s).`));
      continue;
    }
    ctx.findings.push(
      finding(
        "CATEGORY_MANAGERS_DROPPED",
        describeCategory(cat, rcat.flatName),
        `Managers of category "${rcat.flatName ?? cat.name}" (${listSome(names, 5)}) manage ${affected} room(s) below it in Group Chat by role inheritance. pchat-kit expects the import to drop them: a 2013 category has no managers, and the docs copy only the root category's managers to rooms. They stay managers only of rooms where they hold the role themselves; if the import copies them after all, verification reports them as unexpected managers.`,
      ),
    );
  }
}

/** Phase, domain §4.4: per-room file upload / chat history move to the category; the category's value wins. */
export function roomSettingFindings(findings: Finding[], roomsPerCategory: ReadonlyMap<number, number[]>, categories: CategoryConversion, rooms: readonly Room[]): void {
  for (const [cid, idxs] of roomsPerCategory) {
    const ec = categories.byLegacyId.get(cid);
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
}
