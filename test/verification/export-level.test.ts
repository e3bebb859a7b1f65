/**
 * `verify` per `-Level` of the export: it compares only the kinds of objects the level exports
 * (EXPORTED_BY_LEVEL, migration-jobs/analysis/export-level.ts). The simulated import stands in for the
 * lab's 2013 `mgc` (no SQL Server on this machine). The tables below are written out by hand, not
 * derived from the mapping under test: they are the mapping's specification.
 */
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { EXPORT_LEVELS, EXPORTED_BY_LEVEL, type ExportLevel, type ExportedKind } from "../../migration-jobs/analysis/export-level";
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import type { EntityName, InventorySource } from "../../migration-jobs/inventory/inventory";
import { verify, simulateImport, mismatchFindings, type Mismatch } from "../../migration-jobs/verification";
import { renderMarkdown } from "../../migration-jobs/common/report";
import { verificationReport } from "../../migration-jobs/verification/report";
import { baseLegacy, GROUP, source } from "../analysis/fixture";

async function expected(): Promise<AnalysisResult> {
  return analyze(source(baseLegacy()));
}

/** A target holding only some entities of `from` (what an import at one level might leave in an empty mgc). */
async function only(from: InventorySource, entities: EntityName[]): Promise<InventorySource> {
  const data: Partial<Record<EntityName, unknown[]>> = {};
  for (const e of entities) {
    const rows: unknown[] = [];
    for await (const r of from.read(e)) rows.push(r);
    data[e] = rows;
  }
  return memorySource(data as never, { kind: "lync2013", description: "partial mgc" });
}

describe.each<[ExportLevel, ExportedKind[]]>([
  ["All", ["principals", "categories", "rooms", "messages", "addins"]],
  ["User", ["principals"]],
  ["Category", ["categories"]],
  ["RoomDirectory", ["rooms"]],
  ["Content", ["messages"]],
])("-Level %s", (level, kinds) => {
  it(`compares ${kinds.join(", ")}`, async () => {
    expect(EXPORTED_BY_LEVEL[level]).toEqual(kinds);
    const r = await expected();
    const v = await verify(r, simulateImport(r, source(baseLegacy())), { exportLevel: level });
    expect(v.exportLevel).toBe(level);
    expect(v.compared).toEqual(kinds);
    expect(v.mismatches).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("says in the report what it compared and what not", async () => {
    const r = await expected();
    const md = renderMarkdown(verificationReport(await verify(r, simulateImport(r, null), { exportLevel: level })));
    expect(md).toContain(`Export level: ${level}`);
    if (level === "All") expect(md).not.toContain("not compared");
    else expect(md).toContain("not compared \\(not exported at this level\\)");
  });
});

describe("a target holding only what the level exports passes at that level", () => {
  // The principals read back, every other entity empty, and so on: nothing of the kinds a level does not export is reported missing.
  it.each<[ExportLevel, EntityName[]]>([
    ["User", ["principals"]],
    ["Category", ["principals", "categories", "scopes", "roleAssignments"]],
    ["Content", ["principals", "categories", "rooms", "messageDays"]],
  ])("%s with only %j", async (level, entities) => {
    const r = await expected();
    const target = await only(simulateImport(r, source(baseLegacy())), entities);
    const v = await verify(r, target, { exportLevel: level });
    expect(v.mismatches).toEqual([]);
    // ... while All, which exports everything, finds what is absent.
    expect((await verify(r, await only(simulateImport(r, source(baseLegacy())), entities), { exportLevel: "All" })).ok).toBe(false);
  });
});

interface Case {
  title: string;
  /** Changes the model the simulated target is built from: the target differs from the expected model by this. */
  alter: (r: AnalysisResult) => void;
  /** The levels at which it is a mismatch. */
  reportedAt: ExportLevel[];
  mismatch: Partial<Mismatch>;
  /** How many mismatches, where not one. */
  count?: Partial<Record<ExportLevel, number>>;
  /**
   * Simulate with the legacy principals and histogram (true), or from the model alone (false: the
   * target's principals are those the model names, its messages the model's counts).
   */
  withLegacy?: boolean;
}

const cases: Case[] = [
  {
    title: "a category setting changed",
    alter: (r) => (r.target.categories.find((c) => c.name === "Eng")!.fileUpload = false),
    reportedAt: ["All", "Category"],
    mismatch: { object: "category", name: "Eng", kind: "setting", field: "fileUpload" },
  },
  {
    title: "an extra category",
    alter: (r) => void r.target.categories.push({ ...r.target.categories[0]!, name: "Extra cat", legacyId: 998 }),
    reportedAt: ["All", "Category"],
    mismatch: { object: "category", name: "Extra cat", kind: "extra" },
  },
  {
    title: "a category naming an add-in (add-in references are compared with add-ins only)",
    alter: (r) => (r.target.categories.find((c) => c.name === "Eng")!.addin = "Tracker"),
    reportedAt: ["All"],
    mismatch: { object: "category", name: "Eng", kind: "setting", field: "addin" },
  },
  {
    title: "a room setting changed",
    alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.privacy = "secret"),
    reportedAt: ["All", "RoomDirectory"],
    mismatch: { object: "room", name: "General", kind: "setting", field: "privacy" },
  },
  {
    title: "a room manager lost",
    alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.managers = []),
    reportedAt: ["All", "RoomDirectory"],
    mismatch: { object: "room", name: "General", kind: "principals", field: "managers" },
  },
  {
    title: "an extra room",
    alter: (r) => void r.target.rooms.push({ ...r.target.rooms[0]!, name: "Surprise", legacyId: 999, messagesSinceCutoff: 0 }),
    reportedAt: ["All", "RoomDirectory"],
    mismatch: { object: "room", name: "Surprise", kind: "extra" },
  },
  {
    // Content compares each room's messages: a room that is not there has none, where 3 were expected.
    title: "a room missing (with its messages)",
    alter: (r) => void r.target.rooms.splice(r.target.rooms.findIndex((x) => x.name === "Sales_EMEA_Deals_Pipeline"), 1),
    reportedAt: ["All", "RoomDirectory", "Content"],
    mismatch: { object: "room", name: "Sales_EMEA_Deals_Pipeline" },
    withLegacy: true,
  },
  {
    title: "a message count short",
    alter: (r) => (r.target.rooms.find((x) => x.name === "General")!.messagesSinceCutoff -= 3),
    reportedAt: ["All", "Content"],
    mismatch: { object: "room", name: "General", kind: "messages", expected: 12, actual: 9 },
  },
  {
    title: "an add-in missing",
    alter: (r) => void r.target.addins.pop(),
    reportedAt: ["All"],
    mismatch: { object: "addin", name: "Tracker", kind: "missing" },
  },
  {
    // The group is named only by the allowed lists of Sales and its subcategories (scope inherited): at
    // User it is one missing principal, at Category and All three lists that lack it, and the room
    // levels do not look at it.
    title: "a principal absent from the target",
    alter: (r) => {
      for (const c of r.target.categories) c.allowed = c.allowed.filter((p) => p !== GROUP);
    },
    reportedAt: ["All", "User", "Category"],
    mismatch: { name: expect.stringMatching(/^(Sales|ma-grp:sales-all)$/) as unknown as string },
    count: { All: 3, Category: 3 },
  },
];

