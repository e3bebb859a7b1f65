/** The pure conversion rules and the category-tree flattening, as tables of cases (no I/O). */
import { resolveCategories, FLATTEN_SEPARATOR, type CategoryStatus } from "../../migration-jobs/analysis/categories";
import { addinFindings, nodeNameTooLong, poolLimitFindings, roomInvitations, roomName2013, roomSettingOverrides, listSome, principalKey } from "../../migration-jobs/analysis/rules";
import { FINDING_CODES, finding } from "../../migration-jobs/analysis/codes";
import { cat, room } from "./fixture";

describe.each([
  [null, true, "inherit", false],
  [null, false, "inherit", false],
  [false, true, false, false],
  [false, false, false, false],
  [true, true, "inherit", false],
  [true, false, false, true],
] as const)("roomInvitations(room %p, category %p)", (r, c, value, forced) => {
  it(`is ${value}${forced ? ", forced" : ""}`, () => expect(roomInvitations(r, c)).toEqual({ value, forced }));
});

// The one naming rule (LS:migration-process-details: rooms "under a child category ... are prefixed
// with full parent category names"; a child category is a subcategory, see roomName2013).
describe.each([
  ["a room in a top-level category keeps its name", { flatName: "Eng", nested: false }, "General", "General"],
  ["a room under the root (its category named like the root) keeps its name", { flatName: "Root", nested: false }, "Lobby", "Lobby"],
  ["a room in a subcategory takes the category's flattened name", { flatName: "Sales_EMEA", nested: true }, "Q1", "Sales_EMEA_Q1"],
  ["... at any depth", { flatName: "Sales_EMEA_Deals", nested: true }, "Pipeline", "Sales_EMEA_Deals_Pipeline"],
] as const)("roomName2013: %s", (_name, category, room, expected) => {
  it(`is ${expected}`, () => expect(roomName2013(category, room, FLATTEN_SEPARATOR)).toBe(expected));
});

describe.each([
  ["256 characters in a top-level category", { flatName: "Cat", nested: false }, "x".repeat(256), false],
  ["257 characters in a top-level category", { flatName: "Cat", nested: false }, "x".repeat(257), true],
  ["252 + a 4-character prefix in a subcategory", { flatName: "A_B", nested: true }, "x".repeat(252), false],
  ["253 + a 4-character prefix in a subcategory", { flatName: "A_B", nested: true }, "x".repeat(253), true],
] as const)("the 256-character limit of nodeName, on the 2013 name: %s", (_name, category, room, expected) => {
  it(`is ${expected ? "too long" : "fine"}`, () => expect(nodeNameTooLong(roomName2013(category, room, FLATTEN_SEPARATOR))).toBe(expected));
});

describe.each([
  [{ provisionedUsers: 150_000, accessControlEntries: 2_000_000, invitations: 1_000_000 }, []],
  [{ provisionedUsers: 150_001, accessControlEntries: 0, invitations: 0 }, ["POOL_USERS_OVER_LIMIT"]],
  [{ provisionedUsers: 0, accessControlEntries: 2_000_001, invitations: 0 }, ["POOL_ACES_OVER_LIMIT"]],
  [{ provisionedUsers: 0, accessControlEntries: 0, invitations: 1_000_001 }, ["POOL_INVITATIONS_OVER_LIMIT"]],
])("poolLimitFindings(%j)", (totals, codes) => {
  it(`reports ${codes.join(", ") || "nothing"}`, () => expect(poolLimitFindings(totals).map((f) => f.code)).toEqual(codes));
});

describe.each([
  [{ id: "1", name: "ok", url: "https://x" }, []],
  [{ id: "1", name: "n".repeat(51), url: "https://x" }, ["ADDIN_NAME_TOO_LONG"]],
  [{ id: "1", name: "ok", url: "u".repeat(256) }, ["ADDIN_URL_TOO_LONG"]],
  [{ id: "1", name: "", url: null }, ["ADDIN_NAME_INVALID"]],
  [{ id: "1", name: "n".repeat(60), url: "u".repeat(300) }, ["ADDIN_NAME_TOO_LONG", "ADDIN_URL_TOO_LONG"]],
])("addinFindings(%#)", (a, codes) => {
  it(`reports ${codes.join(", ") || "nothing"}`, () => expect(addinFindings(a).map((f) => f.code)).toEqual(codes));
});

