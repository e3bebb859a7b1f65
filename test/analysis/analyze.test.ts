/**
 * The readiness analysis, rule by rule, over in-memory legacy inventories (standing in for a Lync 2010
 * Group Chat database or its snapshot): each case plants one situation in a clean deployment and
 * expects its finding and its effect on the expected 2013 model.
 */
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { FINDING_CODES } from "../../migration-jobs/analysis/codes";
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import { baseLegacy, cat, day, GROUP, room, source, user, type Legacy } from "./fixture";

const roomOf = (r: AnalysisResult, name: string) => r.target.rooms.find((x) => x.name === name);
const catOf = (r: AnalysisResult, name: string) => r.target.categories.find((x) => x.name === name);

describe("a clean deployment", () => {
  it("converts without errors or warnings, flattening names with the separator", async () => {
    const r = await analyze(source(baseLegacy()));
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.blocking.blocked).toBe(false);
    expect(r.target.categories.map((c) => c.name).sort()).toEqual(["Eng", "Sales", "Sales_EMEA", "Sales_EMEA_Deals"]);
    // Rooms of subcategories take the flattened category name as a prefix; a top-level category's do not.
    expect(r.target.rooms.map((x) => x.name).sort()).toEqual(["General", "Sales_EMEA_Deals_Pipeline", "Sales_EMEA_Q1"]);
    expect(roomOf(r, "Sales_EMEA_Deals_Pipeline")?.category).toBe("Sales_EMEA_Deals");
    expect([...r.target.rooms, ...r.target.categories].every((x) => x.blockedBy.length === 0)).toBe(true);
    expect(roomOf(r, "General")).toMatchObject({ category: "Eng", members: ["sip:alice@contoso.com"], managers: ["sip:bob@contoso.com"], messagesSinceCutoff: 12, invitations: "inherit", pendingInvitations: 1 });
    expect(catOf(r, "Eng")).toMatchObject({ allowed: ["sip:alice@contoso.com", "sip:bob@contoso.com"], denied: [], invitations: true, fileUpload: true, chatHistory: true });
    expect(r.counts.before).toMatchObject({ categories: 5, rooms: 3, principals: 4, roleAssignments: 4, scopes: 3, invitations: 1, messages: 19 });
    expect(r.counts.after).toMatchObject({ categories: 4, rooms: 3, messagesSinceCutoff: 19, accessControlEntries: 11 });
    // 3 room roles; Sales, Sales_EMEA, Sales_EMEA_Deals each 1 allowed (inherited) + 1 creator (inherited); Eng 2 allowed
    expect(r.files).toEqual({ count: 3, bytes: 600 });
  });
});

interface Case {
  title: string;
  plant: (l: Legacy) => void;
  opts?: { cutoff?: string };
  code: keyof typeof FINDING_CODES;
  subject: string;
  check?: (r: AnalysisResult) => void;
}

