/**
 * One naming rule for rooms (LS:migration-process-details: rooms "under a child category ... are
 * prefixed with full parent category names. The naming limit is 256 characters, including parent
 * category names"), used alike for the expected 2013 name, the length check and both collision checks;
 * rooms an error blocks are marked in the model, the same way in `analyze --json`, the reports and
 * `verify`; and managers: only the root's are copied to rooms. In-memory legacy inventories stand in
 * for a Group Chat database; the simulated import stands in for the 2013 `mgc`.
 */
import { mkdtemp } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { analysisReport } from "../../migration-jobs/analysis/report";
import { renderMarkdown } from "../../migration-jobs/common/report";
import { bufferIo } from "../../migration-jobs/common/io";
import { writeSnapshot } from "../../migration-jobs/snapshot";
import { simulateImport, verify } from "../../migration-jobs/verification";
import { verificationReport } from "../../migration-jobs/verification/report";
import { runCli } from "../../src/cli/main";
import { baseLegacy, cat, room, source, type Legacy } from "./fixture";

// Categories of the fixture: Root(1) > Sales(10) > EMEA(11) > Deals(12); Root > Eng(20).
// Rooms: General(100) in Eng, Pipeline(101) in Deals, Q1(102) in EMEA.
interface NameCase {
  plant: (l: Legacy) => void;
  /** The planted (or examined) room's legacy id, its expected 2013 name and the codes that block it. */
  id: number;
  name: string;
  blockedBy: string[];
}

const long = (n: number) => "r".repeat(n);

