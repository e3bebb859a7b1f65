/**
 * A small legacy Lync 2010 Group Chat deployment held in memory (stands in for a Group Chat SQL
 * database or its snapshot): tests copy it, plant one case, and analyze it.
 */
import type { AddIn, Category, FileLink, Invitation, MessageDay, Principal, RoleAssignment, Room, ScopeEntry } from "../../migration-jobs/inventory/inventory";
import { memorySource } from "../../migration-jobs/inventory/memory-source";

export interface Legacy {
  categories: Category[];
  rooms: Room[];
  principals: Principal[];
  roleAssignments: RoleAssignment[];
  scopes: ScopeEntry[];
  invitations: Invitation[];
  addins: AddIn[];
  messageDays: MessageDay[];
  fileLinks: FileLink[];
}

export function cat(id: number, name: string | null, parentId: number | null, extra: Partial<Category> = {}): Category {
  return { id, guid: `00000000-0000-0000-0000-${String(id).padStart(12, "0")}`, name, description: null, parentId, isRoot: false, invitations: null, fileUpload: null, chatHistory: null, addinId: null, ...extra };
}

export function room(id: number, name: string | null, categoryId: number | null, extra: Partial<Room> = {}): Room {
  return { id, guid: `00000000-0000-0000-0001-${String(id).padStart(12, "0")}`, name, description: `about ${name}`, topic: null, categoryId, privacy: "open", type: "normal", disabled: false, invitations: null, fileUpload: null, chatHistory: null, addinId: null, ...extra };
}

export function user(id: number, alias: string, extra: Partial<Principal> = {}): Principal {
  return { id, guid: `00000000-0000-0000-0002-${String(id).padStart(12, "0")}`, uri: `sip:${alias}@contoso.com`, name: alias, kind: "user", typeId: 5, disabled: false, adPath: `CN=${alias},DC=contoso,DC=com`, ...extra };
}

export function day(roomId: number, d: string, messages: number, fileLinks = 0): MessageDay {
  return { roomId, day: d, messages, fileLinks, first: `${d}T08:00:00.000Z`, last: `${d}T17:00:00.000Z` };
}

export const GROUP = "ma-grp:sales-all";

export function baseLegacy(): Legacy {
  return {
    categories: [
      cat(1, "Root", 1, { isRoot: true, invitations: true, fileUpload: true, chatHistory: true }),
      cat(10, "Sales", 1),
      cat(11, "EMEA", 10),
      cat(12, "Deals", 11),
      cat(20, "Eng", 1),
    ],
    rooms: [room(100, "General", 20), room(101, "Pipeline", 12), room(102, "Q1", 11)],
    principals: [
      user(1000, "alice"),
      user(1001, "bob"),
      user(1002, "carol"),
      { ...user(1003, "sales-all"), uri: GROUP, kind: "group", typeId: 9 },
    ],
    roleAssignments: [
      { nodeId: 100, principalId: 1000, role: "member" },
      { nodeId: 100, principalId: 1001, role: "manager" },
      { nodeId: 101, principalId: 1002, role: "member" },
      { nodeId: 10, principalId: 1001, role: "creator" },
    ],
    scopes: [
      { nodeId: 10, principalId: 1003, denied: false },
      { nodeId: 20, principalId: 1000, denied: false },
      { nodeId: 20, principalId: 1001, denied: false },
    ],
    invitations: [{ principalId: 1000, nodeId: 100, createdAt: null }],
    addins: [{ id: "aaaaaaaa-0000-0000-0000-000000000001", name: "Tracker", url: "https://tracker.contoso.com/" }],
    messageDays: [day(100, "2020-01-01", 5, 1), day(100, "2024-06-01", 7, 2), day(101, "2024-06-02", 3), day(102, "2024-06-03", 4)],
    fileLinks: [
      { roomId: 100, url: "ma-filelink:///a.docx", day: "2020-01-01", bytes: 100 },
      { roomId: 100, url: "ma-filelink:///b.docx", day: "2024-06-01", bytes: 200 },
      { roomId: 100, url: "ma-filelink:///c.docx", day: "2024-06-01", bytes: 300 },
    ],
  };
}

export function source(l: Legacy) {
  return memorySource(l, { kind: "lync2010", description: "test legacy" });
}