const cases: Case[] = [
  {
    title: "nested categories are flattened with parent-name prefixes (root excluded)",
    plant: () => {},
    code: "CATEGORY_FLATTENED",
    subject: 'category "Deals" (id 12)',
    check: (r) => expect(catOf(r, "Sales_EMEA_Deals")).toBeDefined(),
  },
  {
    title: "root-category managers become managers of every room",
    plant: (l) => l.roleAssignments.push({ nodeId: 1, principalId: 1002, role: "manager" }),
    code: "MANAGERS_COPIED_TO_ROOMS",
    subject: 'category "Root" (id 1)',
    check: (r) => {
      for (const x of r.target.rooms) expect(x.managers).toContain("sip:carol@contoso.com");
    },
  },
  {
    title: "room name over 256 characters including the prefix",
    // "Sales_EMEA_Deals_" is 17 characters: 17 + 240 = 257.
    plant: (l) => (l.rooms[1]!.name = "x".repeat(240)),
    code: "ROOM_NAME_TOO_LONG",
    subject: "(id 101)",
  },
  {
    title: "categories colliding after flattening",
    plant: (l) => l.categories.push(cat(13, "Sales_EMEA", 1)),
    code: "CATEGORY_NAME_COLLISION",
    subject: "Sales_EMEA",
  },
  {
    title: "a room named like a category",
    plant: (l) => l.rooms.push(room(103, "Eng", 20)),
    code: "ROOM_NAMED_LIKE_CATEGORY",
    subject: 'room "Eng" (id 103)',
  },
  {
    title: "two rooms of the same name (case-insensitive)",
    plant: (l) => l.rooms.push(room(103, "general", 20)),
    code: "ROOM_NAME_COLLISION",
    subject: "(id 103)",
    check: (r) => {
      // The later room is left out; the one kept is marked: which one the import keeps is not known.
      expect(r.target.rooms.filter((x) => x.name.toLowerCase() === "general")).toEqual([expect.objectContaining({ legacyId: 100, blockedBy: ["ROOM_NAME_COLLISION"] })]);
    },
  },
  {
    title: "a room whose own name equals another room's prefixed 2013 name",
    plant: (l) => l.rooms.push(room(103, "Sales_EMEA_Q1", 20)),
    code: "ROOM_NAME_COLLISION",
    subject: "(id 103)",
  },
  {
    title: "room invitations on in a category that has them off are forced to false",
    plant: (l) => {
      l.categories[4]!.invitations = false;
      l.rooms[0]!.invitations = true;
    },
    code: "ROOM_INVITATIONS_FORCED_OFF",
    subject: 'room "General"',
    check: (r) => expect(roomOf(r, "General")?.invitations).toBe(false),
  },
  {
    title: "federated users become disabled principals, listing their rooms",
    plant: (l) => {
      l.principals.push({ ...user(1004, "fred"), uri: "sip:fred@fabrikam.com", kind: "federated-user", typeId: 7 });
      l.roleAssignments.push({ nodeId: 100, principalId: 1004, role: "member" });
    },
    code: "FEDERATED_PRINCIPAL_DISABLED",
    subject: "sip:fred@fabrikam.com",
    check: (r) => {
      expect(r.findings.find((f) => f.code === "FEDERATED_PRINCIPAL_DISABLED")?.message).toContain('"General"');
      expect(r.counts.after.disabledPrincipals).toBe(1);
    },
  },
  {
    title: "room topics are dropped",
    plant: (l) => (l.rooms[0]!.topic = "Weekly sync"),
    code: "ROOM_TOPIC_DROPPED",
    subject: 'room "General"',
  },
  {
    title: "per-room file upload that disagrees with the category: the category's value wins",
    plant: (l) => (l.rooms[0]!.fileUpload = false),
    code: "ROOM_SETTINGS_DISAGREE",
    subject: 'category "Eng"',
    check: (r) => expect(catOf(r, "Eng")?.fileUpload).toBe(true),
  },
  {
    title: "per-room chat history that disagrees with the category",
    plant: (l) => {
      l.categories[4]!.chatHistory = false;
      l.rooms[0]!.chatHistory = true;
    },
    code: "ROOM_SETTINGS_DISAGREE",
    subject: 'category "Eng"',
    check: (r) => expect(catOf(r, "Eng")?.chatHistory).toBe(false),
  },
  {
    title: "inherited scopes are copied down from the scope-defining ancestor",
    plant: () => {},
    code: "SCOPE_INHERITED",
    subject: 'category "Sales_EMEA"',
    check: (r) => {
      expect(catOf(r, "Sales_EMEA")?.allowed).toEqual([GROUP]);
      expect(catOf(r, "Sales_EMEA_Deals")?.allowed).toEqual([GROUP]);
      expect(catOf(r, "Sales_EMEA_Deals")?.creators).toEqual(["sip:bob@contoso.com"]);
    },
  },
  {
    title: "a scope on a room is dropped (2013 scopes live on categories)",
    plant: (l) => l.scopes.push({ nodeId: 100, principalId: 1002, denied: false }),
    code: "SCOPE_ON_ROOM_DROPPED",
    subject: 'room "General"',
  },
  {
    title: "disabled rooms are excluded with their messages",
    plant: (l) => (l.rooms[2]!.disabled = true),
    code: "ROOM_DISABLED_EXCLUDED",
    subject: 'room "Q1"',
    check: (r) => {
      expect(roomOf(r, "Q1")).toBeUndefined();
      expect(r.counts.excluded.messagesOfExcludedRooms).toBe(4);
      expect(r.counts.before.disabledRooms).toBe(1);
    },
  },
  {
    title: "messages before the cutoff are excluded and counted",
    plant: () => {},
    opts: { cutoff: "2023-01-01" },
    code: "MESSAGES_BEFORE_CUTOFF",
    subject: "messages",
    check: (r) => {
      expect(roomOf(r, "General")?.messagesSinceCutoff).toBe(7);
      expect(r.counts.excluded.messagesBeforeCutoff).toBe(5);
      expect(r.files).toEqual({ count: 2, bytes: 500 });
    },
  },
  {
    title: "files to copy, bytes unknown when a size is",
    plant: (l) => l.fileLinks.push({ roomId: 101, url: "ma-filelink:///d", day: "2024-06-02", bytes: null }),
    code: "FILES_TO_COPY",
    subject: "file store",
    check: (r) => expect(r.files).toEqual({ count: 4, bytes: null }),
  },
  { title: "add-in name over 50", plant: (l) => (l.addins[0]!.name = "n".repeat(51)), code: "ADDIN_NAME_TOO_LONG", subject: "add-in" },
  { title: "add-in URL over 255", plant: (l) => (l.addins[0]!.url = "https://x/" + "u".repeat(250)), code: "ADDIN_URL_TOO_LONG", subject: "add-in" },
  { title: "add-in without a name", plant: (l) => (l.addins[0]!.name = null), code: "ADDIN_NAME_INVALID", subject: "add-in" },
  {
    title: "a room refers to a missing add-in",
    plant: (l) => (l.rooms[0]!.addinId = "bbbbbbbb-0000-0000-0000-000000000000"),
    code: "ADDIN_MISSING",
    subject: 'room "General"',
    check: (r) => expect(roomOf(r, "General")?.addin).toBeNull(),
  },
  {
    title: "presenters of a Normal room are dropped",
    plant: (l) => l.roleAssignments.push({ nodeId: 100, principalId: 1002, role: "presenter" }),
    code: "NORMAL_ROOM_PRESENTERS_DROPPED",
    subject: 'room "General"',
    check: (r) => expect(roomOf(r, "General")?.presenters).toEqual([]),
  },
  {
    title: "rooms directly under the root get a category named like the root",
    plant: (l) => l.rooms.push(room(103, "Lobby", 1)),
    code: "ROOT_HOLDS_ROOMS",
    subject: 'category "Root"',
    check: (r) => expect(roomOf(r, "Lobby")?.category).toBe("Root"),
  },
  // --- bad legacy data: findings, never a crash ---
  {
    title: "a parent cycle",
    plant: (l) => {
      l.categories.push(cat(30, "A", 31), cat(31, "B", 30));
      l.rooms.push(room(103, "InLoop", 30));
    },
    code: "CATEGORY_PARENT_CYCLE",
    subject: 'category "A" (id 30)',
    check: (r) => {
      expect(r.findings.some((f) => f.code === "ROOM_ORPHAN" && f.subject.includes("InLoop"))).toBe(true);
      expect(roomOf(r, "InLoop")).toBeUndefined();
    },
  },
  { title: "an orphan category", plant: (l) => l.categories.push(cat(30, "Lost", 999)), code: "CATEGORY_ORPHAN", subject: 'category "Lost"' },
  { title: "an orphan room", plant: (l) => l.rooms.push(room(103, "Stray", 999)), code: "ROOM_ORPHAN", subject: 'room "Stray"' },
  { title: "a room without category", plant: (l) => l.rooms.push(room(103, "Nowhere", null)), code: "ROOM_ORPHAN", subject: 'room "Nowhere"' },
  { title: "a category with a null name", plant: (l) => l.categories.push(cat(30, null, 1)), code: "CATEGORY_NAME_MISSING", subject: "(id 30)" },
  { title: "a room with a null name", plant: (l) => l.rooms.push(room(103, null, 20)), code: "ROOM_NAME_MISSING", subject: "(id 103)" },
  { title: "an over-long category name", plant: (l) => l.categories.push(cat(30, "c".repeat(257), 1)), code: "CATEGORY_NAME_TOO_LONG", subject: "(id 30)" },
  {
    title: "an unknown principal type",
    plant: (l) => l.principals.push({ ...user(1005, "odd"), kind: "unknown", typeId: 42 }),
    code: "PRINCIPAL_TYPE_UNKNOWN",
    subject: "sip:odd@contoso.com",
  },
  { title: "duplicate node GUIDs", plant: (l) => (l.rooms[1]!.guid = l.rooms[0]!.guid), code: "DUPLICATE_GUID", subject: 'room "Pipeline"' },
  { title: "duplicate principal GUIDs", plant: (l) => (l.principals[1]!.guid = l.principals[0]!.guid), code: "DUPLICATE_GUID", subject: "sip:bob@contoso.com" },
  {
    title: "rows referring to missing nodes or principals",
    plant: (l) => {
      l.roleAssignments.push({ nodeId: 5555, principalId: 1000, role: "member" });
      l.invitations.push({ principalId: 7777, nodeId: 100, createdAt: null });
    },
    code: "DANGLING_REFERENCE",
    subject: "legacy database",
  },
];