describe.each<[string, NameCase]>([
  ["a room in a top-level category keeps its own name", { plant: (l) => l.rooms.push(room(103, "Lobby", 20)), id: 103, name: "Lobby", blockedBy: [] }],
  ["a room in a subcategory takes the flattened category name as a prefix", { plant: (l) => l.rooms.push(room(103, "Lobby", 11)), id: 103, name: "Sales_EMEA_Lobby", blockedBy: [] }],
  ["a room directly under the root keeps its own name", { plant: (l) => l.rooms.push(room(103, "Lobby", 1)), id: 103, name: "Lobby", blockedBy: [] }],
  ["250 characters in a top-level category fit (nothing is prefixed)", { plant: (l) => l.rooms.push(room(103, long(250), 20)), id: 103, name: long(250), blockedBy: [] }],
  ["250 characters in a subcategory do not: the prefix counts", { plant: (l) => l.rooms.push(room(103, long(250), 11)), id: 103, name: `Sales_EMEA_${long(250)}`, blockedBy: ["ROOM_NAME_TOO_LONG"] }],
  ["a top-level room named like a flattened category", { plant: (l) => l.rooms.push(room(103, "Sales_EMEA", 20)), id: 103, name: "Sales_EMEA", blockedBy: ["ROOM_NAMED_LIKE_CATEGORY"] }],
  ["a subcategory room whose prefixed name is a category's", { plant: (l) => l.rooms.push(room(103, "Deals", 11)), id: 103, name: "Sales_EMEA_Deals", blockedBy: ["ROOM_NAMED_LIKE_CATEGORY"] }],
  ["a room in a category whose name is too long", { plant: (l) => (l.categories.push(cat(30, long(257), 1)), l.rooms.push(room(103, "Inside", 30))), id: 103, name: "Inside", blockedBy: ["CATEGORY_NAME_TOO_LONG"] }],
  ["the kept room of a collision (the other is left out)", { plant: (l) => l.rooms.push(room(103, "Sales_EMEA_Q1", 20)), id: 102, name: "Sales_EMEA_Q1", blockedBy: ["ROOM_NAME_COLLISION"] }],
  ["a room sharing its GUID with another", { plant: (l) => (l.rooms[1]!.guid = l.rooms[0]!.guid), id: 101, name: "Sales_EMEA_Deals_Pipeline", blockedBy: ["DUPLICATE_GUID"] }],
])("%s", (_title, c) => {
  let legacy: Legacy;
  let r: AnalysisResult;
  beforeAll(async () => {
    legacy = baseLegacy();
    c.plant(legacy);
    r = await analyze(source(legacy));
  });
  const modelled = () => r.target.rooms.find((x) => x.legacyId === c.id);

  it("has the expected 2013 name and is marked with the codes that block it", () => {
    expect(modelled()).toMatchObject({ name: c.name, blockedBy: c.blockedBy });
    for (const code of c.blockedBy) expect(r.findings.some((f) => f.code === code && f.severity === "error")).toBe(true);
  });

  it("counts only what imports in counts.after; the blocked rooms in counts.excluded", () => {
    const importing = r.target.rooms.filter((x) => x.blockedBy.length === 0);
    expect(r.counts.after.rooms).toBe(importing.length);
    expect(r.counts.after.messagesSinceCutoff).toBe(importing.reduce((n, x) => n + x.messagesSinceCutoff, 0));
    expect(r.counts.excluded.blockedRooms).toBe(r.target.rooms.length - importing.length);
    expect(r.counts.excluded.rooms).toBe(r.counts.before.rooms - importing.length);
  });

  it("shows the same mark in the report", () => {
    const doc = analysisReport(r);
    const table = doc.sections.find((x) => x.heading === "Expected 2013 rooms")!.tables![0]!;
    const row = table.rows.find((x) => x[0] === c.name);
    expect(row?.[table.columns.indexOf("blocked by")]).toBe(c.blockedBy.join(", "));
    const counts = doc.sections.find((x) => x.heading === "Counts")!.tables![0]!.rows.find((x) => x[0] === "rooms")!;
    expect(String(counts[2])).toBe(c.blockedBy.length > 0 ? `${r.counts.after.rooms} (+${r.counts.excluded.blockedRooms} blocked by errors)` : String(r.counts.after.rooms));
  });

  it("verify after a faithful import: a blocked room is neither missing nor compared", async () => {
    const v = await verify(r, simulateImport(r, source(legacy)));
    expect(v.mismatches).toEqual([]);
    const listed = v.blocked.filter((b) => b.object === "room" && b.name === c.name);
    expect(listed).toEqual(c.blockedBy.length > 0 ? [{ object: "room", name: c.name, blockedBy: c.blockedBy, inTarget: false }] : []);
    if (c.blockedBy.length > 0) expect(renderMarkdown(verificationReport(v))).toContain("Blocked by readiness errors");
  });

  it("verify when the import brought the blocked room in anyway: not an extra room", async () => {
    const imported: AnalysisResult = structuredClone(r);
    for (const x of [...imported.target.rooms, ...imported.target.categories]) x.blockedBy = [];
    const v = await verify(r, simulateImport(imported, source(legacy)));
    expect(v.mismatches.filter((m) => m.kind === "extra" || m.kind === "missing")).toEqual([]);
    if (c.blockedBy.length > 0) expect(v.blocked.find((b) => b.name === c.name)?.inTarget).toBe(true);
  });
});

describe("analyze --json and verify --json on a blocked room (snapshots standing in for the databases)", () => {
  it("mark it in the JSON, and verify exits 0 without it in the target", async () => {
    const l = baseLegacy();
    l.rooms.push(room(103, long(250), 11));
    const dir = await mkdtemp(path.join(os.tmpdir(), "blocked-"));
    await writeSnapshot(source(l), path.join(dir, "legacy"));
    const io = bufferIo();
    expect(await runCli(["analyze", "--legacy", path.join(dir, "legacy"), "--json"], io)).toBe(1);
    const r = JSON.parse(io.out) as AnalysisResult;
    expect(r.target.rooms.find((x) => x.legacyId === 103)?.blockedBy).toEqual(["ROOM_NAME_TOO_LONG"]);
    await writeSnapshot(simulateImport(r, null), path.join(dir, "target"));
    const vio = bufferIo();
    expect(await runCli(["verify", "--legacy", path.join(dir, "legacy"), "--target", path.join(dir, "target"), "--json"], vio)).toBe(0);
    expect((JSON.parse(vio.out) as { blocked: { name: string }[] }).blocked.map((b) => b.name)).toEqual([`Sales_EMEA_${long(250)}`]);
  });
});

