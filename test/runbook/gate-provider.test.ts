/**
 * The gate dynamic provider, called directly as the Pulumi engine would (no Pulumi CLI here). The
 * migration engine, which needs SQL Server, is replaced by injected results; serialization is checked
 * with Pulumi's own closure serializer, which is what `pulumi up` runs on the provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { makeGateProvider, gateProvider, GateInputs, GATE_PROVIDER_VERSION } from "../../src/runbook/gate-provider";
import type { GateEngine } from "../../migration-jobs/runbook/gates";
import type { Finding } from "../../migration-jobs/common/finding";
import type { GateSources } from "../../src/runbook/gate-engine";

const SECRET = "Sentinel-Gate-Pa55";
const LEGACY = `Server=labsqlgc.contoso.local\\GC;Database=GroupChat;User Id=sa;Password=${SECRET}`;
const TARGET = `Server=labsql01.contoso.local\\RTC;Database=mgc;User Id=sa;Password=${SECRET}`;

const inputs = (over: Partial<GateInputs> = {}): GateInputs => ({
  gate: "readiness",
  runId: "run-1",
  acceptWarnings: false,
  cutoff: "2024-01-01",
  exportLevel: "All",
  legacy: LEGACY,
  target: TARGET,
  reportDir: "out/runbook/lab/run-1",
  trustServerCertificate: false,
  top: 5,
  version: GATE_PROVIDER_VERSION,
  ...over,
});

const finding = (severity: Finding["severity"], code: string): Finding => ({ code, severity, subject: `room "${code}"`, message: `${code}.`, fix: "fix it." });

function fakeEngine(readiness: Finding[], verifiedOk = true, fail: string | null = null) {
  const seen: GateSources[] = [];
  const calls: string[] = [];
  const factory = (s: GateSources): GateEngine => {
    seen.push(s);
    return {
      readiness: async () => {
        calls.push("readiness");
        if (fail) throw new Error(fail);
        return { outcome: { findings: readiness, files: { count: 12, bytes: 3456 } }, reportPath: `${s.reportDir}/readiness.md` };
      },
      verification: async () => {
        calls.push("verification");
        return { outcome: { ok: verifiedOk, findings: verifiedOk ? [] : [finding("error", "ROOM_MISSING")] }, reportPath: `${s.reportDir}/verification.md` };
      },
    };
  };
  return { factory, seen, calls };
}

describe("check", () => {
  const provider = makeGateProvider(fakeEngine([]).factory);
  test("accepts complete inputs", async () => {
    expect((await provider.check!({}, inputs())).failures).toEqual([]);
  });
  test.each<[string, Partial<GateInputs>, string]>([
    ["an unknown gate", { gate: "smoke" as never }, "gate"],
    ["no runId", { runId: "" }, "runId"],
    ["no legacy database", { legacy: "" }, "legacy"],
    ["a verification gate without target", { gate: "verification", target: null }, "target"],
    ["no report directory", { reportDir: "" }, "reportDir"],
    ["an unknown export level", { exportLevel: "Rooms" as never }, "exportLevel"],
  ])("rejects %s, naming the property", async (_n, over, property) => {
    const r = await provider.check!({}, inputs(over));
    expect(r.failures!.map((f) => f.property)).toContain(property);
    expect(JSON.stringify(r.failures)).not.toContain(SECRET);
  });
});

describe("a gate that ran is inert: what it decided with cannot change under its runId", () => {
  const provider = makeGateProvider(fakeEngine([]).factory);
  test.each<[string, Partial<GateInputs>, Partial<GateInputs>, string[]]>([
    ["a changed cutoff", {}, { cutoff: "2025-06-01" }, ["cutoff"]],
    ["a cutoff removed", {}, { cutoff: null }, ["cutoff"]],
    ["warnings accepted afterwards", {}, { acceptWarnings: true }, ["acceptWarnings"]],
    ["both", {}, { cutoff: "2025-06-01", acceptWarnings: true }, ["cutoff", "acceptWarnings"]],
    ["a new runId (a new run: accepted)", {}, { runId: "run-2", cutoff: "2025-06-01", acceptWarnings: true }, []],
    ["the same values (accepted)", {}, {}, []],
  ])("%s", async (_n, old, news, refused) => {
    const r = await provider.check!(inputs(old), inputs(news));
    expect(r.failures!.map((f) => f.property)).toEqual(refused);
    for (const f of r.failures!) expect(f.reason).toMatch(/pchat-kit:migration\.(cutoff|acceptWarnings) changed after the readiness gate of run run-1 ran.*new pchat-kit:migration\.runId/);
    expect(JSON.stringify(r.failures)).not.toContain(SECRET);
  });
  test("a gate never created (it blocked) takes the new values", async () => {
    expect((await provider.check!({}, inputs({ acceptWarnings: true }))).failures).toEqual([]);
  });
});

describe.each<[string, Partial<GateInputs>, Partial<GateInputs>, boolean]>([
  ["All -> Content, same runId", { exportLevel: "All" }, { exportLevel: "Content" }, true],
  ["RoomDirectory -> All, same runId", { exportLevel: "RoomDirectory" }, { exportLevel: "All" }, true],
  ["User -> Category, verification gate", { gate: "verification", exportLevel: "User" }, { gate: "verification", exportLevel: "Category" }, true],
  ["the same level", { exportLevel: "Content" }, { exportLevel: "Content" }, false],
  ["a changed level under a new runId (a new run)", { exportLevel: "All" }, { runId: "run-2", exportLevel: "Content" }, false],
  // A gate created before the gates took the level recorded none: nothing to compare with, so an
  // unchanged stack is not refused on its first pulumi up with this kit.
  ["a gate whose state has no level", { exportLevel: undefined }, { exportLevel: "RoomDirectory" }, false],
])("exportLevel after a gate ran: %s", (_n, old, news, refused) => {
  test(refused ? "is refused, naming pchat-kit:migration.exportLevel and the way out" : "is accepted", async () => {
    const provider = makeGateProvider(fakeEngine([]).factory);
    const r = await provider.check!(inputs(old), inputs(news));
    expect(r.failures!.map((f) => f.property)).toEqual(refused ? ["exportLevel"] : []);
    if (!refused) return;
    const gate = news.gate ?? "readiness";
    expect(r.failures![0]!.reason).toBe(
      `pchat-kit:migration.exportLevel changed after the ${gate} gate of run run-1 ran (${JSON.stringify(old.exportLevel)} -> ${JSON.stringify(news.exportLevel)}); a gate that ran does not run again under the same runId: set a new pchat-kit:migration.runId to act on the change, or put the old value back`,
    );
  });
});

describe("diff: keyed by runId", () => {
  const provider = makeGateProvider(fakeEngine([]).factory);
  test.each<[string, Partial<GateInputs>, boolean]>([
    ["the same runId", {}, false],
    ["the same runId with another cutoff", { cutoff: "2025-01-01" }, false],
    ["the same runId with another export level (check refuses it)", { exportLevel: "Content" }, false],
    ["a new runId", { runId: "run-2" }, true],
    ["a new provider version", { version: "2" }, true],
  ])("%s", async (_n, over, changes) => {
    const d = await provider.diff!("readiness-run-1", inputs(), inputs(over));
    expect(d.changes).toBe(changes);
    expect(d.replaces).toEqual([]);
  });
});

describe("create and update", () => {
  test("a passing readiness gate returns its report, counts and predicted files, and no secret", async () => {
    const engine = fakeEngine([finding("info", "TOPIC_DROPPED")]);
    const r = await makeGateProvider(engine.factory).create(inputs());
    expect(r.id).toBe("readiness-run-1");
    expect(r.outs).toMatchObject({ passed: true, reportPath: "out/runbook/lab/run-1/readiness.md", errors: 0, warnings: 0, infos: 1, expectedFiles: 12, expectedBytes: 3456 });
    expect(JSON.stringify(r.outs)).not.toContain(SECRET);
    expect(engine.calls).toEqual(["readiness"]);
    expect(engine.seen[0]).toMatchObject({ legacy: LEGACY, cutoff: "2024-01-01", exportLevel: "All", acceptWarnings: false });
  });

  test.each<[string, Partial<GateInputs>, string]>([
    ["the configured level", { exportLevel: "RoomDirectory" }, "RoomDirectory"],
    ["All when the inputs have none", { exportLevel: undefined }, "All"],
  ])("the engine gets %s", async (_n, over, level) => {
    const engine = fakeEngine([]);
    await makeGateProvider(engine.factory).create(inputs({ gate: "verification", ...over }));
    expect(engine.seen[0]!.exportLevel).toBe(level);
  });

  test("a verification gate whose only findings are the cutoff's infos passes", async () => {
    const factory = (s: GateSources): GateEngine => ({
      readiness: async () => ({ outcome: { findings: [] }, reportPath: null }),
      verification: async () => ({ outcome: { ok: true, findings: [finding("info", "CUTOFF_NOT_APPLIED")] }, reportPath: `${s.reportDir}/verification.md` }),
    });
    const r = await makeGateProvider(factory).create(inputs({ gate: "verification" }));
    expect(r.outs).toMatchObject({ passed: true, errors: 0, warnings: 0, infos: 1 });
    expect(r.outs.message).toContain("CUTOFF_NOT_APPLIED");
  });

  test("a blocked readiness gate fails with the report path and the top findings", async () => {
    const provider = makeGateProvider(fakeEngine([finding("error", "ROOM_NAME_TOO_LONG"), finding("warning", "INVITATIONS_FORCED_OFF")]).factory);
    await expect(provider.create(inputs())).rejects.toThrow(/readiness gate blocked run run-1/);
    await expect(provider.create(inputs())).rejects.toThrow(/report: out\/runbook\/lab\/run-1\/readiness.md/);
    await expect(provider.create(inputs())).rejects.toThrow(/error ROOM_NAME_TOO_LONG/);
  });

  test("accepted warnings pass", async () => {
    const provider = makeGateProvider(fakeEngine([finding("warning", "INVITATIONS_FORCED_OFF")]).factory);
    await expect(provider.create(inputs({ acceptWarnings: true }))).resolves.toMatchObject({ outs: { passed: true, warnings: 1 } });
  });

  test("the verification gate runs the reconciliation and blocks on a mismatch", async () => {
    const ok = fakeEngine([]);
    const r = await makeGateProvider(ok.factory).create(inputs({ gate: "verification" }));
    expect(ok.calls).toEqual(["verification"]);
    expect(r.outs).toMatchObject({ gate: "verification", passed: true, expectedFiles: -1 });
    await expect(makeGateProvider(fakeEngine([], false).factory).create(inputs({ gate: "verification" }))).rejects.toThrow(/verification gate blocked[\s\S]*ROOM_MISSING/);
  });

  test("a new runId re-runs the gate on update", async () => {
    const engine = fakeEngine([]);
    const provider = makeGateProvider(engine.factory);
    const r = await provider.update!("readiness-run-1", inputs(), inputs({ runId: "run-2" }));
    expect(r.outs).toMatchObject({ runId: "run-2", passed: true });
    expect(engine.calls).toEqual(["readiness"]);
  });

  test("an engine failure quoting the connection string is redacted", async () => {
    const provider = makeGateProvider(fakeEngine([], true, `login failed for ${LEGACY}`).factory);
    const err = await provider.create(inputs()).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/readiness gate \(run run-1\) could not run/);
    expect((err as Error).message).not.toContain(SECRET);
  });
});

describe("serialization, as pulumi up does it", () => {
  test("the provider with an injected engine serializes", async () => {
    const provider = makeGateProvider(fakeEngine([]).factory);
    const s = await pulumi.runtime.serializeFunction(() => provider);
    expect(s.text.length).toBeGreaterThan(0);
  });

  test("the live provider serializes (its engine opens connections inside each call) and holds no secret", async () => {
    const s = await pulumi.runtime.serializeFunction(() => gateProvider);
    expect(s.text).toContain("openInventory");
    expect(s.text).not.toContain(SECRET);
  });
});