describe.each(cases)("$title", ({ plant, opts, code, subject, check }) => {
  it(`reports ${code} with its catalogued severity`, async () => {
    const l = baseLegacy();
    plant(l);
    const r = await analyze(source(l), opts ?? {});
    const hit = r.findings.find((f) => f.code === code && f.subject.includes(subject));
    expect(hit).toBeDefined();
    expect(hit!.severity).toBe(FINDING_CODES[code].severity);
    expect(hit!.fix.length).toBeGreaterThan(10);
    check?.(r);
  });
});

describe("boundaries that must not be reported", () => {
  it.each([
    ["room name exactly 256 with its prefix", (l: Legacy): void => {
      l.rooms[1]!.name = "x".repeat(239);
    }, "ROOM_NAME_TOO_LONG"],
    ["a 256-character room in a top-level category (not prefixed)", (l: Legacy): void => {
      l.rooms[0]!.name = "x".repeat(256);
    }, "ROOM_NAME_TOO_LONG"],
    ["rooms of one name in different subcategories (their prefixes differ)", (l: Legacy): void => {
      l.rooms.push(room(103, "Pipeline", 11));
    }, "ROOM_NAME_COLLISION"],
    ["a room named like a category's own name when its prefixed name is not", (l: Legacy): void => {
      l.rooms.push(room(103, "Eng", 11));
    }, "ROOM_NAMED_LIKE_CATEGORY"],
    ["add-in name of exactly 50", (l: Legacy): void => {
      l.addins[0]!.name = "n".repeat(50);
    }, "ADDIN_NAME_TOO_LONG"],
    ["add-in URL of exactly 255", (l: Legacy): void => {
      l.addins[0]!.url = "u".repeat(255);
    }, "ADDIN_URL_TOO_LONG"],
    ["room invitations on in a category with them on", (l: Legacy): void => {
      l.rooms[0]!.invitations = true;
    }, "ROOM_INVITATIONS_FORCED_OFF"],
    ["room settings equal to the category's", (l: Legacy): void => {
      l.rooms[0]!.fileUpload = true;
    }, "ROOM_SETTINGS_DISAGREE"],
  ] as const)("%s", async (_t, plant, code) => {
    const l = baseLegacy();
    plant(l);
    const r = await analyze(source(l));
    expect(r.findings.filter((f) => f.code === code)).toEqual([]);
  });
});

