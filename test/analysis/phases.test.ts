/**
 * The phases of `analyze`, each by its own table (issue 10): the bit flags, the held-node phases, the
 * streamed folds over an in-memory source, and the totals of the importable model. The end-to-end
 * behaviour stays in analyze.test.ts.
 */
import type { Principal, PrincipalKind } from "../../migration-jobs/inventory/inventory";
import type { Finding } from "../../migration-jobs/common/finding";
import { resolveCategories } from "../../migration-jobs/analysis/categories";
import { PrincipalFlag, principalFlags, readPrincipals } from "../../migration-jobs/analysis/principals";
import { RoomFlag, convertAddins, nodeGuids, placeRooms, roomsByCategory } from "../../migration-jobs/analysis/nodes";
import { foldFileLinks, foldInvitations, foldMessageDays, foldRoles, foldScopes, type FoldContext } from "../../migration-jobs/analysis/fold";
import { effectiveScope } from "../../migration-jobs/analysis/convert";
import { cutoffFindings, importableModel, startRun } from "../../migration-jobs/analysis";
import type { ExpectedCategory, ExpectedRoom } from "../../migration-jobs/analysis/result";
import { baseLegacy, cat, day, room, source, user, type Legacy } from "./fixture";

const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe.each([
  ["an enabled user", "user", false, PrincipalFlag.EnabledUser],
  ["a disabled user", "user", true, PrincipalFlag.Disabled],
  ["a federated user", "federated-user", false, PrincipalFlag.Federated],
  ["a disabled federated group", "federated-group", true, PrincipalFlag.Federated | PrincipalFlag.Disabled],
  ["a group", "group", false, 0],
  ["an unknown type", "unknown", false, PrincipalFlag.UnknownType],
] as [string, PrincipalKind, boolean, number][])("principalFlags: %s", (_name, kind, disabled, flags) => {
  it(`is ${flags}`, () => expect(principalFlags({ kind, disabled })).toBe(flags));
});

describe("the flags are distinct bits", () => {
  it.each([
    ["PrincipalFlag", Object.values(PrincipalFlag).filter((v): v is number => typeof v === "number")],
    ["RoomFlag", Object.values(RoomFlag).filter((v): v is number => typeof v === "number")],
  ])("%s", (_name, bits) => {
    expect(bits.reduce((a, b) => a | b, 0)).toBe(bits.reduce((a, b) => a + b, 0));
    for (const b of bits) expect(b & (b - 1)).toBe(0);
  });
});

describe.each([
  ["distinct principals", [user(1, "a"), user(2, "b")], { count: 2, findings: [] as string[] }],
  ["a repeated prinID is read once", [user(1, "a"), user(1, "a")], { count: 1, findings: [] }],
  ["a shared GUID", [user(1, "a"), { ...user(2, "b"), guid: user(1, "a").guid!.toUpperCase() }], { count: 2, findings: ["DUPLICATE_GUID"] }],
  ["an undocumented type", [{ ...user(1, "a"), kind: "unknown" as const, typeId: 42 }], { count: 1, findings: ["PRINCIPAL_TYPE_UNKNOWN"] }],
] as [string, Principal[], { count: number; findings: string[] }][])("readPrincipals: %s", (_name, principals, expected) => {
  it("counts and reports", async () => {
    const findings: Finding[] = [];
    const table = await readPrincipals(source({ ...baseLegacy(), principals }), findings);
    expect({ count: table.count, findings: codes(findings) }).toEqual(expected);
    expect(table.flags).toHaveLength(table.count);
  });
});

describe.each([
  ["distinct GUIDs", [cat(1, "A", null)], [room(2, "r", 1)], [], false],
  ["a room with its category's GUID", [cat(1, "A", null)], [{ ...room(2, "r", 1), guid: cat(1, "A", null).guid }], ["DUPLICATE_GUID"], true],
  ["no GUIDs", [{ ...cat(1, "A", null), guid: null }], [{ ...room(2, "r", 1), guid: null }], [], false],
] as const)("nodeGuids: %s", (_name, categories, rooms, expected, shared) => {
  it("reports the second use and blocks both", () => {
    const findings: Finding[] = [];
    const sharesGuid = nodeGuids([...categories], [...rooms], findings);
    expect(codes(findings)).toEqual(expected);
    expect(sharesGuid(categories[0]!.guid)).toBe(shared);
  });
});