describe("roomSettingOverrides", () => {
  it("lists the rooms whose explicit value differs from the category's", () => {
    const rooms = [room(1, "a", 9, { fileUpload: false }), room(2, "b", 9, { fileUpload: true }), room(3, "c", 9)];
    expect(roomSettingOverrides(true, rooms, "fileUpload")).toEqual(["a"]);
    expect(roomSettingOverrides(false, rooms, "fileUpload")).toEqual(["b"]);
  });
});

// `nested`: a child category in the docs' sense, whose name and rooms' names take the prefix.
describe.each([
  ["a three-deep chain", [cat(2, "A", 1), cat(3, "B", 2), cat(4, "C", 3)], 4, "ok", "A_B_C", true],
  ["a grandchild of the root", [cat(2, "A", 1), cat(3, "B", 2)], 3, "ok", "A_B", true],
  ["a child of the root", [cat(2, "A", 1)], 2, "ok", "A", false],
  ["the root itself", [], 1, "ok", "Root", false],
  ["a two-node loop", [cat(2, "A", 3), cat(3, "B", 2)], 2, "cycle", null, false],
  ["a self-loop that is not the root", [cat(2, "A", 2, { isRoot: false })], 2, "ok", "A", false],
  ["below a loop", [cat(2, "A", 3), cat(3, "B", 2), cat(4, "C", 2)], 4, "ancestor-broken", null, false],
  ["a missing parent", [cat(2, "A", 99)], 2, "orphan", null, false],
  ["below a missing parent", [cat(2, "A", 99), cat(3, "B", 2)], 3, "ancestor-broken", null, false],
  ["a nameless category", [cat(2, null, 1)], 2, "unnamed", null, false],
  ["below a nameless category", [cat(2, "  ", 1), cat(3, "B", 2)], 3, "ancestor-broken", null, false],
] as const)("resolveCategories: %s", (_t, cats, id, status: CategoryStatus, name, nested) => {
  it(`is ${status}${name ? ` named ${name}` : ""}${nested ? ", nested" : ""}`, () => {
    const root = cat(1, "Root", 1, { isRoot: true });
    const r = resolveCategories([root, ...cats]).get(id)!;
    expect(r.status).toBe(status);
    expect(r.flatName).toBe(name);
    expect(r.nested).toBe(nested);
  });
});

describe("a nameless root", () => {
  it("breaks nothing below it", () => {
    const r = resolveCategories([cat(1, null, 1, { isRoot: true }), cat(2, "A", 1), cat(3, "B", 2)]);
    expect(r.get(3)!.flatName).toBe("A_B");
    expect(r.get(1)!.flatName).toBe("Root");
  });
});

describe("inherited settings", () => {
  it.each([
    [{ invitations: false }, {}, false],
    [{ invitations: false }, { invitations: true }, true],
    [{}, {}, true],
  ])("parent %j child %j -> invitations %p", (p, c, expected) => {
    const r = resolveCategories([cat(1, "Root", 1, { isRoot: true }), cat(2, "A", 1, p), cat(3, "B", 2, c)]);
    expect(r.get(3)!.invitations).toBe(expected);
  });
});

describe("helpers", () => {
  it("every catalogued code has a fix and a meaning", () => {
    for (const [code, c] of Object.entries(FINDING_CODES)) {
      expect(c.fix.length).toBeGreaterThan(10);
      expect(c.meaning.length).toBeGreaterThan(10);
      expect(finding(code as keyof typeof FINDING_CODES, "s", "m").severity).toBe(c.severity);
    }
  });
  it("lists a few names and counts the rest", () => expect(listSome(["a", "b", "c"], 2)).toBe('"a", "b" and 1 more'));
  it("names a principal by URI, by id when it has none", () => {
    expect(principalKey({ id: 5, uri: "sip:a@b" })).toBe("sip:a@b");
    expect(principalKey({ id: 5, uri: null })).toBe("principal-id:5");
  });
});
