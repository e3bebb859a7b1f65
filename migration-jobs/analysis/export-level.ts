/**
 * `Export-CsPersistentChatData -Level` (domain §4.1) and what each level carries into `mgc`, as the
 * readiness analysis and the verification read it. Here, not in runbook/, because the verification
 * (which may not import the runbook) compares per level.
 */

/** domain §4.1: the only values `Export-CsPersistentChatData -Level` accepts; the cmdlet's default is All. */
export const EXPORT_LEVELS = ["All", "User", "Category", "RoomDirectory", "Content"] as const;
export type ExportLevel = (typeof EXPORT_LEVELS)[number];

export const DEFAULT_EXPORT_LEVEL: ExportLevel = "All";

/**
 * What the verification can compare, by kind of object:
 * - `principals`: users and groups, by URI;
 * - `categories`: categories with their settings and their allowed, denied and creators lists;
 * - `rooms`: rooms with their settings, members, managers and presenters (the "room directory");
 * - `messages`: chat history, per room;
 * - `addins`: add-ins, and the add-in a category or room refers to.
 */
export const EXPORTED_KINDS = ["principals", "categories", "rooms", "messages", "addins"] as const;
export type ExportedKind = (typeof EXPORTED_KINDS)[number];

/**
 * Level -> the kinds of objects it exports, which are the kinds `verify` compares.
 *
 * Documented (domain §4.1, §4.4; PS:Export-CsPersistentChatData, LS:migration-process-details): the
 * levels are All, User, Category, RoomDirectory and Content; All is the full export; the exported
 * entities are users (principals), categories, the room directory (rooms, memberships, roles),
 * content (chat history) and add-ins.
 *
 * Inferred, not documented: which entity each other level carries. The docs list the levels and the
 * entities side by side but never pair them; pchat-kit pairs them by name:
 * - `User` -> principals;
 * - `Category` -> categories, with their allowed/denied/creators lists (part of a 2013 category's
 *   definition, domain §7.4);
 * - `RoomDirectory` -> rooms with their memberships and roles (§4.4's "room directory"); a room's own
 *   category setting is compared, the categories themselves are not;
 * - `Content` -> chat history (messages per room);
 * - add-ins: no level is named after them, so only `All` is taken to export them.
 * -StartDate, "start date for exported room content", is documented as valid only with RoomDirectory:
 * that hints RoomDirectory may carry content too, which the sheet's §4.4 does not say. The kit does
 * not compare messages at RoomDirectory; the verification's cutoff check (which runs at every level)
 * reports any content older than the cutoff that arrived anyway.
 */
export const EXPORTED_BY_LEVEL: Readonly<Record<ExportLevel, readonly ExportedKind[]>> = {
  All: EXPORTED_KINDS,
  User: ["principals"],
  Category: ["categories"],
  RoomDirectory: ["rooms"],
  Content: ["messages"],
};

export function isExportLevel(s: unknown): s is ExportLevel {
  return typeof s === "string" && (EXPORT_LEVELS as readonly string[]).includes(s);
}

export function exportedKinds(level: ExportLevel): readonly ExportedKind[] {
  return EXPORTED_BY_LEVEL[level];
}
