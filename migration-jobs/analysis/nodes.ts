/**
 * The held part of the inventory: categories, rooms and add-ins (tens of thousands of rows at most),
 * and what the analysis decides about them before the large entities are streamed: which GUIDs are
 * shared, where each category sits in the flattened tree, and which rooms migrate.
 */
import type { AddIn, Category, InventorySource, Room } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding } from "./codes";
import { resolveCategories, type ResolvedCategory } from "./categories";
import { addinFindings, nameKey } from "./rules";
import type { ExpectedAddIn } from "./result";

export function describeRoom(r: Pick<Room, "id" | "name">): string {
  return `room "${r.name ?? "(no name)"}" (id ${r.id})`;
}
export function describeCategory(c: Pick<Category, "id" | "name">, flat?: string | null): string {
  return `category "${flat ?? c.name ?? "(no name)"}" (id ${c.id})`;
}

/** Phase: the categories and rooms, held. */
export async function readNodes(source: InventorySource, progress: (msg: string) => void): Promise<{ categories: Category[]; rooms: Room[] }> {
  progress("reading categories");
  const categories: Category[] = [];
  for await (const c of source.read("categories")) categories.push(c);
  progress("reading rooms");
  const rooms: Room[] = [];
  for await (const r of source.read("rooms")) rooms.push(r);
  return { categories, rooms };
}

/**
 * Phase, domain §7.3: the import identifies nodes by GUID, so a GUID shared by two nodes is an error
 * on the second; every node of a shared GUID is blocked, because which one the import keeps is not
 * known. Returns whether a GUID is shared.
 */
export function nodeGuids(categories: readonly Category[], rooms: readonly Room[], findings: Finding[]): (guid: string | null) => boolean {
  const seen = new Map<string, string>();
  const check = (guid: string | null, subject: string) => {
    if (!guid) return;
    const k = guid.toLowerCase();
    const first = seen.get(k);
    if (first !== undefined) findings.push(finding("DUPLICATE_GUID", subject, `GUID ${k} is also used by ${first}.`));
    else seen.set(k, subject);
  };
  for (const c of categories) check(c.guid, describeCategory(c));
  for (const r of rooms) check(r.guid, describeRoom(r));
  const uses = new Map<string, number>();
  for (const n of [...categories, ...rooms]) if (n.guid) uses.set(n.guid.toLowerCase(), (uses.get(n.guid.toLowerCase()) ?? 0) + 1);
  return (guid) => guid !== null && (uses.get(guid.toLowerCase()) ?? 0) > 1;
}

export interface AddinCatalog {
  expected: ExpectedAddIn[];
  /** The 2013 name of a legacy add-in id; reports ADDIN_MISSING (on `subject`) for an unknown one. */
  nameOf: (id: string | null, subject: string) => string | null;
}

/** Phase, domain §5: add-ins by name, unique per pool; references to them resolve through `nameOf`. */
export function convertAddins(addins: readonly AddIn[], findings: Finding[]): AddinCatalog {
  const names = new Map<string, string>();
  const expected: ExpectedAddIn[] = [];
  const seenNames = new Set<string>();
  for (const a of addins) {
    findings.push(...addinFindings(a));
    if (!a.name || a.name.trim() === "") continue;
    const k = nameKey(a.name);
    if (seenNames.has(k)) {
      findings.push(finding("ADDIN_NAME_INVALID", `add-in "${a.name}" (id ${a.id})`, "Another add-in has the same name; add-in names are unique per pool."));
      continue;
    }
    seenNames.add(k);
    names.set(a.id.toLowerCase(), a.name);
    expected.push({ name: a.name, url: a.url ?? "" });
  }
  const nameOf = (id: string | null, subject: string): string | null => {
    if (!id) return null;
    const n = names.get(id.toLowerCase());
    if (n === undefined) findings.push(finding("ADDIN_MISSING", subject, `Add-in ${id} does not exist (or cannot be created); the reference is dropped.`));
    return n ?? null;
  };
  return { expected, nameOf };
}

/** Phase, domain §2.3.1: the category tree flattened; a category that cannot be placed is reported. */
export function placeCategories(categories: readonly Category[], separator: string, findings: Finding[]): Map<number, ResolvedCategory> {
  const resolved = resolveCategories(categories, separator);
  for (const r of resolved.values()) {
    const c = r.category;
    if (r.status === "cycle") findings.push(finding("CATEGORY_PARENT_CYCLE", describeCategory(c), `The parent chain of this category loops (parent id ${c.parentId}).`));
    else if (r.status === "orphan") findings.push(finding("CATEGORY_ORPHAN", describeCategory(c), `The parent category (id ${c.parentId}) does not exist.`));
    else if (r.status === "unnamed") findings.push(finding("CATEGORY_NAME_MISSING", describeCategory(c), "The category has no name."));
    else if (r.status === "ancestor-broken")
      findings.push(finding("CATEGORY_ORPHAN", describeCategory(c), "A parent of this category has no name, no parent or a parent loop, so this category cannot be placed either."));
  }
  return resolved;
}

/** The bits of `RoomPlacement.flags`, one byte per room. */
export enum RoomFlag {
  /** Enabled, named and in a placeable category: the room migrates. */
  Migrates = 1 << 0,
  /** SCOPE_ON_ROOM_DROPPED has been reported for the room (once per room). */
  ScopeReported = 1 << 1,
}

/** The rooms by index, folded into typed arrays by the streamed phases. */
export interface RoomPlacement {
  rooms: Room[];
  /** Legacy node id -> index of its first room. */
  index: Map<number, number>;
  /** RoomFlag bits. */
  flags: Uint8Array;
  /** The resolved category of each migrating room; null for the others. */
  category: (ResolvedCategory | null)[];
  disabled: number;
}

export function migrates(placement: Pick<RoomPlacement, "flags">, roomIndex: number): boolean {
  return (placement.flags[roomIndex]! & RoomFlag.Migrates) !== 0;
}

/** Phase: which rooms migrate: enabled, named, in a placeable category. */
export function placeRooms(rooms: Room[], resolved: ReadonlyMap<number, ResolvedCategory>, findings: Finding[]): RoomPlacement {
  const index = new Map<number, number>();
  rooms.forEach((r, i) => {
    if (!index.has(r.id)) index.set(r.id, i);
  });
  const flags = new Uint8Array(rooms.length);
  const category: (ResolvedCategory | null)[] = new Array(rooms.length).fill(null);
  let disabled = 0;
  rooms.forEach((r, i) => {
    if (r.disabled) {
      disabled++;
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
    category[i] = rc;
    flags[i] = RoomFlag.Migrates;
  });
  return { rooms, index, flags, category, disabled };
}

/** Legacy category id -> indexes of the migrating rooms in it, in room order. */
export function roomsByCategory(placement: Pick<RoomPlacement, "category">): Map<number, number[]> {
  const out = new Map<number, number[]>();
  placement.category.forEach((rc, i) => {
    if (!rc) return;
    let list = out.get(rc.category.id);
    if (!list) out.set(rc.category.id, (list = []));
    list.push(i);
  });
  return out;
}
