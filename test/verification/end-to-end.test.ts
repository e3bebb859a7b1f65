/**
 * End to end, as an engineer runs it, with snapshots standing in for the SQL Server databases this
 * machine does not have: `sample small` -> `analyze` finds every planted case of the sample's
 * manifest -> a faithful import (simulateImport, written as a 2013 snapshot) -> `verify` passes ->
 * a set of deliberate differences is reported object by object.
 */
import { mkdtemp } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";
import { sampleSource, plantedCases, SAMPLE_CUTOFF, type PlantedCase, type PlantedKind } from "../../migration-jobs/sample";
import { openSnapshot, writeSnapshot } from "../../migration-jobs/snapshot";
import { simulateImport, type VerificationResult } from "../../migration-jobs/verification";
import type { AnalysisResult } from "../../migration-jobs/analysis";
import type { Finding } from "../../migration-jobs/common/finding";

const SEED = 7;
let tmp: string;
let legacyDir: string;
let result: AnalysisResult;
let exitCode: number;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "e2e-"));
  legacyDir = path.join(tmp, "legacy");
  await writeSnapshot(sampleSource({ scale: "small", seed: SEED }), legacyDir);
  const io = bufferIo();
  exitCode = await runCli(["analyze", "--legacy", legacyDir, "--cutoff", SAMPLE_CUTOFF, "--json", "--report", path.join(tmp, "report")], io);
  result = JSON.parse(io.out) as AnalysisResult;
});

/** Which findings prove a planted case was found: a code, and the ids of the manifest it must name. */
type Expectation = { code: string; of: "categories" | "rooms" | "principals" | "addins"; match: "each" | "any" };
const FOUND_BY: Record<PlantedKind, Expectation[]> = {
  "nested-categories": [{ code: "CATEGORY_FLATTENED", of: "categories", match: "any" }],
  "root-managers": [{ code: "MANAGERS_COPIED_TO_ROOMS", of: "categories", match: "each" }],
  "room-name-too-long-with-prefix": [{ code: "ROOM_NAME_TOO_LONG", of: "rooms", match: "each" }],
  "name-collision-after-flattening": [
    { code: "CATEGORY_NAME_COLLISION", of: "categories", match: "any" },
    { code: "ROOM_NAME_COLLISION", of: "rooms", match: "any" },
  ],
  "room-named-like-category": [{ code: "ROOM_NAMED_LIKE_CATEGORY", of: "rooms", match: "each" }],
  "invitation-conflict": [{ code: "ROOM_INVITATIONS_FORCED_OFF", of: "rooms", match: "each" }],
  "federated-users": [{ code: "FEDERATED_PRINCIPAL_DISABLED", of: "principals", match: "each" }],
  "room-topic": [{ code: "ROOM_TOPIC_DROPPED", of: "rooms", match: "each" }],
  "settings-disagree-within-category": [{ code: "ROOM_SETTINGS_DISAGREE", of: "categories", match: "each" }],
  "allowed-scopes": [],
  "disabled-rooms": [{ code: "ROOM_DISABLED_EXCLUDED", of: "rooms", match: "each" }],
  "messages-around-cutoff": [],
  "addin-name-too-long": [{ code: "ADDIN_NAME_TOO_LONG", of: "addins", match: "each" }],
  "addin-url-too-long": [{ code: "ADDIN_URL_TOO_LONG", of: "addins", match: "each" }],
  "parent-cycle": [
    { code: "CATEGORY_PARENT_CYCLE", of: "categories", match: "each" },
    { code: "ROOM_ORPHAN", of: "rooms", match: "each" },
  ],
  "orphan-category": [
    { code: "CATEGORY_ORPHAN", of: "categories", match: "each" },
    { code: "ROOM_ORPHAN", of: "rooms", match: "each" },
  ],
  "orphan-room": [{ code: "ROOM_ORPHAN", of: "rooms", match: "each" }],
  "null-name": [
    { code: "CATEGORY_NAME_MISSING", of: "categories", match: "each" },
    { code: "ROOM_NAME_MISSING", of: "rooms", match: "each" },
  ],
  "name-too-long": [{ code: "ROOM_NAME_TOO_LONG", of: "rooms", match: "each" }],
  "unknown-principal-type": [{ code: "PRINCIPAL_TYPE_UNKNOWN", of: "principals", match: "each" }],
  "duplicate-guid": [
    { code: "DUPLICATE_GUID", of: "rooms", match: "any" },
    { code: "DUPLICATE_GUID", of: "principals", match: "any" },
  ],
};

const names = (f: Finding, id: string | number) => f.subject.includes(`(id ${id})`);