describe.each([
  ["one add-in", [{ id: "A", name: "Wiki", url: "u" }], "a", { expected: ["Wiki"], findings: [] as string[], ref: "Wiki" }],
  ["a nameless add-in is left out", [{ id: "A", name: null, url: "u" }], "a", { expected: [], findings: ["ADDIN_NAME_INVALID", "ADDIN_MISSING"], ref: null }],
  ["two add-ins of one name (case-insensitive)", [{ id: "A", name: "Wiki", url: "u" }, { id: "B", name: "wiki", url: "v" }], "b", { expected: ["Wiki"], findings: ["ADDIN_NAME_INVALID", "ADDIN_MISSING"], ref: null }],
] as const)("convertAddins: %s", (_name, addins, refId, expected) => {
  it("converts and resolves references", () => {
    const findings: Finding[] = [];
    const catalog = convertAddins([...addins], findings);
    const ref = catalog.nameOf(refId, "room x");
    expect({ expected: catalog.expected.map((a) => a.name), findings: codes(findings), ref }).toEqual(expected);
  });
});

const TREE = [cat(1, "Root", 1, { isRoot: true }), cat(10, "Sales", 1), cat(11, "Lost", 999)];
describe.each([
  ["a room in a placeable category", room(100, "General", 10), true, []],
  ["a disabled room", room(100, "General", 10, { disabled: true }), false, ["ROOM_DISABLED_EXCLUDED"]],
  ["a room of a missing category", room(100, "General", 12), false, ["ROOM_ORPHAN"]],
  ["a room of an orphan category", room(100, "General", 11), false, ["ROOM_ORPHAN"]],
  ["a room without a category", room(100, "General", null), false, ["ROOM_ORPHAN"]],
  ["a nameless room", room(100, "  ", 10), false, ["ROOM_NAME_MISSING"]],
] as const)("placeRooms: %s", (_name, r, migrates, expected) => {
  it(migrates ? "migrates" : "stays behind", () => {
    const findings: Finding[] = [];
    const placement = placeRooms([r], resolveCategories(TREE), findings);
    expect(codes(findings)).toEqual(expected);
    expect(placement.flags[0]).toBe(migrates ? RoomFlag.Migrates : 0);
    expect(placement.category[0]?.category.id ?? null).toBe(migrates ? 10 : null);
    expect(roomsByCategory(placement).get(10) ?? []).toEqual(migrates ? [0] : []);
  });
});

/** The fold context of a fixture, its phases before the folds run. */
async function foldContext(l: Legacy): Promise<FoldContext> {
  const findings: Finding[] = [];
  const resolved = resolveCategories(l.categories);
  return { source: source(l), principals: await readPrincipals(source(l), findings), placement: placeRooms(l.rooms, resolved, findings), resolved, progress: () => {} };
}

describe.each([
  ["no cutoff: every message of a migrating room counts since", null, { total: 19, beforeCutoff: 0, ofExcludedRooms: 0, since100: 12 }],
  ["a cutoff splits a room's days", "2024-01-01", { total: 19, beforeCutoff: 5, ofExcludedRooms: 0, since100: 7 }],
  ["the cutoff day itself migrates", "2024-06-01", { total: 19, beforeCutoff: 5, ofExcludedRooms: 0, since100: 7 }],
] as const)("foldMessageDays: %s", (_name, cutoff, expected) => {
  it("folds", async () => {
    const m = await foldMessageDays(await foldContext(baseLegacy()), cutoff);
    expect({ total: m.total, beforeCutoff: m.beforeCutoff, ofExcludedRooms: m.ofExcludedRooms, since100: m.sinceCutoff[0] }).toEqual(expected);
  });
});

describe.each([
  ["messages of a disabled room are excluded", (l: Legacy): void => void (l.rooms[0]!.disabled = true), { ofExcludedRooms: 12 }],
  ["messages of an unknown room are excluded", (l: Legacy): void => void l.messageDays.push(day(555, "2024-06-01", 9)), { ofExcludedRooms: 9 }],
] as const)("foldMessageDays: %s", (_name, plant, expected) => {
  it("folds", async () => {
    const l = baseLegacy();
    plant(l);
    expect(await foldMessageDays(await foldContext(l), null)).toMatchObject(expected);
  });
});

