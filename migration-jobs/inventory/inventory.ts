/**
 * The canonical inventory of a Group Chat or Persistent Chat deployment, the same for the three
 * database generations (Lync 2010 Group Chat, OCS 2007 R2 Group Chat, Lync 2013 `mgc`).
 * Readers (live SQL or snapshot) produce it; analysis and verification consume it.
 *
 * The shapes stay close to the tables of section 7 of the domain sheet (tblNode, tblPrincipal,
 * tblPrincipalRole, tblScopePrincipal, tblPrincipalInvites, tblSiopWhiteList, tblChat), but every
 * field a legacy database may hold badly is nullable: bad legacy data becomes findings, never a crash.
 * Ids are the databases' own integer ids (nodeID, prinID); guids are lower-case strings.
 */

/** Which database generation an inventory came from. */
export type SourceKind = "lync2010" | "ocs2007r2" | "lync2013";

export interface SourceInfo {
  kind: SourceKind;
  /** Database name, e.g. `GroupChat` or `mgc`. */
  database: string;
  /** `host\instance` or `host,port`; never credentials. Null for synthetic samples. */
  server: string | null;
  /** The tables/columns that identified the schema (e.g. "tblNode.topic present"). */
  schemaEvidence: string[];
  /** When the inventory was read, ISO 8601. */
  readAt: string;
}

/**
 * A category node (tblNode with nodeType = 1). In the legacy databases categories nest (a tree
 * under the root node, which is its own parent); in 2013 they are flat.
 */
export interface Category {
  id: number;
  guid: string | null;
  name: string | null;
  description: string | null;
  /** Parent category id; null for the root node (legacy) and for every 2013 category. */
  parentId: number | null;
  /** The legacy root node (nodeID 1, its own parent). Its managers become managers of every room. */
  isRoot: boolean;
  /** `invite`: null = inherited from the parent (legacy only). */
  invitations: boolean | null;
  /** `filePost`: null = inherited (legacy only). */
  fileUpload: boolean | null;
  /** `logged`: null = inherited (legacy only). */
  chatHistory: boolean | null;
  /** `siopID`: an add-in, if any. */
  addinId: string | null;
}

/** tblNode.visibility: 6 Open, 3 Scoped (Closed), 2 Private (Secret). */
export type RoomPrivacy = "open" | "closed" | "secret";
/** tblNode.behavior: 4 Normal, 5 Auditorium. */
export type RoomType = "normal" | "auditorium";

/** A room node (tblNode with nodeType = 0). */
export interface Room {
  id: number;
  guid: string | null;
  name: string | null;
  description: string | null;
  /** Legacy only; dropped by the 2013 import. */
  topic: string | null;
  categoryId: number | null;
  privacy: RoomPrivacy | null;
  type: RoomType | null;
  disabled: boolean;
  /** Rooms: false = off, null = inherit from the category. */
  invitations: boolean | null;
  /** Legacy per-room settings that move to the category in 2013; null = inherit. Always null in 2013. */
  fileUpload: boolean | null;
  chatHistory: boolean | null;
  addinId: string | null;
}

/**
 * tblPrincipalType ids: 1 Any, 2 AnyUser, 3 AnyGroup, 4 SystemUser, 5 User, 6 ExternalUser (legacy),
 * 7 FederatedUser (legacy), 8 DC, 9 Group, 10 Folder. Anything else is `unknown` (a finding).
 */
export type PrincipalKind = "user" | "group" | "federated-user" | "federated-group" | "container" | "domain" | "system" | "any" | "unknown";

export interface Principal {
  id: number;
  guid: string | null;
  /** `sip:` for users, `ma-grp:` for most others. */
  uri: string | null;
  name: string | null;
  kind: PrincipalKind;
  /** The raw prinTypeID, kept for reports on unknown types. */
  typeId: number;
  /** Legacy bit / 2013 smallint (1 SIP disabled, 2 AD object deleted) folded to a boolean. */
  disabled: boolean;
  adPath: string | null;
}

export type Role = "member" | "manager" | "presenter" | "creator";

/** tblPrincipalRole: an explicit role of a principal on a node (room or category). */
export interface RoleAssignment {
  nodeId: number;
  principalId: number;
  role: Role;
}

/** tblScopePrincipal: a category's (or legacy node's) scope. Legacy scopes are never denied. */
export interface ScopeEntry {
  nodeId: number;
  principalId: number;
  denied: boolean;
}

/** tblPrincipalInvites: a pending invitation of a principal to a room. */
export interface Invitation {
  principalId: number;
  nodeId: number;
  /** ISO 8601, null when unknown. */
  createdAt: string | null;
}

/** tblSiopWhiteList. */
export interface AddIn {
  id: string;
  name: string | null;
  url: string | null;
}

/**
 * Message statistics of one room for one UTC day, computed in SQL (GROUP BY room, day). A daily
 * histogram lets any cutoff date be applied later, from a live database or from a snapshot, while
 * memory does not grow with the number of messages.
 */
export interface MessageDay {
  roomId: number;
  /** YYYY-MM-DD (UTC). */
  day: string;
  messages: number;
  /** Messages of that day whose content holds an `ma-filelink:` link. */
  fileLinks: number;
  /** First and last message time of that day, ISO 8601. */
  first: string;
  last: string;
}

/** A file posted in a room (an `ma-filelink:` link in message content). Files move by copy, not by the import. */
export interface FileLink {
  roomId: number;
  /** The link as it appears in content. */
  url: string;
  /** Day of the message holding the link (YYYY-MM-DD), so the cutoff applies to files too. */
  day: string;
  /** Size when the file store was read as well; null when unknown. */
  bytes: number | null;
}

/** The entities of an inventory, in the order they are read and written. */
export const ENTITIES = [
  "categories",
  "rooms",
  "principals",
  "roleAssignments",
  "scopes",
  "invitations",
  "addins",
  "messageDays",
  "fileLinks",
] as const;
export type EntityName = (typeof ENTITIES)[number];

export interface EntityTypes {
  categories: Category;
  rooms: Room;
  principals: Principal;
  roleAssignments: RoleAssignment;
  scopes: ScopeEntry;
  invitations: Invitation;
  addins: AddIn;
  messageDays: MessageDay;
  fileLinks: FileLink;
}

/**
 * Anything an inventory can be read from: a live database (readers/) or a snapshot directory
 * (snapshot/). Every entity streams, so large tables never sit in memory as a whole.
 * Each call to `read` starts a fresh pass over that entity.
 */
export interface InventorySource {
  /** For messages and reports; never contains credentials. */
  readonly description: string;
  info(): Promise<SourceInfo>;
  read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]>;
  close(): Promise<void>;
}
