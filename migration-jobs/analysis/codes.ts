/**
 * The catalogue of readiness findings: every code the analysis can emit, with its severity, what it
 * means and the generic fix. One table, so the README, the reports and the rules never disagree;
 * `finding()` refuses a code that is not catalogued.
 */
import type { Finding, Severity } from "../common/finding";

export interface FindingCode {
  severity: Severity;
  /** Domain sheet section the rule comes from. */
  section: string;
  meaning: string;
  fix: string;
}

export const FINDING_CODES = {
  // --- the category tree (domain §2.3, §4.4, §5, §7.3) ---
  CATEGORY_FLATTENED: {
    severity: "info",
    section: "§2.3.1",
    meaning: "A nested category becomes a top-level 2013 category named with its parents' names as a prefix.",
    fix: "Nothing to do if the flattened name suits you; otherwise rename or move the category in the Group Chat Admin Tool.",
  },
  CATEGORY_NAME_TOO_LONG: {
    severity: "error",
    section: "§5",
    meaning: "The flattened category name is longer than 256 characters (tblNode.nodeName is nvarchar(256)).",
    fix: "Shorten the category or its parents' names in the Group Chat Admin Tool.",
  },
  CATEGORY_NAME_COLLISION: {
    severity: "error",
    section: "§5",
    meaning: "Two categories have the same name after flattening; 2013 names are unique per pool.",
    fix: "Rename one of the categories in the Group Chat Admin Tool.",
  },
  CATEGORY_NAME_MISSING: {
    severity: "error",
    section: "§7.3",
    meaning: "A category has a null or empty name, so it cannot be created in 2013 nor prefix its children.",
    fix: "Give the category a name in the Group Chat Admin Tool.",
  },
  CATEGORY_PARENT_CYCLE: {
    severity: "error",
    section: "§7.3",
    meaning: "The category's parent chain loops without reaching the root node; it and its rooms cannot be placed.",
    fix: "Move the category under the root or a valid parent in the Group Chat Admin Tool.",
  },
  CATEGORY_ORPHAN: {
    severity: "error",
    section: "§7.3",
    meaning: "The category's parent does not exist; it and its rooms cannot be placed.",
    fix: "Move the category under an existing category, or delete it.",
  },
  ROOT_HOLDS_ROOMS: {
    severity: "warning",
    section: "§5",
    meaning: "Rooms sit directly under the root node; 2013 needs a category, so the root becomes a category of its own name.",
    fix: "Move these rooms into a category before the export, or accept a category named like the root.",
  },
  // --- rooms (domain §2.3, §4.4, §5) ---
  ROOM_NAME_TOO_LONG: {
    severity: "error",
    section: "§2.3.3, §5",
    meaning: "The room's 2013 name is longer than 256 characters: in a subcategory it is prefixed with the flattened category name, which counts.",
    fix: "Shorten the room name (or its categories' names) in the Group Chat Admin Tool.",
  },
  ROOM_NAME_MISSING: {
    severity: "error",
    section: "§7.3",
    meaning: "A room has a null or empty name.",
    fix: "Name the room in the Group Chat Admin Tool, or disable it.",
  },
  ROOM_NAME_COLLISION: {
    severity: "error",
    section: "§5",
    meaning: "Two migrated rooms have the same 2013 name (prefixes included); 2013 room names are unique per pool. The later one is left out, the other is marked blocked.",
    fix: "Rename one room, or disable the one you do not want to migrate.",
  },
  ROOM_NAMED_LIKE_CATEGORY: {
    severity: "error",
    section: "§5",
    meaning: "A room's 2013 name equals a (flattened) category name; 2013 forbids it.",
    fix: "Rename the room or the category.",
  },
  ROOM_ORPHAN: {
    severity: "error",
    section: "§7.3",
    meaning: "The room's category does not exist or cannot be placed (cycle, orphan, no name); the room cannot migrate.",
    fix: "Move the room into a valid category, or disable it.",
  },
  ROOM_INVITATIONS_FORCED_OFF: {
    severity: "warning",
    section: "§2.3.4",
    meaning: "The room turns invitations on while its category has them off; the import forces the room to false.",
    fix: "Set the room's invitations to inherit/off, or turn them on for the category, before the export.",
  },
  ROOM_TOPIC_DROPPED: {
    severity: "info",
    section: "§4.4",
    meaning: "2013 rooms have no topic; the import drops it (the description is kept).",
    fix: "Copy the topic into the room description before the export if it matters.",
  },
  ROOM_SETTINGS_DISAGREE: {
    severity: "warning",
    section: "§4.4",
    meaning: "Rooms of one category set file upload or chat history differently; 2013 keeps these settings on the category only, and the category's own (resolved) value wins.",
    fix: "Align the rooms with the category, or move the rooms that differ into a category of their own.",
  },
  ROOM_DISABLED_EXCLUDED: {
    severity: "info",
    section: "§2.3.7",
    meaning: "A disabled room is not migrated (nor its messages, roles or invitations).",
    fix: "Enable the room before the export if it should migrate.",
  },
  NORMAL_ROOM_PRESENTERS_DROPPED: {
    severity: "warning",
    section: "§5",
    meaning: "A Normal room has presenters; in 2013 only Auditorium rooms have presenters, so they are not kept.",
    fix: "Make the room an Auditorium, or remove its presenters.",
  },
  MANAGERS_COPIED_TO_ROOMS: {
    severity: "warning",
    section: "§2.3.2",
    meaning: "Managers of the root category become managers of every room.",
    fix: "Remove these managers from the root category before the export if they should not manage every room.",
  },
  CATEGORY_MANAGERS_DROPPED: {
    severity: "warning",
    section: "§2.3.2, §7.4",
    meaning:
      "Managers of a category other than the root manage the rooms below it in Group Chat (role inheritance), but pchat-kit expects the import to drop them: a 2013 category has no managers, and the docs copy only the root category's managers to rooms (inferred).",
    fix: "Before the export, make them managers of the rooms they should keep managing (room roles migrate), or add them after the import with Set-CsPersistentChatRoom -Managers; to have them manage every room, make them root-category managers.",
  },
  SCOPE_INHERITED: {
    severity: "info",
    section: "§4.4",
    meaning: "The category has no scope of its own; the scope of its scope-defining ancestor is copied into its allowed list.",
    fix: "Nothing to do; review the allowed list in the report.",
  },
  SCOPE_ON_ROOM_DROPPED: {
    severity: "warning",
    section: "§4.4",
    meaning: "A scope entry is set on a room; 2013 scopes (allowed/denied) live on categories only, so it is dropped.",
    fix: "Move the room into a category with the scope you want.",
  },
  // --- principals (domain §2.3.6, §7.3) ---
  FEDERATED_PRINCIPAL_DISABLED: {
    severity: "warning",
    section: "§2.3.6",
    meaning: "A federated user or group becomes a disabled principal; it keeps its roles but cannot access the rooms listed.",
    fix: "Tell the federated users; give them internal accounts if they must keep access.",
  },
  PRINCIPAL_TYPE_UNKNOWN: {
    severity: "warning",
    section: "§7.3",
    meaning: "A principal has a prinTypeID outside the documented types; the import may reject or mis-map it.",
    fix: "Remove the principal's roles and scopes, or correct its type in the legacy database's AD sync.",
  },
  PRINCIPAL_NOT_IN_TARGET_DOMAIN: {
    severity: "warning",
    section: "§7.1",
    meaning: "A legacy user, group or OU is not in the target domain (an existing domain, which the kit does not seed); the import cannot resolve it, so its roles and scopes do not hold.",
    fix: "Create the missing principals in the target domain (users Lync-enabled with the same SIP address) before the import, or accept that they lose access.",
  },
  DUPLICATE_GUID: {
    severity: "error",
    section: "§7.3",
    meaning: "Two nodes (or two principals) share a GUID; the import identifies them by GUID.",
    fix: "Delete or recreate one of the duplicates in the Group Chat Admin Tool.",
  },
  DANGLING_REFERENCE: {
    severity: "warning",
    section: "§7.3",
    meaning: "Role, scope or invitation rows refer to nodes or principals that do not exist; they are ignored.",
    fix: "Clean them up in the legacy database (through the Admin Tool) or ignore them.",
  },
  // --- add-ins (domain §5) ---
  ADDIN_NAME_TOO_LONG: {
    severity: "error",
    section: "§5",
    meaning: "The add-in name is longer than 50 characters (siopName nvarchar(50)).",
    fix: "Shorten the add-in name.",
  },
  ADDIN_URL_TOO_LONG: {
    severity: "error",
    section: "§5",
    meaning: "The add-in URL is longer than 255 characters (siopUrl nvarchar(255)).",
    fix: "Shorten the add-in URL (a redirecting short URL works).",
  },
  ADDIN_NAME_INVALID: {
    severity: "error",
    section: "§5",
    meaning: "The add-in has no name, or shares its name with another add-in (names are unique per pool).",
    fix: "Give each add-in a unique name.",
  },
  ADDIN_MISSING: {
    severity: "warning",
    section: "§7.1",
    meaning: "A room or category refers to an add-in that does not exist; the reference is dropped.",
    fix: "Remove the add-in from the room or category, or restore the add-in.",
  },
  // --- pool-wide limits (domain §5) ---
  POOL_USERS_OVER_LIMIT: {
    severity: "error",
    section: "§5",
    meaning: "More than 150,000 provisioned users: beyond the supported pool size.",
    fix: "Split users across pools by regulatory boundary, or remove stale principals.",
  },
  POOL_ACES_OVER_LIMIT: {
    severity: "warning",
    section: "§5",
    meaning: "More than 2,000,000 access control entries (roles + allowed/denied) after conversion; performance degrades.",
    fix: "Use groups instead of individual users in scopes and roles; remove root-category managers.",
  },
  POOL_INVITATIONS_OVER_LIMIT: {
    severity: "warning",
    section: "§5",
    meaning: "More than 1,000,000 invitations; performance degrades.",
    fix: "Turn invitations off for large categories, or clear old invitations.",
  },
  // --- content and files (domain §2.3.5, §2.3.8) ---
  MESSAGES_BEFORE_CUTOFF: {
    severity: "info",
    section: "§2.3.8",
    meaning: "Messages older than the cutoff date are not migrated.",
    fix: "Choose an earlier cutoff if they should migrate.",
  },
  CUTOFF_LEVEL_UNDOCUMENTED: {
    severity: "info",
    section: "§4.1",
    meaning:
      "A cutoff is set and the export runs with a -Level other than RoomDirectory: the kit passes the cutoff as -StartDate, which the docs describe as valid only with -Level RoomDirectory (PS:Export-CsPersistentChatData), so whether the export applies it is undocumented. The verification reports what happened (CUTOFF_HONOURED or CUTOFF_NOT_APPLIED).",
    fix: "Nothing to do before the import. After it, read the verification's cutoff finding; if messages older than the cutoff arrived and must go, purge them as its fix says.",
  },
  FILES_TO_COPY: {
    severity: "info",
    section: "§2.3.5",
    meaning: "Posted files are not moved by the import; copy the file store after it.",
    fix: "Let the runbook's file-copy step (step 8: robocopy of the whole file store, then a count and bytes check) copy it, or copy the whole folder yourself.",
  },
  // --- the target mgc (domain §2.2) ---
  TARGET_WILL_OVERWRITE: {
    severity: "warning",
    section: "§2.2",
    meaning: "The target mgc already holds a category, room or add-in of this name; the import overwrites it.",
    fix: "Back up mgc and rename or delete the 2013 item, or accept that the legacy item replaces it.",
  },
  TARGET_NOT_EMPTY: {
    severity: "info",
    section: "§2.2",
    meaning: "The target mgc is not empty; items with other names are kept next to the migrated ones.",
    fix: "Back up mgc before the import (the runbook does).",
  },
} as const satisfies Record<string, FindingCode>;

export type FindingCodeName = keyof typeof FINDING_CODES;

/** Builds a finding with the catalogued severity and, unless given, the catalogued fix. */
export function finding(code: FindingCodeName, subject: string, message: string, fix?: string): Finding {
  const c: FindingCode = FINDING_CODES[code];
  return { code, severity: c.severity, subject, message, fix: fix ?? c.fix };
}