describe.each(cases)("$title", ({ alter, reportedAt, mismatch, count, withLegacy }) => {
  it.each(EXPORT_LEVELS.map((l) => [l, reportedAt.includes(l)] as const))("at -Level %s: reported %s", async (level, reported) => {
    const r = await expected();
    const altered: AnalysisResult = structuredClone(r);
    alter(altered);
    const v = await verify(r, simulateImport(altered, withLegacy ? source(baseLegacy()) : null), { exportLevel: level });
    expect(v.ok).toBe(!reported);
    if (!reported) {
      expect(v.mismatches).toEqual([]);
      return;
    }
    expect(v.mismatches).toHaveLength(count?.[level] ?? 1);
    expect(v.mismatches[0]).toMatchObject(mismatch);
    expect(mismatchFindings(v)[0]).toMatchObject({ severity: "error" });
  });
});

test("at -Level User a missing principal is named by URI", async () => {
  const r = await expected();
  const altered: AnalysisResult = structuredClone(r);
  for (const c of altered.target.categories) c.allowed = c.allowed.filter((p) => p !== GROUP);
  const v = await verify(r, simulateImport(altered, null), { exportLevel: "User" });
  expect(v.mismatches).toEqual([expect.objectContaining({ object: "principal", name: GROUP, kind: "missing", message: `Principal "${GROUP}" is missing from the target.` })]);
  expect(mismatchFindings(v)[0]).toMatchObject({ code: "VERIFY_PRINCIPAL_MISSING" });
});

test("blocked objects are listed only for the kinds compared", async () => {
  const r = await expected();
  r.target.rooms[0]!.blockedBy = ["ROOM_NAME_TOO_LONG"];
  r.target.categories[0]!.blockedBy = ["CATEGORY_NAME_TOO_LONG"];
  const kinds = async (level: ExportLevel) => (await verify(r, simulateImport(r, null), { exportLevel: level })).blocked.map((b) => b.object).sort();
  expect(await kinds("All")).toEqual(["category", "room"]);
  expect(await kinds("Category")).toEqual(["category"]);
  expect(await kinds("RoomDirectory")).toEqual(["room"]);
  expect(await kinds("Content")).toEqual(["room"]);
  expect(await kinds("User")).toEqual([]);
});
