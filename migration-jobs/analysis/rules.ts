/**
 * The 2013 conversion rules as small pure functions, each tested by a table of cases. The phases
 * that apply them (reading, folding, converting) live in nodes.ts, principals.ts, fold.ts and
 * convert.ts, run in order by `analyze` (index.ts); the decisions live here.
 */
import type { AddIn, Principal, PrincipalKind, Room, RoomPrivacy, RoomType } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding } from "./codes";
import { MAX_NODE_NAME } from "./categories";

/** domain §5: pool-wide ceilings. */
export const POOL_LIMITS = {
  provisionedUsers: 150_000,
  accessControlEntries: 2_000_000,
  invitations: 1_000_000,
} as const;

/** domain §5: siopName nvarchar(50), siopUrl nvarchar(255). */
export const MAX_ADDIN_NAME = 50;
export const MAX_ADDIN_URL = 255;

/**
 * 2013 names are compared case-insensitively: the Persistent Chat databases use SQL Server's default
 * case-insensitive collation, so "Sales" and "sales" collide.
 */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The 2013 name of a migrated room: the ONE naming rule behind the expected model, the length check
 * and the collision checks (domain §2.3.3, §4.4, §5).
 *
 * LS:migration-process-details, preparing the source data, step 3: "if the rooms exist under a child
 * category, they are prefixed with full parent category names. The naming limit is 256 characters,
 * including parent category names." Step 1 says the same of categories: "the subcategories are
 * prefixed with full parent category names".
 *
 * Decision (inferred; the docs define neither "child category" nor the separator): a child category
 * is a subcategory, one whose parent is a category other than the root, because the prefix is there
 * "due to simplified category structures" and only subcategories lose their place when 2013 keeps a
 * single level; the root has no 2013 counterpart and is never part of a prefix (categories.ts). So:
 * - a room in a top-level category (a child of the root) keeps its own name: "Eng" > "General" is
 *   "General";
 * - a room directly under the root keeps its own name (it goes into a category named like the root);
 * - a room in a subcategory takes "full parent category names", read as its category's whole
 *   flattened name (the category and all its parents below the root): "Sales" > "EMEA" > "Deals" >
 *   "Pipeline" is "Sales_EMEA_Deals_Pipeline".
 */
export function roomName2013(category: { flatName: string | null; nested: boolean }, roomName: string, separator: string): string {
  return category.nested && category.flatName !== null ? category.flatName + separator + roomName : roomName;
}

/** domain §5: tblNode.nodeName is nvarchar(256), for categories and rooms alike. */
export function nodeNameTooLong(name2013: string): boolean {
  return name2013.length > MAX_NODE_NAME;
}

/**
 * domain §2.3.4: a 2013 room either inherits invitations or turns them off; a room cannot turn them
 * on when its category has them off: the import forces it to false (and warns).
 */
export function roomInvitations(room: boolean | null, category: boolean): { value: "inherit" | false; forced: boolean } {
  if (room === false) return { value: false, forced: false };
  if (room === true && !category) return { value: false, forced: true };
  return { value: "inherit", forced: false };
}

/** Legacy nulls: visibility null is treated as Closed (scoped), the safer reading; behavior null as Normal. */
export function roomPrivacy(p: RoomPrivacy | null): RoomPrivacy {
  return p ?? "closed";
}
export function roomType(t: RoomType | null): RoomType {
  return t ?? "normal";
}

/** domain §2.3.6: federated users (and groups) become disabled principals. */
export function isFederated(kind: PrincipalKind): boolean {
  return kind === "federated-user" || kind === "federated-group";
}

/** The URI the 2013 cmdlets and the verification name a principal by. */
export function principalKey(p: Pick<Principal, "id" | "uri">): string {
  return p.uri && p.uri.length > 0 ? p.uri : `principal-id:${p.id}`;
}

/** domain §5: add-in name and URL lengths, and a name to create it by. */
export function addinFindings(a: AddIn): Finding[] {
  const out: Finding[] = [];
  const subject = `add-in "${a.name ?? "(no name)"}" (id ${a.id})`;
  if (!a.name || a.name.trim() === "") out.push(finding("ADDIN_NAME_INVALID", subject, "The add-in has no name."));
  else if (a.name.length > MAX_ADDIN_NAME) out.push(finding("ADDIN_NAME_TOO_LONG", subject, `The name has ${a.name.length} characters; at most ${MAX_ADDIN_NAME} fit.`));
  if (a.url && a.url.length > MAX_ADDIN_URL) out.push(finding("ADDIN_URL_TOO_LONG", subject, `The URL has ${a.url.length} characters; at most ${MAX_ADDIN_URL} fit.`));
  return out;
}

export interface PoolTotals {
  provisionedUsers: number;
  accessControlEntries: number;
  invitations: number;
}

/** domain §5: pool-wide limits, checked on the converted (2013) totals. */
export function poolLimitFindings(t: PoolTotals): Finding[] {
  const out: Finding[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  if (t.provisionedUsers > POOL_LIMITS.provisionedUsers)
    out.push(finding("POOL_USERS_OVER_LIMIT", "pool", `${n(t.provisionedUsers)} enabled users; the limit is ${n(POOL_LIMITS.provisionedUsers)}.`));
  if (t.accessControlEntries > POOL_LIMITS.accessControlEntries)
    out.push(finding("POOL_ACES_OVER_LIMIT", "pool", `${n(t.accessControlEntries)} access control entries after conversion; performance degrades beyond ${n(POOL_LIMITS.accessControlEntries)}.`));
  if (t.invitations > POOL_LIMITS.invitations)
    out.push(finding("POOL_INVITATIONS_OVER_LIMIT", "pool", `${n(t.invitations)} invitations; performance degrades beyond ${n(POOL_LIMITS.invitations)}.`));
  return out;
}

/**
 * domain §4.4: file upload and chat history live on the category in 2013. The category's own
 * resolved value wins, because it is the value the import writes on the 2013 category (room-level
 * columns are NULL in 2013); rooms that set another value lose it.
 */
export function roomSettingOverrides(categoryValue: boolean, rooms: readonly Pick<Room, "name" | "id" | "fileUpload" | "chatHistory">[], setting: "fileUpload" | "chatHistory"): string[] {
  const out: string[] = [];
  for (const r of rooms) {
    const v = r[setting];
    if (v !== null && v !== categoryValue) out.push(r.name ?? `id ${r.id}`);
  }
  return out;
}

/** A short list for messages: the first few names and how many more. */
export function listSome(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