describe.each([
  ["no cutoff: every file", null, { rows: 3, toCopy: 3, bytes: 600 }],
  ["files before the cutoff stay", "2024-01-01", { rows: 3, toCopy: 2, bytes: 500 }],
  ["an unknown size makes the total unknown", "unknown-size", { rows: 3, toCopy: 3, bytes: null }],
] as const)("foldFileLinks: %s", (_name, cutoff, expected) => {
  it("folds", async () => {
    const l = baseLegacy();
    if (cutoff === "unknown-size") l.fileLinks[1]!.bytes = null;
    expect(await foldFileLinks(await foldContext(l), cutoff === "unknown-size" ? null : cutoff)).toEqual(expected);
  });
});

describe.each([
  ["the fixture's roles", (_l: Legacy): void => {}, { rows: 4, dangling: 0, roomRoles: 2, categoryRoles: 1, federated: 0 }],
  ["a role of an unknown principal", (l: Legacy): void => void l.roleAssignments.push({ nodeId: 100, principalId: 4242, role: "member" }), { rows: 5, dangling: 1, roomRoles: 2, categoryRoles: 1, federated: 0 }],
  ["a role on an unknown node", (l: Legacy): void => void l.roleAssignments.push({ nodeId: 4242, principalId: 1000, role: "member" }), { rows: 5, dangling: 1, roomRoles: 2, categoryRoles: 1, federated: 0 }],
  ["a role of a disabled room is not kept", (l: Legacy): void => void (l.rooms[1]!.disabled = true), { rows: 4, dangling: 0, roomRoles: 1, categoryRoles: 1, federated: 0 }],
  ["a federated member", (l: Legacy): void => void (l.principals[0]!.kind = "federated-user"), { rows: 4, dangling: 0, roomRoles: 2, categoryRoles: 1, federated: 1 }],
] as const)("foldRoles: %s", (_name, plant, expected) => {
  it("folds", async () => {
    const l = baseLegacy();
    plant(l);
    const r = await foldRoles(await foldContext(l));
    expect({ rows: r.rows, dangling: r.dangling, roomRoles: r.rooms.filter(Boolean).length, categoryRoles: r.categories.size, federated: r.federatedRooms.size }).toEqual(expected);
  });
});

describe.each([
  ["category scopes are kept", (_l: Legacy): void => {}, { categories: [10, 20], dangling: 0, findings: [] as string[] }],
  ["a room's own scope is dropped, reported once", (l: Legacy): void => void l.scopes.push({ nodeId: 100, principalId: 1000, denied: false }, { nodeId: 100, principalId: 1001, denied: true }), { categories: [10, 20], dangling: 0, findings: ["SCOPE_ON_ROOM_DROPPED"] }],
  ["a scope of an unknown principal", (l: Legacy): void => void l.scopes.push({ nodeId: 10, principalId: 4242, denied: false }), { categories: [10, 20], dangling: 1, findings: [] }],
] as const)("foldScopes: %s", (_name, plant, expected) => {
  it("folds", async () => {
    const l = baseLegacy();
    plant(l);
    const findings: Finding[] = [];
    const ctx = await foldContext(l);
    const s = await foldScopes(ctx, findings);
    expect({ categories: [...s.categories.keys()].sort(), dangling: s.dangling, findings: codes(findings) }).toEqual(expected);
    if (expected.findings.length > 0) expect(ctx.placement.flags[0]).toBe(RoomFlag.Migrates | RoomFlag.ScopeReported);
  });
});

describe.each([
  ["the fixture's invitation", (_l: Legacy): void => {}, { rows: 1, dangling: 0, room100: 1 }],
  ["an invitation to an unknown room", (l: Legacy): void => void l.invitations.push({ nodeId: 4242, principalId: 1000, createdAt: null }), { rows: 2, dangling: 1, room100: 1 }],
  ["an invitation of an unknown principal", (l: Legacy): void => void l.invitations.push({ nodeId: 100, principalId: 4242, createdAt: null }), { rows: 2, dangling: 1, room100: 1 }],
] as const)("foldInvitations: %s", (_name, plant, expected) => {
  it("folds", async () => {
    const l = baseLegacy();
    plant(l);
    const inv = await foldInvitations(await foldContext(l));
    expect({ rows: inv.rows, dangling: inv.dangling, room100: inv.perRoom[0] }).toEqual(expected);
  });
});

