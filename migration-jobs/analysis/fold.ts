/**
 * The streamed phases: role assignments, scopes, invitations, message days and file links are read
 * once and folded into per-room aggregates (typed arrays indexed like `RoomPlacement.rooms`) and
 * per-category lists, so memory does not grow with the number of messages.
 */
import type { InventorySource } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding } from "./codes";
import type { ResolvedCategory } from "./categories";
import { RoomFlag, describeRoom, migrates, type RoomPlacement } from "./nodes";
import { PrincipalFlag, type PrincipalTable } from "./principals";

/** Roles of one node, as principal indexes. */
export interface NodeRoles {
  members: number[];
  managers: number[];
  presenters: number[];
  creators: number[];
}

const ROLE_FIELD = { member: "members", manager: "managers", presenter: "presenters", creator: "creators" } as const;

export function emptyRoles(): NodeRoles {
  return { members: [], managers: [], presenters: [], creators: [] };
}

/** What the streamed phases read: the principals, the rooms and the category tree. */
export interface FoldContext {
  source: InventorySource;
  principals: PrincipalTable;
  placement: RoomPlacement;
  resolved: ReadonlyMap<number, ResolvedCategory>;
  progress: (msg: string) => void;
}

const PROGRESS_EVERY = 500_000;

export interface RoleFold {
  rows: number;
  /** Roles of each migrating room, by room index. */
  rooms: (NodeRoles | undefined)[];
  categories: Map<number, NodeRoles>;
  /** Federated principal index -> indexes of the migrating rooms it has a role in. */
  federatedRooms: Map<number, Set<number>>;
  dangling: number;
}

/** Phase: role assignments, folded per migrating room and per category. */
export async function foldRoles(ctx: FoldContext): Promise<RoleFold> {
  const { principals, placement, resolved } = ctx;
  ctx.progress("reading role assignments");
  const rooms: (NodeRoles | undefined)[] = new Array(placement.rooms.length);
  const categories = new Map<number, NodeRoles>();
  const federatedRooms = new Map<number, Set<number>>();
  let rows = 0;
  let dangling = 0;
  for await (const ra of ctx.source.read("roleAssignments")) {
    rows++;
    const p = principals.index.get(ra.principalId);
    const ri = placement.index.get(ra.nodeId);
    if (p === undefined || (ri === undefined && !resolved.has(ra.nodeId))) {
      dangling++;
      continue;
    }
    const field = ROLE_FIELD[ra.role];
    if (field === undefined) {
      dangling++;
      continue;
    }
    if (ri !== undefined) {
      if (!migrates(placement, ri)) continue;
      let roles = rooms[ri];
      if (!roles) rooms[ri] = roles = emptyRoles();
      roles[field].push(p);
      if (principals.flags[p]! & PrincipalFlag.Federated) {
        let s = federatedRooms.get(p);
        if (!s) federatedRooms.set(p, (s = new Set()));
        s.add(ri);
      }
    } else {
      let roles = categories.get(ra.nodeId);
      if (!roles) categories.set(ra.nodeId, (roles = emptyRoles()));
      roles[field].push(p);
    }
    if (rows % PROGRESS_EVERY === 0) ctx.progress(`role assignments: ${rows.toLocaleString("en-US")}`);
  }
  return { rows, rooms, categories, federatedRooms, dangling };
}

export interface CategoryScope {
  allowed: number[];
  denied: number[];
}

export interface ScopeFold {
  rows: number;
  categories: Map<number, CategoryScope>;
  dangling: number;
}

