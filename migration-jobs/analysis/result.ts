/**
 * The result of the readiness analysis, with the expected 2013 model in it (`target`): what
 * `analyze --json` prints, what `verify` reconciles against and what the runbook plans from.
 * Principals are named by URI (`sip:` users, `ma-grp:` groups), the key the 2013 cmdlets and the
 * verification use, because principal ids differ between the legacy and the 2013 databases.
 */
import type { Finding } from "../common/finding";
import type { RoomPrivacy, RoomType, SourceInfo } from "../inventory/inventory";

/** A 2013 category (domain §7.4): flat, settings on the category only. */
export interface ExpectedCategory {
  /** Flattened name (parents' names as prefix, see FLATTEN_SEPARATOR). */
  name: string;
  description: string | null;
  invitations: boolean;
  fileUpload: boolean;
  chatHistory: boolean;
  /** Principal URIs; inherited legacy scopes resolved and copied down. */
  allowed: string[];
  denied: string[];
  creators: string[];
  addin: string | null;
  /** The legacy node id it comes from. */
  legacyId: number;
  /**
   * Codes of the error findings that keep it from importing as modelled (e.g. `CATEGORY_NAME_TOO_LONG`);
   * empty when it imports. A blocked category is not counted in `counts.after`, and `verify` does not
   * reconcile it.
   */
  blockedBy: string[];
}

/** A 2013 room (domain §7.4). */
export interface ExpectedRoom {
  /** The 2013 name: the legacy name, prefixed with the flattened category name in a subcategory (`roomName2013`). */
  name: string;
  category: string;
  description: string | null;
  privacy: RoomPrivacy;
  type: RoomType;
  /** Disabled rooms are excluded, so this is always false in an analysis result; kept for verify. */
  disabled: boolean;
  /** 2013 rooms either inherit invitations from the category or turn them off. */
  invitations: "inherit" | false;
  addin: string | null;
  managers: string[];
  presenters: string[];
  members: string[];
  messagesSinceCutoff: number;
  pendingInvitations: number;
  legacyId: number;
  /**
   * Codes of the error findings that keep the room from importing as modelled (its name too long, a
   * collision, a shared GUID, or its category blocked); empty when it imports. A blocked room is not
   * counted in `counts.after` (its messages count in `counts.excluded`), and `verify` does not
   * reconcile it: it is reported neither missing nor extra.
   */
  blockedBy: string[];
}

export interface ExpectedAddIn {
  name: string;
  url: string;
}

export interface InventoryCounts {
  categories: number;
  rooms: number;
  principals: number;
  roleAssignments: number;
  scopes: number;
  invitations: number;
  addins: number;
  messages: number;
  fileLinks: number;
}

export interface AfterCounts {
  categories: number;
  rooms: number;
  principals: number;
  disabledPrincipals: number;
  /** Access control entries after conversion: room roles + category allowed/denied/creators. */
  accessControlEntries: number;
  invitations: number;
  addins: number;
  messagesSinceCutoff: number;
}

/**
 * One legacy category as the tree had it before flattening (domain §2.3.1): what the HTML report draws
 * beside the 2013 flat list. `flatName` is null when the category cannot be placed (`status`).
 */
export interface LegacyTreeNode {
  id: number;
  name: string | null;
  parentId: number | null;
  isRoot: boolean;
  status: "ok" | "cycle" | "orphan" | "unnamed" | "ancestor-broken";
  flatName: string | null;
}

export interface AnalysisResult {
  /** Format of this document, for tools that read `analyze --json`. */
  format: "pchat-kit.analysis";
  version: 1;
  source: { description: string; kind: SourceInfo["kind"]; database: string; server: string | null };
  targetSource: { description: string; kind: SourceInfo["kind"]; database: string; server: string | null } | null;
  /** YYYY-MM-DD, or null when every message migrates. */
  cutoff: string | null;
  separator: string;
  findings: Finding[];
  blocking: { errors: number; warnings: number; infos: number; blocked: boolean; blockedUnlessWarningsAccepted: boolean };
  counts: {
    before: InventoryCounts & { disabledRooms: number };
    after: AfterCounts;
    /** `rooms`: legacy rooms that do not import (disabled, unplaceable, left out by a collision, or blocked). */
    excluded: { rooms: number; blockedRooms: number; blockedCategories: number; messagesBeforeCutoff: number; messagesOfExcludedRooms: number };
  };
  target: { categories: ExpectedCategory[]; rooms: ExpectedRoom[]; addins: ExpectedAddIn[] };
  files: { count: number; bytes: number | null };
  /** The legacy category tree before flattening; absent in results written before it was kept. */
  legacyTree?: LegacyTreeNode[];
}