describe("analyze on the small sample", () => {
  it("exits 1 (the sample plants errors) and prints one JSON document", () => {
    expect(exitCode).toBe(1);
    expect(result.format).toBe("pchat-kit.analysis");
    expect(result.source.kind).toBe("lync2010");
  });

  const planted = plantedCases({ scale: "small", seed: SEED });
  it("knows every kind the manifest plants", () => {
    for (const p of planted) expect(Object.keys(FOUND_BY)).toContain(p.kind);
  });

  describe.each(planted.map((p) => [p.kind, p] as [PlantedKind, PlantedCase]))("planted case %s", (kind, p) => {
    it("is found", () => {
      for (const e of FOUND_BY[kind]) {
        const ids = p[e.of];
        const hits = result.findings.filter((f) => f.code === e.code);
        const found = ids.map((id) => hits.some((f) => names(f, id)));
        if (e.match === "each") expect({ code: e.code, found }).toEqual({ code: e.code, found: ids.map(() => true) });
        else expect({ code: e.code, any: found.some(Boolean) }).toEqual({ code: e.code, any: true });
      }
      if (kind === "messages-around-cutoff") {
        const room = result.target.rooms.find((r) => r.legacyId === p.rooms[0]);
        expect(room?.messagesSinceCutoff).toBe(p.expect.messagesSince);
        expect(result.findings.some((f) => f.code === "MESSAGES_BEFORE_CUTOFF")).toBe(true);
      }
      if (kind === "allowed-scopes") {
        const finance = result.target.categories.find((c) => c.legacyId === p.categories[1]);
        expect(finance?.allowed.length).toBeGreaterThanOrEqual(2);
        expect(result.findings.some((f) => f.code === "SCOPE_INHERITED")).toBe(true);
      }
      if (kind === "nested-categories") {
        const deepest = result.target.categories.find((c) => c.legacyId === p.categories[p.categories.length - 1]);
        expect(deepest?.name.split(result.separator)).toHaveLength(Number(p.expect.depthUnderRoot));
      }
      if (kind === "root-managers") {
        for (const r of result.target.rooms) expect(r.managers.length).toBeGreaterThanOrEqual(p.principals.length);
      }
    });
  });
});

async function verifyAgainst(target: AnalysisResult, withLegacy: boolean): Promise<{ code: number; v: VerificationResult }> {
  const dir = await mkdtemp(path.join(tmp, "target-"));
  const legacy = withLegacy ? await openSnapshot(legacyDir) : null;
  await writeSnapshot(simulateImport(target, legacy), dir);
  await legacy?.close();
  const io = bufferIo();
  const code = await runCli(["verify", "--legacy", legacyDir, "--target", dir, "--cutoff", SAMPLE_CUTOFF, "--json"], io);
  return { code, v: JSON.parse(io.out) as VerificationResult };
}

describe("verify after a faithful import", () => {
  it("passes, leaving out the rooms the planted errors block, which it lists and never calls missing", async () => {
    const { code, v } = await verifyAgainst(result, true);
    expect(v.mismatches).toEqual([]);
    expect(code).toBe(0);
    expect(v.counts.actual.messagesSinceCutoff).toBe(result.counts.after.messagesSinceCutoff);
    const blocked = result.target.rooms.filter((r) => r.blockedBy.length > 0);
    expect(blocked.length).toBeGreaterThan(0);
    expect(v.blocked.filter((b) => b.object === "room").map((b) => b.name).sort()).toEqual(blocked.map((r) => r.name).sort());
  });

  it("reports each deliberate difference by object", async () => {
    const t: AnalysisResult = structuredClone(result);
    const rooms = t.target.rooms.filter((r) => r.managers.length > 0 && r.messagesSinceCutoff > 0 && r.blockedBy.length === 0);
    const [gone, managed, counted, changed] = [rooms[0]!, rooms[1]!, rooms[2]!, rooms[3]!];
    t.target.rooms = t.target.rooms.filter((r) => r !== gone);
    const lost = managed.managers.pop()!;
    counted.messagesSinceCutoff -= 1;
    changed.privacy = changed.privacy === "secret" ? "open" : "secret";
    t.target.rooms.push({ ...changed, name: "Not In Legacy", legacyId: -1 });
    const { code, v } = await verifyAgainst(t, false);
    expect(code).toBe(1);
    const about = (name: string, kind: string) => v.mismatches.filter((m) => m.name === name && m.kind === kind);
    expect(about(gone.name, "missing")).toHaveLength(1);
    expect(about(managed.name, "principals")[0]).toMatchObject({ field: "managers", missing: [lost] });
    expect(about(counted.name, "messages")[0]).toMatchObject({ expected: counted.messagesSinceCutoff + 1, actual: counted.messagesSinceCutoff });
    expect(about(changed.name, "setting")[0]).toMatchObject({ field: "privacy" });
    expect(about("Not In Legacy", "extra")).toHaveLength(1);
    expect(v.mismatches).toHaveLength(5);
  });
});