const SCOPE = { allowed: [1], denied: [] };
describe.each([
  ["its own scope", 12, [1, 10, 11, 12], new Map([[12, SCOPE]]), { definer: 12, inherited: false }],
  ["the nearest ancestor's", 12, [1, 10, 11, 12], new Map([[10, { allowed: [2], denied: [] }], [11, SCOPE]]), { definer: 11, inherited: true }],
  ["the root's", 12, [1, 10, 11, 12], new Map([[1, SCOPE]]), { definer: 1, inherited: true }],
  ["none", 12, [1, 10, 11, 12], new Map(), null],
] as const)("effectiveScope: %s", (_name, id, chain, scopes, expected) => {
  it("is found", () => {
    const s = effectiveScope(id, chain, scopes);
    expect(s && { definer: s.definer, inherited: s.inherited }).toEqual(expected);
  });
});

function er(blockedBy: string[], aces: number, invitations: number, messages: number): ExpectedRoom {
  const members = Array.from({ length: aces }, (_, i) => `sip:u${i}@contoso.com`);
  return { name: "r", category: "c", description: null, privacy: "open", type: "normal", disabled: false, invitations: "inherit", addin: null, managers: [], presenters: [], members, messagesSinceCutoff: messages, pendingInvitations: invitations, legacyId: 1, blockedBy };
}
function ec(blockedBy: string[], aces: number): ExpectedCategory {
  return { name: "c", description: null, invitations: true, fileUpload: true, chatHistory: true, allowed: Array.from({ length: aces }, (_, i) => `sip:u${i}@contoso.com`), denied: [], creators: [], addin: null, legacyId: 1, blockedBy };
}
describe.each([
  ["nothing blocked", [ec([], 2)], [er([], 3, 1, 10)], { categories: 1, rooms: 1, aces: 5, acesAll: 5, invitationsAfter: 1, invitationsAll: 1, messagesAfter: 10, messagesOfBlockedRooms: 0 }],
  ["a blocked room counts for the pool, not after", [ec([], 2)], [er([], 3, 1, 10), er(["ROOM_NAME_TOO_LONG"], 4, 2, 7)], { categories: 1, rooms: 1, aces: 5, acesAll: 9, invitationsAfter: 1, invitationsAll: 3, messagesAfter: 10, messagesOfBlockedRooms: 7 }],
  ["a blocked category", [ec(["DUPLICATE_GUID"], 2)], [], { categories: 0, rooms: 0, aces: 0, acesAll: 2, invitationsAfter: 0, invitationsAll: 0, messagesAfter: 0, messagesOfBlockedRooms: 0 }],
] as const)("importableModel: %s", (_name, categories, rooms, expected) => {
  it("totals", () => {
    const m = importableModel([...categories], [...rooms]);
    const { categories: c, rooms: r, ...totals } = m;
    expect({ categories: c.length, rooms: r.length, ...totals }).toEqual(expected);
  });
});

it("importableModel sorts every blockedBy", () => {
  const room = er(["ROOM_NAME_TOO_LONG", "DUPLICATE_GUID"], 0, 0, 0);
  importableModel([], [room]);
  expect(room.blockedBy).toEqual(["DUPLICATE_GUID", "ROOM_NAME_TOO_LONG"]);
});

describe.each([
  ["no cutoff", null, "All", 0, []],
  ["a cutoff at the default level", "2025-01-01", "All", 5, ["MESSAGES_BEFORE_CUTOFF", "CUTOFF_LEVEL_UNDOCUMENTED"]],
  ["a cutoff at RoomDirectory, nothing before it", "2025-01-01", "RoomDirectory", 0, []],
] as const)("cutoffFindings: %s", (_name, cutoff, level, before, expected) => {
  it("reports", () => {
    const findings: Finding[] = [];
    cutoffFindings({ cutoff, findings }, level, before, 10);
    expect(codes(findings)).toEqual(expected);
  });
});

describe.each([
  ["no options", {}, { separator: "_", cutoff: null }],
  ["a cutoff and a separator", { cutoff: "2025-01-01", separator: "/" }, { separator: "/", cutoff: "2025-01-01" }],
])("startRun: %s", (_name, opts, expected) => {
  it("takes the options", () => expect(startRun(opts)).toMatchObject({ ...expected, findings: [] }));
});
it("startRun refuses a malformed cutoff", () => expect(() => startRun({ cutoff: "2025-02-30" })).toThrow(/not a calendar date written YYYY-MM-DD/));