describe("the target mgc", () => {
  it("names the items the import will overwrite", async () => {
    const target = memorySource(
      // "Pipeline" alone is another room: the legacy one is named Sales_EMEA_Deals_Pipeline in 2013.
      { categories: [cat(5, "Eng", null)], rooms: [room(6, "Sales_EMEA_Deals_Pipeline", 5), room(7, "Pipeline", 5)], addins: [{ id: "x", name: "tracker", url: "u" }] },
      { kind: "lync2013" },
    );
    const r = await analyze(source(baseLegacy()), { target });
    const over = r.findings.filter((f) => f.code === "TARGET_WILL_OVERWRITE").map((f) => f.subject);
    expect(over.sort()).toEqual(['add-in "tracker"', 'category "Eng"', 'room "Sales_EMEA_Deals_Pipeline"']);
    expect(r.findings.some((f) => f.code === "TARGET_NOT_EMPTY")).toBe(true);
    expect(r.targetSource?.kind).toBe("lync2013");
  });
  it("says nothing about an empty target", async () => {
    const r = await analyze(source(baseLegacy()), { target: memorySource({}, { kind: "lync2013" }) });
    expect(r.findings.filter((f) => f.code.startsWith("TARGET_"))).toEqual([]);
  });
});

describe("pool-wide limits on the converted totals", () => {
  it("counts root managers copied to every room as access control entries", async () => {
    const l = baseLegacy();
    l.roleAssignments.push({ nodeId: 1, principalId: 1002, role: "manager" });
    const r = await analyze(source(l));
    const base = await analyze(source(baseLegacy()));
    // carol is added to the 3 rooms (she was already member, not manager, of Pipeline)
    expect(r.counts.after.accessControlEntries - base.counts.after.accessControlEntries).toBe(3);
  });
});

