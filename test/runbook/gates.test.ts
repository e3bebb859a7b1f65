/**
 * The gates' decisions. The engine (analyze/verify against SQL Server, which this machine lacks) is
 * replaced by injected results: the decision logic is what is under test.
 */
import { decideReadiness, decideVerification, enforceGate, GateBlockedError, GateEngine, runGate } from "../../migration-jobs/runbook/gates";
import { Finding } from "../../migration-jobs/common/finding";

const f = (severity: Finding["severity"], code: string): Finding => ({ code, severity, subject: `room "${code.toLowerCase()}"`, message: `${code} happened.`, fix: `fix ${code}.` });
const ERR = f("error", "ROOM_NAME_TOO_LONG");
const WARN = f("warning", "INVITATIONS_FORCED_OFF");
const INFO = f("info", "TOPIC_DROPPED");
const OPTS = { runId: "run-1", reportPath: "out/reports/run-1/readiness.md" };

describe.each<[string, Finding[], boolean, boolean]>([
  ["no findings", [], false, true],
  ["only info", [INFO], false, true],
  ["a warning, not accepted", [WARN, INFO], false, false],
  ["a warning, accepted", [WARN, INFO], true, true],
  ["an error", [ERR], false, false],
  ["an error with warnings accepted", [ERR, WARN], true, false],
])("readiness with %s", (_name, findings, acceptWarnings, passed) => {
  test(passed ? "passes" : "blocks", () => {
    const d = decideReadiness({ findings }, { ...OPTS, acceptWarnings });
    expect(d.passed).toBe(passed);
    expect(d.message).toContain(passed ? "readiness gate passed run run-1" : "readiness gate blocked run run-1");
    expect(d.message).toContain("report: out/reports/run-1/readiness.md");
    if (passed) expect(() => enforceGate(d)).not.toThrow();
    else expect(() => enforceGate(d)).toThrow(GateBlockedError);
  });
});

test("a blocked gate lists the most severe findings first, at most `top`, and says how many more", () => {
  const findings = [INFO, WARN, f("warning", "A_WARNING"), ERR, f("error", "B_ERROR"), f("error", "A_ERROR")];
  const d = decideReadiness({ findings }, { ...OPTS, acceptWarnings: false, top: 3 });
  expect(d.topFindings.map((x) => x.code)).toEqual(["A_ERROR", "B_ERROR", "ROOM_NAME_TOO_LONG"]);
  expect(d.counts).toEqual({ error: 3, warning: 2, info: 1 });
  expect(d.message).toContain("3 errors, 2 warnings (warnings not accepted)");
  expect(d.message).toContain('  - error A_ERROR room "a_error": A_ERROR happened. fix: fix A_ERROR.');
  expect(d.message).toContain("(3 more in the report)");
});

test("the blocked gate's error carries the message, exit code 1 and a fix", () => {
  const d = decideReadiness({ findings: [ERR] }, { ...OPTS, acceptWarnings: false });
  try {
    enforceGate(d);
    throw new Error("expected a block");
  } catch (e) {
    const err = e as GateBlockedError;
    expect(err.exitCode).toBe(1);
    expect(err.where).toBe("readiness gate (run run-1)");
    expect(err.describe()).toContain("ROOM_NAME_TOO_LONG");
    expect(err.describe()).toContain("out/reports/run-1/readiness.md");
    expect(err.fix).toMatch(/acceptWarnings/);
  }
});

test("a connection string quoted by a finding never reaches the gate message", () => {
  const leaky: Finding = { ...ERR, message: "cannot read Server=sql01;User Id=sa;Password=Sentinel-Pa55;Database=GroupChat" };
  const d = decideReadiness({ findings: [leaky] }, { ...OPTS, acceptWarnings: false });
  expect(d.message).not.toContain("Sentinel-Pa55");
  expect(d.message).toContain("Password=[secret]");
});

describe.each<[string, { ok: boolean; findings?: Finding[] }, boolean]>([
  ["a clean reconciliation", { ok: true, findings: [] }, true],
  ["a reconciliation with info only", { ok: true, findings: [INFO] }, true],
  ["a mismatch", { ok: false, findings: [f("error", "ROOM_MISSING")] }, false],
  ["not ok without findings", { ok: false }, false],
  ["ok but a blocking warning", { ok: true, findings: [WARN] }, false],
])("verification with %s", (_name, outcome, passed) => {
  test(passed ? "passes" : "blocks", () => {
    const d = decideVerification(outcome, { ...OPTS, acceptWarnings: false, reportPath: "out/verify.md" });
    expect(d.passed).toBe(passed);
    expect(d.gate).toBe("verification");
    if (!outcome.ok) expect(d.message).toContain("does not match");
  });
});

describe("runGate with an injected engine", () => {
  const engine = (readiness: Finding[], verifiedOk: boolean): GateEngine & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      readiness: async () => {
        calls.push("readiness");
        return { outcome: { findings: readiness, files: { count: 3, bytes: 30 } }, reportPath: "out/r.md" };
      },
      verification: async () => {
        calls.push("verification");
        return { outcome: { ok: verifiedOk }, reportPath: "out/v.md" };
      },
    };
  };

  test("readiness calls only the analysis and reports its path", async () => {
    const e = engine([WARN], true);
    const d = await runGate("readiness", e, { runId: "r", acceptWarnings: true });
    expect(e.calls).toEqual(["readiness"]);
    expect(d).toMatchObject({ passed: true, reportPath: "out/r.md" });
  });

  test("verification calls only the reconciliation", async () => {
    const e = engine([], false);
    const d = await runGate("verification", e, { runId: "r", acceptWarnings: false });
    expect(e.calls).toEqual(["verification"]);
    expect(d).toMatchObject({ passed: false, reportPath: "out/v.md" });
  });
});