/** Phase, domain §4.4: scopes, kept on categories; a migrating room's own scope is reported dropped. */
export async function foldScopes(ctx: FoldContext, findings: Finding[]): Promise<ScopeFold> {
  const { principals, placement, resolved } = ctx;
  ctx.progress("reading scopes");
  const out: ScopeFold = { rows: 0, categories: new Map(), dangling: 0 };
  for await (const s of ctx.source.read("scopes")) {
    out.rows++;
    const p = principals.index.get(s.principalId);
    const ri = placement.index.get(s.nodeId);
    if (p === undefined || (ri === undefined && !resolved.has(s.nodeId))) {
      out.dangling++;
      continue;
    }
    if (ri !== undefined) {
      if (migrates(placement, ri) && !(placement.flags[ri]! & RoomFlag.ScopeReported)) {
        placement.flags[ri]! |= RoomFlag.ScopeReported;
        findings.push(finding("SCOPE_ON_ROOM_DROPPED", describeRoom(placement.rooms[ri]!), "The room has scope entries of its own; 2013 keeps scopes on categories only."));
      }
      continue;
    }
    let sc = out.categories.get(s.nodeId);
    if (!sc) out.categories.set(s.nodeId, (sc = { allowed: [], denied: [] }));
    (s.denied ? sc.denied : sc.allowed).push(p);
  }
  return out;
}

export interface InvitationFold {
  rows: number;
  /** Pending invitations by room index. */
  perRoom: Uint32Array;
  dangling: number;
}

/** Phase: invitations, counted per room. */
export async function foldInvitations(ctx: FoldContext): Promise<InvitationFold> {
  ctx.progress("reading invitations");
  const out: InvitationFold = { rows: 0, perRoom: new Uint32Array(ctx.placement.rooms.length), dangling: 0 };
  for await (const inv of ctx.source.read("invitations")) {
    out.rows++;
    const ri = ctx.placement.index.get(inv.nodeId);
    if (ri === undefined || !ctx.principals.index.has(inv.principalId)) {
      out.dangling++;
      continue;
    }
    out.perRoom[ri]!++;
  }
  return out;
}

export interface MessageFold {
  /** Every message of the legacy database. */
  total: number;
  /** Messages of migrating rooms before the cutoff (domain §2.3.8). */
  beforeCutoff: number;
  /** Messages of rooms that do not migrate. */
  ofExcludedRooms: number;
  /** Messages since the cutoff by room index (all of them without a cutoff). */
  sinceCutoff: Float64Array;
}

/** Phase, domain §2.3.8: message days, counted per room on either side of the cutoff. */
export async function foldMessageDays(ctx: FoldContext, cutoff: string | null): Promise<MessageFold> {
  ctx.progress("reading message statistics");
  const sinceCutoff = new Float64Array(ctx.placement.rooms.length);
  let total = 0;
  let beforeCutoff = 0;
  let ofExcludedRooms = 0;
  let rows = 0;
  for await (const d of ctx.source.read("messageDays")) {
    rows++;
    total += d.messages;
    const ri = ctx.placement.index.get(d.roomId);
    if (ri === undefined || !migrates(ctx.placement, ri)) {
      ofExcludedRooms += d.messages;
      continue;
    }
    if (cutoff !== null && d.day < cutoff) beforeCutoff += d.messages;
    else sinceCutoff[ri]! += d.messages;
    if (rows % PROGRESS_EVERY === 0) ctx.progress(`message days: ${rows.toLocaleString("en-US")}`);
  }
  return { total, beforeCutoff, ofExcludedRooms, sinceCutoff };
}

export interface FileFold {
  rows: number;
  /** Files linked from migrated messages, and their bytes (null when a size is unknown). */
  toCopy: number;
  bytes: number | null;
}

/** Phase: file links of migrated messages, the files to copy after the import. */
export async function foldFileLinks(ctx: FoldContext, cutoff: string | null): Promise<FileFold> {
  ctx.progress("reading file links");
  const out: FileFold = { rows: 0, toCopy: 0, bytes: 0 };
  for await (const f of ctx.source.read("fileLinks")) {
    out.rows++;
    const ri = ctx.placement.index.get(f.roomId);
    if (ri === undefined || !migrates(ctx.placement, ri) || (cutoff !== null && f.day < cutoff)) continue;
    out.toCopy++;
    if (f.bytes === null || out.bytes === null) out.bytes = null;
    else out.bytes += f.bytes;
  }
  return out;
}