describe("blocking", () => {
  it("errors block; warnings block unless accepted", async () => {
    const l = baseLegacy();
    l.rooms[0]!.topic = "t";
    l.categories[4]!.invitations = false;
    l.rooms[0]!.invitations = true;
    const warn = await analyze(source(l));
    expect(warn.blocking).toMatchObject({ errors: 0, blocked: true, blockedUnlessWarningsAccepted: false });
    expect((await analyze(source(l), { acceptWarnings: true })).blocking.blocked).toBe(false);
    l.rooms[1]!.name = null;
    expect((await analyze(source(l), { acceptWarnings: true })).blocking.blocked).toBe(true);
  });
  it("sorts findings errors first", async () => {
    const l = baseLegacy();
    l.rooms[0]!.topic = "t";
    l.rooms[1]!.name = null;
    const r = await analyze(source(l));
    expect(r.findings[0]!.severity).toBe("error");
    expect(r.findings[r.findings.length - 1]!.severity).toBe("info");
  });
  it("refuses a malformed cutoff", async () => {
    await expect(analyze(source(baseLegacy()), { cutoff: "2024-13-01" })).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe("message statistics stream", () => {
  it("handles many day rows without holding them", async () => {
    const l = baseLegacy();
    const rows = 20000;
    const src = memorySource({
      ...l,
      messageDays: async function* () {
        for (let i = 0; i < rows; i++) yield day(100, `2024-01-${String((i % 28) + 1).padStart(2, "0")}`, 2);
      },
    });
    const r = await analyze(src);
    expect(roomOf(r, "General")?.messagesSinceCutoff).toBe(rows * 2);
  });
});
