/**
 * The live gate engine end to end on the engine's small synthetic legacy deployment. Snapshot
 * directories stand in for the SQL Server databases (the engine reads both the same way), and the
 * engine's import simulation stands in for Import-CsPersistentChatData.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { liveGateEngine, savedReadiness } from "../../src/runbook/gate-engine";
import { decideReadiness, decideVerification } from "../../migration-jobs/runbook/gates";
import { sampleSource, SAMPLE_CUTOFF } from "../../migration-jobs/sample";
import { openSnapshot, writeSnapshot } from "../../migration-jobs/snapshot";
import { simulateImport } from "../../migration-jobs/verification";

let work: string;
let legacyDir: string;
let targetDir: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-gates-"));
  legacyDir = path.join(work, "legacy");
  targetDir = path.join(work, "mgc");
  await writeSnapshot(sampleSource({ scale: "small", seed: 7 }), legacyDir);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test("readiness writes its reports and the analysis; verification after the import reuses that analysis", async () => {
  const reportDir = path.join(work, "reports", "run-1");
  const base = { legacy: legacyDir, target: null, cutoff: SAMPLE_CUTOFF, exportLevel: "All" as const, acceptWarnings: true, reportDir, trustServerCertificate: false };
  const readiness = await liveGateEngine(base).readiness();
  expect(readiness.reportPath).toBe(path.join(reportDir, "readiness.md"));
  expect(fs.existsSync(path.join(reportDir, "readiness.html"))).toBe(true);
  expect(readiness.outcome.findings.length).toBeGreaterThan(0);
  expect(readiness.outcome.files!.count).toBeGreaterThan(0);
  // A cutoff at -Level All: the analysis says -StartDate's effect is undocumented (domain §4.1).
  expect(readiness.outcome.findings.map((f) => f.code)).toContain("CUTOFF_LEVEL_UNDOCUMENTED");
  // The sample plants blocking cases on purpose: the gate must say so unless they are fixed.
  expect(decideReadiness(readiness.outcome, { runId: "run-1", acceptWarnings: false, reportPath: readiness.reportPath }).passed).toBe(false);

  const saved = await savedReadiness(reportDir);
  expect(saved).not.toBeNull();
  const legacy = await openSnapshot(legacyDir);
  try {
    await writeSnapshot(simulateImport(saved!, legacy), targetDir);
  } finally {
    await legacy.close();
  }

  // The legacy side is no longer readable (as after -DisableExportedNodes it would no longer tell the
  // truth): the gate must compare with the analysis the readiness gate saved.
  const verification = await liveGateEngine({ ...base, legacy: path.join(work, "gone"), target: targetDir }).verification();
  expect(verification.reportPath).toBe(path.join(reportDir, "verification.md"));
  const d = decideVerification(verification.outcome, { runId: "run-1", acceptWarnings: true, reportPath: verification.reportPath });
  expect(d.message).toContain("verification gate passed");
  // The faithful simulation applied the cutoff: the gate says it held, as info.
  expect(verification.outcome.findings!.filter((f) => f.severity !== "error").map((f) => f.code)).toEqual(["CUTOFF_HONOURED"]);
  const written = JSON.parse(fs.readFileSync(path.join(reportDir, "verification.json"), "utf8"));
  expect(written).toMatchObject({ exportLevel: "All", compared: ["principals", "categories", "rooms", "messages", "addins"], findings: [{ code: "CUTOFF_HONOURED" }] });

  // The same gate under another level compares only what that level exports.
  const content = await liveGateEngine({ ...base, exportLevel: "Content", legacy: path.join(work, "gone"), target: targetDir }).verification();
  expect(content.outcome.ok).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(reportDir, "verification.json"), "utf8"))).toMatchObject({ exportLevel: "Content", compared: ["messages"] });
});

test("without a saved analysis, verification analyses the legacy database again", async () => {
  const reportDir = path.join(work, "reports", "fresh");
  const engine = liveGateEngine({ legacy: path.join(work, "gone"), target: targetDir, cutoff: SAMPLE_CUTOFF, exportLevel: "All", acceptWarnings: true, reportDir, trustServerCertificate: false });
  await expect(engine.verification()).rejects.toThrow(/legacy/);
});