// --- managers (domain §2.3.2; LS:migration-process-details step 2) ------------------------------
const carol = "sip:carol@contoso.com";
describe.each<[string, (l: Legacy) => void, { copied: string[]; notCopied: string[]; findings: [string, string][] }]>([
  ["a root-category manager manages every room", (l) => l.roleAssignments.push({ nodeId: 1, principalId: 1002, role: "manager" }), { copied: ["General", "Sales_EMEA_Deals_Pipeline", "Sales_EMEA_Q1"], notCopied: [], findings: [["MANAGERS_COPIED_TO_ROOMS", 'category "Root" (id 1)']] }],
  ["a top-level category's manager is not copied to its rooms", (l) => l.roleAssignments.push({ nodeId: 10, principalId: 1002, role: "manager" }), { copied: [], notCopied: ["Sales_EMEA_Deals_Pipeline", "Sales_EMEA_Q1"], findings: [["CATEGORY_MANAGERS_DROPPED", 'category "Sales" (id 10)']] }],
  ["an intermediate category's manager is not copied", (l) => l.roleAssignments.push({ nodeId: 11, principalId: 1002, role: "manager" }), { copied: [], notCopied: ["Sales_EMEA_Deals_Pipeline", "Sales_EMEA_Q1"], findings: [["CATEGORY_MANAGERS_DROPPED", 'category "Sales_EMEA" (id 11)']] }],
  ["the room's own category's manager is not copied", (l) => l.roleAssignments.push({ nodeId: 20, principalId: 1002, role: "manager" }), { copied: [], notCopied: ["General"], findings: [["CATEGORY_MANAGERS_DROPPED", 'category "Eng" (id 20)']] }],
  ["a category manager who also manages a room keeps that room", (l) => l.roleAssignments.push({ nodeId: 11, principalId: 1002, role: "manager" }, { nodeId: 102, principalId: 1002, role: "manager" }), { copied: ["Sales_EMEA_Q1"], notCopied: ["Sales_EMEA_Deals_Pipeline"], findings: [["CATEGORY_MANAGERS_DROPPED", 'category "Sales_EMEA" (id 11)']] }],
])("%s", (_title, plant, want) => {
  let r: AnalysisResult;
  beforeAll(async () => {
    const l = baseLegacy();
    plant(l);
    r = await analyze(source(l));
  });
  const managers = (name: string) => r.target.rooms.find((x) => x.name === name)?.managers ?? [];

  it("puts the manager only where the rule says", () => {
    for (const name of want.copied) expect({ name, managers: managers(name) }).toEqual({ name, managers: expect.arrayContaining([carol]) });
    for (const name of want.notCopied) expect({ name, managers: managers(name) }).toEqual({ name, managers: expect.not.arrayContaining([carol]) });
  });

  it("says so in a finding naming the category, with its severity and fix", () => {
    const got = r.findings.filter((f) => f.code === "MANAGERS_COPIED_TO_ROOMS" || f.code === "CATEGORY_MANAGERS_DROPPED");
    expect(got.map((f) => [f.code, f.subject])).toEqual(want.findings);
    for (const f of got) {
      expect(f.severity).toBe("warning");
      expect(f.message).toContain(carol);
      expect(f.fix.length).toBeGreaterThan(20);
    }
    const dropped = got.find((f) => f.code === "CATEGORY_MANAGERS_DROPPED");
    if (dropped) expect(dropped.message).toMatch(/expects the import to drop them: a 2013 category has no managers, and the docs copy only the root category's managers/);
  });
});
