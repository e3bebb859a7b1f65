/**
 * Verification against a simulated import (standing in for the lab's 2013 `mgc` database, which this
 * machine does not have): a faithful import passes; each deliberate difference is reported by object.
 */
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { verify, simulateImport, mismatchFindings, type Mismatch } from "../../migration-jobs/verification";
import { baseLegacy, GROUP, source } from "../analysis/fixture";

async function expected(cutoff?: string): Promise<AnalysisResult> {
  const l = baseLegacy();
  l.roleAssignments.push({ nodeId: 1, principalId: 1002, role: "manager" });
  l.scopes.push({ nodeId: 20, principalId: 1002, denied: true });
  l.principals.push({ id: 1004, guid: null, uri: "sip:fred@fabrikam.com", name: "fred", kind: "federated-user", typeId: 7, disabled: false, adPath: null });
  return analyze(source(l), cutoff ? { cutoff } : {});
}

describe("a faithful import", () => {
  it.each([
    ["with the legacy histogram", true, undefined],
    ["from the model alone", false, undefined],
    ["with a cutoff", true, "2023-01-01"],
  ])("verifies %s", async (_t, withLegacy, cutoff) => {
    const r = await expected(cutoff);
    const target = simulateImport(r, withLegacy ? source(baseLegacy()) : null);
    const v = await verify(r, target);
    expect(v.mismatches).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.counts.actual).toEqual(v.counts.expected);
    expect(v.target.kind).toBe("lync2013");
  });
  it("disables federated principals and drops the root", async () => {
    const r = await expected();
    const l = baseLegacy();
    l.principals.push({ id: 1004, guid: null, uri: "sip:fred@fabrikam.com", name: "fred", kind: "federated-user", typeId: 7, disabled: false, adPath: null });
    const t = simulateImport(r, source(l));
    const ps = [];
    for await (const p of t.read("principals")) ps.push(p);
    const cats = [];
    for await (const c of t.read("categories")) cats.push(c);
    expect(cats.every((c) => c.parentId === null && !c.isRoot)).toBe(true);
    expect((await t.info()).kind).toBe("lync2013");
    expect(ps.find((p) => p.uri === "sip:fred@fabrikam.com")?.disabled).toBe(true);
    expect(ps.find((p) => p.uri === "sip:alice@contoso.com")?.disabled).toBe(false);
  });
});

interface Diff {
  title: string;
  alter: (r: AnalysisResult) => void;
  expect: Partial<Mismatch>;
}

const diffs: Diff[] = [
  // Pipeline and Q1 sit in subcategories: their 2013 names carry the flattened category name.
  { title: "a room missing", alter: (r) => void r.target.rooms.splice(r.target.rooms.findIndex((x) => x.name === "Sales_EMEA_Deals_Pipeline"), 1), expect: { object: "room", name: "Sales_EMEA_Deals_Pipeline", kind: "missing" } },
  {
    title: "an extra room",
    alter: (r) => void r.target.rooms.push({ ...r.target.rooms[0]!, name: "Surprise", legacyId: 999 }),
    expect: { object: "room", name: "Surprise", kind: "extra" },
  },
  {
    title: "a manager lost",
    alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.managers = ["sip:bob@contoso.com"]),
    expect: { object: "room", name: "General", kind: "principals", field: "managers", missing: ["sip:carol@contoso.com"], extra: [] },
  },
  {
    title: "a message count short",
    alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.messagesSinceCutoff -= 3),
    expect: { object: "room", name: "General", kind: "messages", expected: 12, actual: 9 },
  },
  { title: "a room setting changed", alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.privacy = "secret"), expect: { object: "room", name: "General", kind: "setting", field: "privacy", expected: "open", actual: "secret" } },
  { title: "a category setting changed", alter: (r) => (r.target.categories.find((x) => x.name === "Eng")!.fileUpload = false), expect: { object: "category", name: "Eng", kind: "setting", field: "fileUpload" } },
  { title: "an extra category", alter: (r) => void r.target.categories.push({ ...r.target.categories[0]!, name: "Extra cat" }), expect: { object: "category", name: "Extra cat", kind: "extra" } },
  {
    title: "a denied member lost",
    alter: (r) => (r.target.categories.find((x) => x.name === "Eng")!.denied = []),
    expect: { object: "category", name: "Eng", kind: "principals", field: "denied", missing: ["sip:carol@contoso.com"] },
  },
  {
    title: "an extra allowed member",
    alter: (r) => void r.target.categories.find((x) => x.name === "Sales")!.allowed.push("sip:mallory@contoso.com"),
    expect: { object: "category", name: "Sales", kind: "principals", field: "allowed", extra: ["sip:mallory@contoso.com"] },
  },
  { title: "an add-in missing", alter: (r) => void r.target.addins.pop(), expect: { object: "addin", name: "Tracker", kind: "missing" } },
  { title: "invitations turned off", alter: (r) => (r.target.rooms.find((x) => x.name === "Sales_EMEA_Q1")!.invitations = false), expect: { object: "room", name: "Sales_EMEA_Q1", kind: "setting", field: "invitations" } },
];

describe.each(diffs)("$title", ({ alter, expect: want }) => {
  it("is reported by object, and only it", async () => {
    const r = await expected();
    const altered: AnalysisResult = structuredClone(r);
    alter(altered);
    const v = await verify(r, simulateImport(altered, null));
    expect(v.ok).toBe(false);
    expect(v.mismatches).toHaveLength(1);
    expect(v.mismatches[0]).toMatchObject(want);
    expect(v.mismatches[0]!.message).toContain(want.name!);
    const f = mismatchFindings(v);
    expect(f[0]).toMatchObject({ severity: "error" });
    expect(f[0]!.subject).toContain(want.name!);
  });
});

describe("names", () => {
  it("are matched case-insensitively", async () => {
    const r = await expected();
    const altered: AnalysisResult = structuredClone(r);
    altered.target.rooms[0]!.name = altered.target.rooms[0]!.name.toUpperCase();
    expect((await verify(r, simulateImport(altered, null))).ok).toBe(true);
  });
  it("keep the group scope", async () => {
    const r = await expected();
    expect(r.target.categories.find((c) => c.name === "Sales")!.allowed).toEqual([GROUP]);
  });
});
